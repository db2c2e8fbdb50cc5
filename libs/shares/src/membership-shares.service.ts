import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BylawsService } from '@commons/bylaws';
import { ConflictError } from '@commons/core';
import { type MemberEntity, MembershipService } from '@commons/members';
import { parseCents } from '@commons/surplus';
import { RedemptionCapService } from './redemption-cap.service.js';
import { amountOf } from './share-rules.js';

/**
 * The register's part in joining and leaving. Admission waits for `bylaws.sharesToJoin` shares PAID, of
 * classes with voting rights (shares without votes do not make an ACTIVE member). Withdrawal is refused while
 * the member holds shares that cannot be redeemed (they transfer them first); otherwise their open requests
 * are cancelled and every redeemable holding becomes a redemption of all of it (no minimum applies to someone
 * leaving), through the yearly cap like any other.
 */
@Injectable()
export class MembershipSharesService implements OnModuleInit {
  constructor(
    private readonly membership: MembershipService,
    private readonly bylaws: BylawsService,
    private readonly cap: RedemptionCapService,
  ) {}

  onModuleInit(): void {
    this.membership.onAdmitting((manager, member) => this.beforeAdmission(manager, member));
    this.membership.onWithdrawing((manager, member) => this.beforeWithdrawal(manager, member));
  }

  private async beforeAdmission(manager: EntityManager, member: MemberEntity): Promise<Record<string, unknown>> {
    const { sharesToJoin } = await this.bylaws.current(manager);
    if (sharesToJoin === 0) return {};
    const [{ paid }]: Array<{ paid: number }> = await manager.query(
      `SELECT coalesce(sum(h.quantity), 0)::int AS paid FROM share_holdings h JOIN share_classes c ON c.id = h.share_class_id
        WHERE h.member_id = $1 AND c.voting_rights`,
      [member.id],
    );
    if (paid < sharesToJoin)
      throw new ConflictError(
        `The bylaws ask ${sharesToJoin} shares with voting rights PAID before admission; this applicant has ${paid}.`,
      );
    return { sharesPaid: paid, sharesToJoin };
  }

  private async beforeWithdrawal(manager: EntityManager, member: MemberEntity): Promise<Record<string, unknown>> {
    const holdings: Array<{ share_class_id: string; code: string; quantity: number; redeemable: boolean; nominal_value: string }> =
      await manager.query(
        `SELECT h.share_class_id, c.code, h.quantity, c.redeemable, c.nominal_value::text FROM share_holdings h
           JOIN share_classes c ON c.id = h.share_class_id WHERE h.member_id = $1 AND h.quantity > 0 ORDER BY c.code FOR UPDATE OF h`,
        [member.id],
      );
    const kept = holdings.filter((holding) => !holding.redeemable);
    if (kept.length > 0)
      throw new ConflictError(
        `You hold shares that cannot be redeemed (${kept.map((holding) => `${holding.quantity} ${holding.code}`).join(', ')}): ` +
          'transfer them to another member before you withdraw.',
      );
    const [cancelled]: [Array<{ id: string }>, number] = await manager.query(
      `UPDATE share_operations SET status = 'CANCELLED', reason = 'The member withdrew.'
        WHERE status IN ('REQUESTED', 'APPROVED', 'QUEUED') AND (member_id = $1 OR counterpart_id = $1) RETURNING id`,
      [member.id],
    );
    const redemptions: Array<{ id: string; status: string }> = [];
    if (holdings.length > 0) {
      const year = await this.cap.lockYear(manager);
      let used = year.usedCents;
      let queued = await this.cap.anyQueued(manager);
      for (const holding of holdings) {
        const amount = amountOf(holding.quantity, holding.nominal_value);
        const fits = !queued && used + parseCents(amount) <= year.capCents;
        if (fits) used += parseCents(amount);
        else queued = true;
        const [row]: Array<{ id: string; status: string }> = await manager.query(
          `INSERT INTO share_operations (kind, status, member_id, share_class_id, quantity, amount, requested_at, decided_at, reason, cap_year_start)
           VALUES ('REDEMPTION', $2, $1, $3, $4, $5, clock_timestamp(), clock_timestamp(), $6, $7) RETURNING id, status`,
          [
            member.id,
            fits ? 'APPROVED' : 'QUEUED',
            holding.share_class_id,
            holding.quantity,
            amount,
            fits ? 'Redeemed on withdrawal.' : `Redeemed on withdrawal, past the cap: ${this.cap.describe(year)}.`,
            fits ? year.start : null,
          ],
        );
        redemptions.push(row);
      }
    }
    return { shares: { cancelledOperationIds: cancelled.map((row) => row.id), redemptions } };
  }
}
