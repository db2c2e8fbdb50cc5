import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, DomainError, ErrorCode } from '@commons/core';
import { DecisionMethodEnum, Outcome, ProposalEntity, ProposalsService, ProposalStatus } from '@commons/voting';
import { UnitOfWork } from '@commons/db';
import { distributionProposalText } from './distribution-proposal-text.js';
import { PeriodStatus } from './entities/fiscal-period.entity.js';
import { DistributionStatus, SurplusDistributionEntity } from './entities/surplus-distribution.entity.js';
import { lockPeriod } from './fiscal-periods.service.js';
import { centsOf } from './money-input.js';
import { SurplusExecutionService } from './surplus-execution.service.js';
import { SurplusSettingsService } from './surplus-settings.service.js';
import { liveDistribution } from './surplus-distributions.queries.js';
import {
  type AllocationPolicy,
  checkPolicy,
  formatCents,
  NoPatronageRecordedError,
  type PolicyProblem,
  splitSurplus,
} from './split/index.js';

/** A policy the co-op's rules refuse: BAD_USER_INPUT naming the first field at fault (`policy.reserve`…). */
function invalidPolicy(problems: readonly PolicyProblem[]): DomainError {
  const field = problems[0].field === 'total' ? 'policy' : `policy.${problems[0].field}`;
  return new DomainError(ErrorCode.BadUserInput, problems.map((problem) => problem.message).join(' '), { field, problems });
}

/** Proposing a split of a closed period's surplus to the members, and acting on their vote. */
@Injectable()
export class SurplusDistributionsService implements OnModuleInit {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly proposals: ProposalsService,
    private readonly settings: SurplusSettingsService,
    private readonly execution: SurplusExecutionService,
  ) {}

  onModuleInit(): void {
    this.proposals.onClosed((manager, proposal) => this.decide(manager, proposal));
  }

  /**
   * Computes the split, and creates and opens a MAJORITY proposal (authored by the admin) whose body gives
   * the amounts, all in one transaction. One live (PROPOSED or APPROVED) distribution per period.
   */
  async propose(
    actor: Principal,
    periodId: string,
    policy: AllocationPolicy,
    closesAt: Date | null | undefined,
    quorum: number | null | undefined,
  ): Promise<SurplusDistributionEntity> {
    const id = assertUuid(periodId, 'periodId');
    if (quorum !== null && quorum !== undefined && !(quorum >= 0 && quorum <= 1)) {
      throw new BadUserInputError('quorum must be between 0 and 1.', 'quorum');
    }
    const manager = this.work.manager;
    const period = await lockPeriod(manager, id);
    const checked = checkPolicy(policy, await this.settings.minimums(manager));
    if (checked.basisPoints === undefined) throw invalidPolicy(checked.problems);
    if (period.status !== PeriodStatus.CLOSED) {
      throw new ConflictError(
        period.status === PeriodStatus.OPEN
          ? `Close ${period.name} before proposing how to distribute its surplus.`
          : `${period.name}'s surplus has already been distributed.`,
      );
    }
    const voided = await this.voidWithdrawn(manager, id);
    const live = await liveDistribution(manager, id);
    if (live) throw new ConflictError(`A distribution of ${period.name} is already ${live.status}; only one can be live at a time.`);

    const revenueCents = centsOf(period.revenue);
    const expensesCents = centsOf(period.expenses);
    const split = splitSurplus(revenueCents - expensesCents, policy);
    const [patronage]: Array<{ patrons: number; total: string }> = await manager.query(
      `SELECT count(*) FILTER (WHERE amount > 0)::int AS patrons, coalesce(sum(amount), 0)::text AS total
         FROM patronage_records WHERE period_id = $1`,
      [id],
    );
    if (split.patronage > 0n && patronage.patrons === 0) throw new NoPatronageRecordedError();

    const text = distributionProposalText({
      periodName: period.name,
      revenueCents,
      expensesCents,
      policy,
      split,
      patrons: patronage.patrons,
      patronageTotal: formatCents(centsOf(patronage.total)),
    });
    const proposal = await this.proposals.draft(
      actor.id,
      {
        ...text,
        method: DecisionMethodEnum.MAJORITY,
        closesAt: closesAt ?? undefined,
        quorum: quorum ?? undefined,
      },
      // One entry for the whole mutation: the distribution's entry below records the proposal too.
      'part-of-caller',
    );
    await this.proposals.start(proposal, actor.id, 'part-of-caller');

    const repository = manager.getRepository(SurplusDistributionEntity);
    const distribution = await repository.save(
      repository.create({
        periodId: id,
        reservePercent: policy.reserve,
        educationPercent: policy.education,
        commonsPercent: policy.commons,
        patronagePercent: policy.patronage,
        patronageCashPercent: policy.patronageCash,
        surplus: formatCents(revenueCents - expensesCents),
        reserveAmount: formatCents(split.reserve),
        educationAmount: formatCents(split.education),
        commonsAmount: formatCents(split.commons),
        patronageAmount: formatCents(split.patronage),
        proposalId: proposal.id,
        proposedBy: actor.id,
      }),
    );
    this.audit.record({
      actorId: actor.id,
      action: 'surplus_distribution.proposed',
      entityType: 'SurplusDistribution',
      entityId: distribution.id,
      data: {
        periodId: id,
        proposalId: proposal.id,
        proposal: {
          title: proposal.title,
          method: proposal.method,
          eligible: proposal.eligibleCount,
          closesAt: proposal.closesAt?.toISOString() ?? null,
        },
        voidedWithdrawn: voided,
        policy: { ...policy },
        amounts: {
          surplus: distribution.surplus,
          reserve: distribution.reserveAmount,
          education: distribution.educationAmount,
          commons: distribution.commonsAmount,
          patronage: distribution.patronageAmount,
        },
      },
    });
    return repository.findOneByOrFail({ id: distribution.id });
  }

  /** Posts an APPROVED distribution, exactly once (see SurplusExecutionService). */
  execute(actor: Principal, distributionId: string): Promise<SurplusDistributionEntity> {
    return this.execution.execute(actor, assertUuid(distributionId, 'id'));
  }

  /**
   * In the transaction that closes a distribution's proposal: PASSED approves it; REJECTED or NO_QUORUM
   * rejects it. What it did goes into the close's audit entry.
   */
  private async decide(manager: EntityManager, proposal: ProposalEntity): Promise<Record<string, unknown> | void> {
    const repository = manager.getRepository(SurplusDistributionEntity);
    const distribution = await repository.findOne({ where: { proposalId: proposal.id }, lock: { mode: 'pessimistic_write' } });
    if (!distribution || distribution.status !== DistributionStatus.PROPOSED) return;
    const status = proposal.outcome === Outcome.PASSED ? DistributionStatus.APPROVED : DistributionStatus.REJECTED;
    await repository.update(distribution.id, { status, decidedAt: new Date() });
    return { surplusDistribution: { id: distribution.id, status } };
  }

  /** A distribution whose proposal was withdrawn can never be decided: it is rejected so a new one can be proposed. */
  private async voidWithdrawn(manager: EntityManager, periodId: string): Promise<string[]> {
    const withdrawn: Array<{ id: string; proposal_id: string }> = await manager.query(
      `SELECT distribution.id, distribution.proposal_id FROM surplus_distributions distribution
         JOIN proposals proposal ON proposal.id = distribution.proposal_id
        WHERE distribution.period_id = $1 AND distribution.status = 'PROPOSED' AND proposal.status = $2
          FOR UPDATE OF distribution`,
      [periodId, ProposalStatus.WITHDRAWN],
    );
    for (const row of withdrawn) {
      await manager.getRepository(SurplusDistributionEntity).update(row.id, { status: DistributionStatus.REJECTED, decidedAt: new Date() });
    }
    return withdrawn.map((row) => row.id);
  }
}
