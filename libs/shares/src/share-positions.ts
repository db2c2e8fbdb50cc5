import type { EntityManager } from 'typeorm';
import { ConflictError } from '@commons/core';
import type { ShareClassEntity } from './entities/share-class.entity.js';

/** What a member holds of a class, and what their open requests would move in and out. */
export interface Position {
  held: number;
  /** Requested or approved subscriptions and transfers to them. */
  incoming: number;
  /** Requested, approved or queued transfers away and redemptions. */
  outgoing: number;
}

/** A member's position in a class, leaving out one operation (the one being decided) if given. */
export async function positionOf(
  manager: EntityManager,
  memberId: string,
  shareClassId: string,
  exceptOperationId?: string,
): Promise<Position> {
  const [row]: Array<{ held: number; incoming: number; outgoing: number }> = await manager.query(
    `SELECT coalesce((SELECT quantity FROM share_holdings WHERE member_id = $1 AND share_class_id = $2), 0)::int AS held,
            coalesce(sum(quantity) FILTER (WHERE status IN ('REQUESTED', 'APPROVED')
              AND ((kind = 'SUBSCRIPTION' AND member_id = $1) OR (kind = 'TRANSFER' AND counterpart_id = $1))), 0)::int AS incoming,
            coalesce(sum(quantity) FILTER (WHERE status IN ('REQUESTED', 'APPROVED', 'QUEUED')
              AND kind IN ('TRANSFER', 'REDEMPTION') AND member_id = $1), 0)::int AS outgoing
       FROM share_operations
      WHERE share_class_id = $2 AND (member_id = $1 OR counterpart_id = $1) AND id IS DISTINCT FROM $3::uuid`,
    [memberId, shareClassId, exceptOperationId ?? null],
  );
  return row;
}

/** Locks the holding rows of these members in one class, in id order (so two settlements never wait on each other in a cycle). */
export async function lockHoldings(manager: EntityManager, shareClassId: string, memberIds: string[]): Promise<Map<string, number>> {
  const ids = [...new Set(memberIds)].sort();
  await manager.query(
    `INSERT INTO share_holdings (member_id, share_class_id, quantity) SELECT id, $2, 0 FROM unnest($1::uuid[]) AS id
     ON CONFLICT DO NOTHING`,
    [ids, shareClassId],
  );
  const rows: Array<{ member_id: string; quantity: number }> = await manager.query(
    `SELECT member_id, quantity FROM share_holdings WHERE share_class_id = $1 AND member_id = ANY($2::uuid[]) ORDER BY member_id FOR UPDATE`,
    [shareClassId, ids],
  );
  return new Map(rows.map((row) => [row.member_id, row.quantity]));
}

/** CONFLICT unless `quantity` more keeps the holder within the class's maximum. */
export function expectWithinMaximum(shareClass: ShareClassEntity, holding: number, quantity: number, who: string): void {
  if (shareClass.maxPerMember !== null && holding + quantity > shareClass.maxPerMember)
    throw new ConflictError(
      `${who} would hold ${holding + quantity} ${shareClass.code} shares; the class allows at most ${shareClass.maxPerMember} per member.`,
    );
}

/** CONFLICT unless `quantity` fewer leaves at least `least` (the class minimum while a member, else 0). */
export function expectAtLeast(shareClass: ShareClassEntity, holding: number, quantity: number, least: number, who: string): void {
  if (holding - quantity < 0) throw new ConflictError(`${who} holds only ${holding} ${shareClass.code} shares (${quantity} asked for).`);
  if (holding - quantity < least)
    throw new ConflictError(
      `${who} must keep at least ${least} ${shareClass.code} shares while a member; ${holding - quantity} would be left.`,
    );
}
