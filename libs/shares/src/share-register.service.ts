import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { assertUuid, BadUserInputError, type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { formatCents, parseCents } from '@commons/surplus';
import { ShareClassEntity } from './entities/share-class.entity.js';
import { type ShareOperationEntity, ShareOperationStatus } from './entities/share-operation.entity.js';
import { amountOf } from './share-rules.js';

/** Sorts unnumbered operations after the register's entries. */
const UNNUMBERED = 2_147_483_647;

export interface HoldingRow {
  memberId: string;
  shareClass: ShareClassEntity;
  quantity: number;
  amount: string;
}

export interface RegisterFilter {
  /** Only operations of this member (as the one who subscribes, transfers away or redeems, or receives). */
  memberId?: string | null;
  status?: ShareOperationStatus | null;
}

interface OperationRow {
  id: string;
  number: number | null;
  kind: ShareOperationEntity['kind'];
  status: ShareOperationStatus;
  member_id: string;
  counterpart_id: string | null;
  share_class_id: string;
  quantity: number;
  amount: string;
  requested_at: Date;
  decided_at: Date | null;
  settled_at: Date | null;
  reason: string | null;
  decided_by: string | null;
  settled_by: string | null;
  cap_year_start: Date | null;
  posting_id: string | null;
}

export function toOperation(row: OperationRow): ShareOperationEntity {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    memberId: row.member_id,
    counterpartId: row.counterpart_id,
    shareClassId: row.share_class_id,
    quantity: row.quantity,
    amount: row.amount,
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    settledAt: row.settled_at,
    settledBy: row.settled_by,
    reason: row.reason,
    capYearStart: row.cap_year_start,
    postingId: row.posting_id,
  };
}

export const OPERATION_COLUMNS =
  'o.id, o.number, o.kind, o.status, o.member_id, o.counterpart_id, o.share_class_id, o.quantity, o.amount::text AS amount, ' +
  'o.requested_at, o.decided_at, o.settled_at, o.reason, o.decided_by, o.settled_by, o.cap_year_start, o.posting_id';

/** Reading the register: classes, holdings, members' share capital, operations. */
@Injectable()
export class ShareRegisterService {
  constructor(private readonly work: UnitOfWork) {}

  classes(): Promise<ShareClassEntity[]> {
    return this.work.manager.getRepository(ShareClassEntity).find({ order: { code: 'ASC' } });
  }

  async classesByIds(ids: readonly string[]): Promise<Map<string, ShareClassEntity>> {
    const classes = await this.work.manager.getRepository(ShareClassEntity).findBy({ id: In([...ids]) });
    return new Map(classes.map((shareClass) => [shareClass.id, shareClass]));
  }

  async operation(id: string): Promise<ShareOperationEntity | null> {
    const rows: OperationRow[] = await this.work.manager.query(`SELECT ${OPERATION_COLUMNS} FROM share_operations o WHERE o.id = $1`, [
      assertUuid(id, 'id'),
    ]);
    return rows[0] ? toOperation(rows[0]) : null;
  }

  /** Each member's holdings (quantity above 0), by class code. */
  async holdings(memberIds: readonly string[]): Promise<Map<string, HoldingRow[]>> {
    const rows: Array<{ member_id: string; share_class_id: string; quantity: number }> = await this.work.manager.query(
      `SELECT h.member_id, h.share_class_id, h.quantity FROM share_holdings h
         JOIN share_classes c ON c.id = h.share_class_id
        WHERE h.member_id = ANY($1::uuid[]) AND h.quantity > 0 ORDER BY c.code`,
      [memberIds],
    );
    const classes = await this.classesByIds([...new Set(rows.map((row) => row.share_class_id))]);
    const byMember = new Map<string, HoldingRow[]>();
    for (const row of rows) {
      const shareClass = classes.get(row.share_class_id)!;
      const holding = {
        memberId: row.member_id,
        shareClass,
        quantity: row.quantity,
        amount: amountOf(row.quantity, shareClass.nominalValue),
      };
      byMember.set(row.member_id, [...(byMember.get(row.member_id) ?? []), holding]);
    }
    return byMember;
  }

  /** Each member's share capital: the sum of their paid holdings. */
  async shareCapital(memberIds: readonly string[]): Promise<Map<string, string>> {
    const holdings = await this.holdings(memberIds);
    return new Map(
      memberIds.map((id) => [id, formatCents((holdings.get(id) ?? []).reduce((sum, holding) => sum + parseCents(holding.amount), 0n))]),
    );
  }

  /** The register, its entries first in number order, then the operations not (yet) in effect in request order. */
  async list(filter: RegisterFilter, first?: number | null, after?: string | null): Promise<Connection<ShareOperationEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 3);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (filter.memberId) {
      parameters.push(assertUuid(filter.memberId, 'memberId'));
      conditions.push(`(o.member_id = $${parameters.length} OR o.counterpart_id = $${parameters.length})`);
    }
    if (filter.status) {
      parameters.push(filter.status);
      conditions.push(`o.status = $${parameters.length}`);
    }
    const where = (all: string[]) => (all.length > 0 ? `WHERE ${all.join(' AND ')}` : '');
    const [{ count }]: Array<{ count: number }> = await this.work.manager.query(
      `SELECT count(*)::int AS count FROM share_operations o ${where(conditions)}`,
      parameters,
    );
    const paged = [...conditions];
    const pageParameters = [...parameters];
    if (cursor) {
      const [number, requestedAt, id] = cursor;
      if (typeof number !== 'number' || typeof requestedAt !== 'string' || typeof id !== 'string')
        throw new BadUserInputError('after is not a cursor this list gave out.', 'after');
      pageParameters.push(number, new Date(requestedAt), assertUuid(id, 'after'));
      const at = pageParameters.length;
      paged.push(`(coalesce(o.number, ${UNNUMBERED}), o.requested_at, o.id) > ($${at - 2}, $${at - 1}, $${at})`);
    }
    pageParameters.push(limit + 1);
    const rows: OperationRow[] = await this.work.manager.query(
      `SELECT ${OPERATION_COLUMNS} FROM share_operations o ${where(paged)}
        ORDER BY coalesce(o.number, ${UNNUMBERED}), o.requested_at, o.id LIMIT $${pageParameters.length}`,
      pageParameters,
    );
    return toConnection(rows.map(toOperation), limit, count, (operation) =>
      encodeCursor([operation.number ?? UNNUMBERED, operation.requestedAt.toISOString(), operation.id]),
    );
  }
}
