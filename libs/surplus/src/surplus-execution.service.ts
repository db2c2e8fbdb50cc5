import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { ConflictError, NotFoundError } from '@commons/core';
import { Outcome, ProposalEntity } from '@commons/voting';
import { UnitOfWork } from '@commons/db';
import { FiscalPeriodEntity, PeriodStatus } from './entities/fiscal-period.entity.js';
import { DistributionStatus, SurplusDistributionEntity } from './entities/surplus-distribution.entity.js';
import { lockPeriod } from './fiscal-periods.service.js';
import { LedgerService } from './ledger.service.js';
import { distributionPostings } from './ledger/index.js';
import { centsOf } from './money-input.js';
import {
  type AllocationPolicy,
  formatCents,
  type PatronageRefund,
  patronageRefunds,
  splitSurplus,
  type SurplusSplit,
} from './split/index.js';

const POSTING_KINDS = ['distribution', 'allocation'];

export function policyOf(distribution: SurplusDistributionEntity): AllocationPolicy {
  return {
    reserve: distribution.reservePercent,
    education: distribution.educationPercent,
    commons: distribution.commonsPercent,
    patronage: distribution.patronagePercent,
    patronageCash: distribution.patronageCashPercent,
  };
}

/**
 * Executes an approved distribution: the ledger postings, every member's allocation and the period's move to
 * DISTRIBUTED, in one transaction. The period and distribution rows are locked first, so of two concurrent
 * executions the second waits, then finds the distribution POSTED and gets CONFLICT: it posts once.
 */
@Injectable()
export class SurplusExecutionService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
  ) {}

  async execute(actor: Principal, id: string): Promise<SurplusDistributionEntity> {
    const manager = this.work.manager;
    const repository = manager.getRepository(SurplusDistributionEntity);
    const found = await repository.findOneBy({ id });
    if (!found) throw new NotFoundError('Surplus distribution', id);
    // Period first, then distribution: the order proposing takes them in.
    const period = await lockPeriod(manager, found.periodId);
    const distribution = await repository.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
    await this.assertExecutable(manager, distribution, period);

    const split = this.approvedSplit(distribution);
    const refunds = await this.refunds(manager, distribution, split);
    const postingIds: string[] = [];
    const postings = distributionPostings(split, refunds, period.name);
    for (const [index, posting] of postings.entries()) {
      const stored = await this.ledger.post(manager, posting, { periodId: period.id, kind: POSTING_KINDS[index], actorId: actor.id });
      postingIds.push(stored.id);
    }
    await this.insertAllocations(manager, distribution, refunds);

    const now = new Date();
    await manager.getRepository(FiscalPeriodEntity).update(period.id, { status: PeriodStatus.DISTRIBUTED, distributedAt: now });
    await repository.update(id, { status: DistributionStatus.POSTED, postedAt: now, postedBy: actor.id });
    this.audit.record({
      actorId: actor.id,
      action: 'surplus_distribution.executed',
      entityType: 'SurplusDistribution',
      entityId: id,
      data: {
        periodId: period.id,
        postingIds,
        members: refunds.length,
        refunds: formatCents(split.patronage),
        cash: formatCents(refunds.reduce((sum, refund) => sum + refund.cash, 0n)),
        retained: formatCents(refunds.reduce((sum, refund) => sum + refund.retained, 0n)),
      },
    });
    return repository.findOneByOrFail({ id });
  }

  private async assertExecutable(
    manager: EntityManager,
    distribution: SurplusDistributionEntity,
    period: FiscalPeriodEntity,
  ): Promise<void> {
    switch (distribution.status) {
      case DistributionStatus.POSTED:
        throw new ConflictError('This distribution has already been executed.');
      case DistributionStatus.REJECTED:
        throw new ConflictError('The members rejected this distribution; propose a new one.');
      case DistributionStatus.PROPOSED:
        throw new ConflictError('Its proposal has not passed (yet): members are still voting on it.');
      case DistributionStatus.APPROVED:
        break;
    }
    const proposal = await manager.getRepository(ProposalEntity).findOneBy({ id: distribution.proposalId });
    if (proposal?.outcome !== Outcome.PASSED) throw new ConflictError('Its proposal did not pass.');
    if (period.status !== PeriodStatus.CLOSED) throw new ConflictError(`${period.name} is ${period.status}, not CLOSED.`);
  }

  /** The amounts the members approved; recomputing them from the policy must give the same (it is deterministic). */
  private approvedSplit(distribution: SurplusDistributionEntity): SurplusSplit {
    const split: SurplusSplit = {
      reserve: centsOf(distribution.reserveAmount),
      education: centsOf(distribution.educationAmount),
      commons: centsOf(distribution.commonsAmount),
      patronage: centsOf(distribution.patronageAmount),
    };
    const recomputed = splitSurplus(centsOf(distribution.surplus), policyOf(distribution));
    if (Object.entries(split).some(([share, cents]) => recomputed[share as keyof SurplusSplit] !== cents)) {
      throw new Error(`Distribution ${distribution.id}: the stored amounts differ from its policy's split`);
    }
    return split;
  }

  /** Every member with patronage recorded gets a refund (zero for zero patronage), in member id order. */
  private async refunds(manager: EntityManager, distribution: SurplusDistributionEntity, split: SurplusSplit): Promise<PatronageRefund[]> {
    const records: Array<{ memberId: string; patronage: string }> = await manager.query(
      `SELECT member_id AS "memberId", amount::text AS patronage FROM patronage_records WHERE period_id = $1 ORDER BY member_id`,
      [distribution.periodId],
    );
    return patronageRefunds(split.patronage, records, distribution.patronageCashPercent);
  }

  private async insertAllocations(
    manager: EntityManager,
    distribution: SurplusDistributionEntity,
    refunds: PatronageRefund[],
  ): Promise<void> {
    if (refunds.length === 0) return;
    await manager.query(
      `INSERT INTO member_allocations (distribution_id, period_id, member_id, patronage, refund, cash, retained)
       SELECT $1, $2, allocation.* FROM unnest($3::uuid[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[]) AS allocation`,
      [
        distribution.id,
        distribution.periodId,
        refunds.map((refund) => refund.memberId),
        refunds.map((refund) => refund.patronage),
        refunds.map((refund) => formatCents(refund.refund)),
        refunds.map((refund) => formatCents(refund.cash)),
        refunds.map((refund) => formatCents(refund.retained)),
      ],
    );
  }
}
