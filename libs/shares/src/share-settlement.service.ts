import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import { MemberStatus, type Principal, PrincipalsService } from '@commons/auth';
import { BadUserInputError, ConflictError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { MemberEntity } from '@commons/members';
import { ACCOUNTS, credit, debit, LedgerService, parseCents, type Posting, shareCapitalAccount } from '@commons/surplus';
import { ShareClassEntity } from './entities/share-class.entity.js';
import { type ShareOperationEntity, ShareOperationKind, ShareOperationStatus } from './entities/share-operation.entity.js';
import { expectAtLeast, expectWithinMaximum, lockHoldings } from './share-positions.js';
import { ShareRequestsService } from './share-requests.service.js';

/** How far ahead of the server's clock a settlement date may be (clocks differ a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Settling: the money moved, so the operation takes effect. In one transaction: the holdings change, the
 * register gives the entry the next number (a counter row locked FOR UPDATE, so numbers have no gaps
 * however many settle at once), and the ledger gets the posting (Dr bank / Cr share_capital:<class>:<member>
 * for a subscription, the reverse for a redemption, member to member for a transfer).
 */
@Injectable()
export class ShareSettlementService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
    private readonly requests: ShareRequestsService,
    private readonly principals: PrincipalsService,
  ) {}

  async settle(actor: Principal, id: string, settledOn: Date): Promise<ShareOperationEntity> {
    if (Number.isNaN(settledOn.getTime())) throw new BadUserInputError('settledOn must be a date.', 'settledOn');
    if (settledOn.getTime() > Date.now() + CLOCK_SKEW_MS)
      throw new BadUserInputError('settledOn is in the future: settle once the money has moved.', 'settledOn');
    const manager = this.work.manager;
    // Locks in the order a withdrawal takes them: the members first (FOR SHARE, so a member's withdrawal and the
    // settlement of their operation wait for each other instead of deadlocking), then the operation, then holdings.
    const peeked = await this.requests.lockOperation(manager, id, false);
    const memberIds = peeked.counterpartId ? [peeked.memberId, peeked.counterpartId] : [peeked.memberId];
    const members = new Map<string, MemberEntity>();
    for (const memberId of [...memberIds].sort()) {
      members.set(
        memberId,
        await manager.getRepository(MemberEntity).findOneOrFail({ where: { id: memberId }, lock: { mode: 'pessimistic_read' } }),
      );
    }
    const operation = await this.requests.lockOperation(manager, id);
    if (operation.status !== ShareOperationStatus.APPROVED)
      throw new ConflictError(`Only an APPROVED operation can be settled; this one is ${operation.status}.`);
    const shareClass = await manager.getRepository(ShareClassEntity).findOneByOrFail({ id: operation.shareClassId });
    const member = members.get(operation.memberId)!;
    const holdings = await lockHoldings(manager, shareClass.id, memberIds);
    const held = holdings.get(operation.memberId) ?? 0;
    switch (operation.kind) {
      case ShareOperationKind.SUBSCRIPTION:
        if (member.status !== MemberStatus.APPLICANT && member.status !== MemberStatus.ACTIVE)
          throw new ConflictError(`The subscriber is ${member.status}: cancel or refuse this subscription instead.`);
        expectWithinMaximum(shareClass, held, operation.quantity, 'The subscriber');
        break;
      case ShareOperationKind.TRANSFER: {
        const receiver = members.get(operation.counterpartId!)!;
        if (receiver.status !== MemberStatus.APPLICANT && receiver.status !== MemberStatus.ACTIVE)
          throw new ConflictError(`The receiver is ${receiver.status}: refuse this transfer instead.`);
        expectAtLeast(
          shareClass,
          held,
          operation.quantity,
          member.status === MemberStatus.WITHDRAWN ? 0 : shareClass.minPerMember,
          'The giver',
        );
        expectWithinMaximum(shareClass, holdings.get(receiver.id) ?? 0, operation.quantity, 'The receiver');
        break;
      }
      case ShareOperationKind.REDEMPTION:
        expectAtLeast(
          shareClass,
          held,
          operation.quantity,
          member.status === MemberStatus.WITHDRAWN ? 0 : shareClass.minPerMember,
          'The member',
        );
        break;
    }
    const periodId = await this.periodOf(manager, settledOn);
    // Last lock taken, so it is held for the shortest time: it serialises every settlement.
    const [counter]: Array<{ last_number: number }> = await manager.query(
      'SELECT last_number FROM share_register_counter WHERE id = 1 FOR UPDATE',
    );
    const number = counter.last_number + 1;
    await manager.query('UPDATE share_register_counter SET last_number = $1 WHERE id = 1', [number]);
    const posting = await this.ledger.post(manager, this.postingOf(operation, shareClass, number), {
      periodId,
      kind: `share_${operation.kind.toLowerCase()}`,
      actorId: actor.id,
    });
    await this.move(manager, operation, shareClass);
    await manager.query(
      `UPDATE share_operations SET status = 'PAID', number = $2, settled_at = $3, settled_by = $4, posting_id = $5 WHERE id = $1`,
      [operation.id, number, settledOn, actor.id, posting.id],
    );
    Object.assign(operation, {
      status: ShareOperationStatus.PAID,
      number,
      settledAt: settledOn,
      settledBy: actor.id,
      postingId: posting.id,
    });
    for (const memberId of memberIds) this.principals.forgetAfterCommit(memberId);
    this.audit.record({
      actorId: actor.id,
      action: 'share_operation.settled',
      entityType: 'ShareOperation',
      entityId: operation.id,
      data: {
        number,
        kind: operation.kind,
        memberId: operation.memberId,
        counterpartId: operation.counterpartId,
        shareClass: shareClass.code,
        quantity: operation.quantity,
        nominalValue: shareClass.nominalValue,
        amount: operation.amount,
        settledOn: settledOn.toISOString(),
        postingNumber: posting.number,
      },
    });
    return operation;
  }

  private postingOf(operation: ShareOperationEntity, shareClass: ShareClassEntity, number: number): Posting {
    const cents = parseCents(operation.amount);
    const account = shareCapitalAccount(shareClass.code, operation.memberId);
    const what = `${operation.quantity} ${shareClass.code} share${operation.quantity === 1 ? '' : 's'}`;
    switch (operation.kind) {
      case ShareOperationKind.SUBSCRIPTION:
        return {
          memo: `Share register entry ${number}: subscription of ${what}`,
          lines: [debit(ACCOUNTS.bank, cents), credit(account, cents)],
        };
      case ShareOperationKind.REDEMPTION:
        return {
          memo: `Share register entry ${number}: redemption of ${what}`,
          lines: [debit(account, cents), credit(ACCOUNTS.bank, cents)],
        };
      case ShareOperationKind.TRANSFER:
        return {
          memo: `Share register entry ${number}: transfer of ${what}`,
          lines: [debit(account, cents), credit(shareCapitalAccount(shareClass.code, operation.counterpartId!), cents)],
        };
    }
  }

  private async move(manager: EntityManager, operation: ShareOperationEntity, shareClass: ShareClassEntity): Promise<void> {
    const change = operation.kind === ShareOperationKind.SUBSCRIPTION ? operation.quantity : -operation.quantity;
    await manager.query('UPDATE share_holdings SET quantity = quantity + $3 WHERE member_id = $1 AND share_class_id = $2', [
      operation.memberId,
      shareClass.id,
      change,
    ]);
    if (operation.kind === ShareOperationKind.TRANSFER)
      await manager.query('UPDATE share_holdings SET quantity = quantity + $3 WHERE member_id = $1 AND share_class_id = $2', [
        operation.counterpartId,
        shareClass.id,
        operation.quantity,
      ]);
  }

  /**
   * The fiscal period the settlement date falls in, if any (its books then show the share capital moving);
   * a CLOSED period's books are final, so a date in one is refused.
   */
  private async periodOf(manager: EntityManager, settledOn: Date): Promise<string | null> {
    const [period]: Array<{ id: string; name: string; status: string }> = await manager.query(
      'SELECT id, name, status FROM fiscal_periods WHERE starts_on <= $1 AND ends_on > $1 FOR SHARE',
      [settledOn],
    );
    if (!period) return null;
    if (period.status !== 'OPEN')
      throw new BadUserInputError(
        `settledOn falls in the fiscal period "${period.name}", which is ${period.status}: its books are final.`,
        'settledOn',
      );
    return period.id;
  }
}
