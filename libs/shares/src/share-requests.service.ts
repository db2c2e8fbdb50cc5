import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import { MemberStatus, type Principal, permit } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { MemberEntity } from '@commons/members';
import { parseCents } from '@commons/surplus';
import { ShareClassEntity } from './entities/share-class.entity.js';
import { type ShareOperationEntity, ShareOperationKind, ShareOperationStatus } from './entities/share-operation.entity.js';
import { RedemptionCapService } from './redemption-cap.service.js';
import { OPERATION_COLUMNS, toOperation } from './share-register.service.js';
import { expectAtLeast, expectWithinMaximum, positionOf } from './share-positions.js';
import { amountOf, mayHold, validateQuantity } from './share-rules.js';
import { SharesPolicy } from './shares.policy.js';

const MAX_REASON = 2_000;

function reasonText(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length > MAX_REASON) throw new BadUserInputError(`reason must be at most ${MAX_REASON} characters.`, 'reason');
  return trimmed === '' ? null : trimmed;
}

/** Lets members hold shares of a class: new members (APPLICANT) and ACTIVE ones. */
const MAY_RECEIVE: readonly MemberStatus[] = [MemberStatus.APPLICANT, MemberStatus.ACTIVE];

/** Requests from members (subscribe, transfer, redeem, cancel) and admins' decisions on them. */
@Injectable()
export class ShareRequestsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cap: RedemptionCapService,
  ) {}

  async requestShares(actor: Principal, shareClassId: string, quantity: number): Promise<ShareOperationEntity> {
    const manager = this.work.manager;
    const shareClass = await this.shareClass(manager, shareClassId);
    validateQuantity(quantity);
    const member = await this.lockMember(manager, actor.id);
    this.expectMayHold(shareClass, member, 'You');
    const position = await positionOf(manager, member.id, shareClass.id);
    expectWithinMaximum(shareClass, position.held + position.incoming, quantity, 'You (with your open requests)');
    return this.insert(actor, manager, { kind: ShareOperationKind.SUBSCRIPTION, member, counterpart: null, shareClass, quantity });
  }

  async requestTransfer(actor: Principal, toMemberId: string, shareClassId: string, quantity: number): Promise<ShareOperationEntity> {
    const manager = this.work.manager;
    const receiverId = assertUuid(toMemberId, 'toMemberId');
    if (receiverId === actor.id) throw new BadUserInputError('You cannot transfer shares to yourself.', 'toMemberId');
    const shareClass = await this.shareClass(manager, shareClassId);
    validateQuantity(quantity);
    // Both members' rows, in id order, so two crossing transfers cannot deadlock.
    const [first, second] = [actor.id, receiverId].sort();
    const locked = new Map([
      [first, await this.lockMember(manager, first, first === receiverId ? 'toMemberId' : undefined)],
      [second, await this.lockMember(manager, second, second === receiverId ? 'toMemberId' : undefined)],
    ]);
    const giver = locked.get(actor.id)!;
    const receiver = locked.get(receiverId)!;
    if (!MAY_RECEIVE.includes(receiver.status))
      throw new ConflictError(`Shares can be transferred only to applicants and ACTIVE members; this member is ${receiver.status}.`);
    this.expectMayHold(shareClass, giver, 'You');
    this.expectMayHold(shareClass, receiver, 'The receiver');
    const mine = await positionOf(manager, giver.id, shareClass.id);
    expectAtLeast(shareClass, mine.held - mine.outgoing, quantity, shareClass.minPerMember, 'You (after your open requests)');
    const theirs = await positionOf(manager, receiver.id, shareClass.id);
    expectWithinMaximum(shareClass, theirs.held + theirs.incoming, quantity, 'The receiver (with their open requests)');
    return this.insert(actor, manager, { kind: ShareOperationKind.TRANSFER, member: giver, counterpart: receiver, shareClass, quantity });
  }

  async requestRedemption(actor: Principal, shareClassId: string, quantity: number): Promise<ShareOperationEntity> {
    const manager = this.work.manager;
    const shareClass = await this.shareClass(manager, shareClassId);
    validateQuantity(quantity);
    if (!shareClass.redeemable) throw new ConflictError(`${shareClass.code} shares cannot be redeemed; they can be transferred.`);
    const member = await this.lockMember(manager, actor.id);
    const position = await positionOf(manager, member.id, shareClass.id);
    expectAtLeast(shareClass, position.held - position.outgoing, quantity, shareClass.minPerMember, 'You (after your open requests)');
    return this.insert(actor, manager, { kind: ShareOperationKind.REDEMPTION, member, counterpart: null, shareClass, quantity });
  }

  /** Its member, while REQUESTED (or QUEUED: a member may leave the queue). */
  async cancel(actor: Principal, id: string): Promise<ShareOperationEntity> {
    const manager = this.work.manager;
    const operation = await this.lockOperation(manager, id);
    permit(SharesPolicy.cancel, actor, operation);
    if (operation.status !== ShareOperationStatus.REQUESTED && operation.status !== ShareOperationStatus.QUEUED)
      throw new ConflictError(`Only a REQUESTED or QUEUED operation can be cancelled; this one is ${operation.status}.`);
    await this.update(manager, operation, { status: ShareOperationStatus.CANCELLED, reason: 'Cancelled by the member.' });
    this.audit.record({ actorId: actor.id, action: 'share_operation.cancelled', entityType: 'ShareOperation', entityId: operation.id });
    return operation;
  }

  /**
   * ADMIN: APPROVED or REFUSED. A redemption past the year's cap (or behind earlier queued ones) is QUEUED
   * instead, and approved by itself once it fits; a queued one can still be refused.
   */
  async decide(actor: Principal, id: string, approve: boolean, reason: string | null | undefined): Promise<ShareOperationEntity> {
    const manager = this.work.manager;
    const why = reasonText(reason);
    // A redemption's approval takes the cap's lock before the operation's, as the queue and withdrawals do.
    const peeked = await this.lockOperation(manager, id, false);
    const year = peeked.kind === ShareOperationKind.REDEMPTION && approve ? await this.cap.lockYear(manager) : null;
    const operation = await this.lockOperation(manager, id);
    const open = approve ? [ShareOperationStatus.REQUESTED] : [ShareOperationStatus.REQUESTED, ShareOperationStatus.QUEUED];
    if (!open.includes(operation.status)) {
      const waiting = operation.status === ShareOperationStatus.QUEUED ? ' It is approved by itself once the redemption cap allows.' : '';
      throw new ConflictError(
        `This operation is ${operation.status}; only a REQUESTED one can be ${approve ? 'approved' : 'refused'}.${waiting}`,
      );
    }
    let data: Record<string, unknown> = { kind: operation.kind, reason: why };
    if (!approve) {
      await this.update(manager, operation, {
        status: ShareOperationStatus.REFUSED,
        reason: why,
        decidedAt: new Date(),
        decidedBy: actor.id,
      });
    } else if (operation.kind !== ShareOperationKind.REDEMPTION) {
      await this.update(manager, operation, {
        status: ShareOperationStatus.APPROVED,
        reason: why,
        decidedAt: new Date(),
        decidedBy: actor.id,
      });
    } else if (year) {
      const ahead = await this.cap.queuedAhead(manager, operation.requestedAt, operation.id);
      const fits = !ahead && year.usedCents + parseCents(operation.amount) <= year.capCents;
      if (fits) {
        await this.update(manager, operation, {
          status: ShareOperationStatus.APPROVED,
          reason: why,
          decidedAt: new Date(),
          decidedBy: actor.id,
          capYearStart: year.start,
        });
      } else {
        const queuedReason = ahead
          ? `Queued behind earlier redemptions waiting for the redemption cap (${this.cap.describe(year)}).`
          : `Past the redemption cap: ${this.cap.describe(year)}. It is approved by itself when the next fiscal year opens or the cap is raised.`;
        await this.update(manager, operation, {
          status: ShareOperationStatus.QUEUED,
          reason: queuedReason,
          decidedAt: new Date(),
          decidedBy: actor.id,
        });
      }
      data = { ...data, capYearStart: year.start.toISOString() };
    }
    this.audit.record({
      actorId: actor.id,
      action: `share_operation.${operation.status.toLowerCase()}`,
      entityType: 'ShareOperation',
      entityId: operation.id,
      data,
    });
    return operation;
  }

  /** The operation, locked FOR UPDATE until the transaction ends (or only read, with `lock` false). */
  async lockOperation(manager: EntityManager, id: string, lock = true): Promise<ShareOperationEntity> {
    const rows = await manager.query(`SELECT ${OPERATION_COLUMNS} FROM share_operations o WHERE o.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
      assertUuid(id, 'id'),
    ]);
    if (!rows[0]) throw new NotFoundError('Share operation', id);
    return toOperation(rows[0]);
  }

  async update(manager: EntityManager, operation: ShareOperationEntity, changes: Partial<ShareOperationEntity>): Promise<void> {
    Object.assign(operation, changes);
    await manager.query(
      `UPDATE share_operations SET status = $2, reason = $3, decided_at = $4, decided_by = $5, cap_year_start = $6 WHERE id = $1`,
      [operation.id, operation.status, operation.reason, operation.decidedAt, operation.decidedBy, operation.capYearStart],
    );
  }

  private async insert(
    actor: Principal,
    manager: EntityManager,
    request: {
      kind: ShareOperationKind;
      member: MemberEntity;
      counterpart: MemberEntity | null;
      shareClass: ShareClassEntity;
      quantity: number;
    },
  ): Promise<ShareOperationEntity> {
    const amount = amountOf(request.quantity, request.shareClass.nominalValue);
    const [row] = await manager.query(
      `INSERT INTO share_operations (kind, status, member_id, counterpart_id, share_class_id, quantity, amount, requested_at)
       VALUES ($1, 'REQUESTED', $2, $3, $4, $5, $6, clock_timestamp()) RETURNING id`,
      [request.kind, request.member.id, request.counterpart?.id ?? null, request.shareClass.id, request.quantity, amount],
    );
    const [created] = await manager.query(`SELECT ${OPERATION_COLUMNS} FROM share_operations o WHERE o.id = $1`, [row.id]);
    this.audit.record({
      actorId: actor.id,
      action: 'share_operation.requested',
      entityType: 'ShareOperation',
      entityId: row.id,
      data: {
        kind: request.kind,
        shareClass: request.shareClass.code,
        quantity: request.quantity,
        amount,
        counterpartId: request.counterpart?.id ?? null,
      },
    });
    return toOperation(created);
  }

  private async shareClass(manager: EntityManager, id: string): Promise<ShareClassEntity> {
    const shareClass = await manager.getRepository(ShareClassEntity).findOneBy({ id: assertUuid(id, 'shareClassId') });
    if (!shareClass) throw new NotFoundError('Share class', id);
    return shareClass;
  }

  private async lockMember(manager: EntityManager, id: string, field?: string): Promise<MemberEntity> {
    // FOR SHARE: a member's requests wait for a change of their standing (withdrawal), and it for them.
    const member = await manager.getRepository(MemberEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_read' } });
    if (!member) {
      if (field) throw new NotFoundError('Member', id);
      throw new ConflictError('Your membership record was not found.');
    }
    return member;
  }

  private expectMayHold(shareClass: ShareClassEntity, member: MemberEntity, who: string): void {
    if (!mayHold(shareClass, member.stakeholderClass))
      throw new ConflictError(
        `${who} (${member.stakeholderClass}) may not hold ${shareClass.code} shares; they are for ${shareClass.stakeholderClasses.join(', ')}.`,
      );
  }
}
