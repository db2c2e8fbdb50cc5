import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import { permit, type Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { CONSENT_OPTION_LABELS, MAJORITY_OPTION_LABELS, validateDecisionSetup, type DecisionMethod } from './methods/index.js';
import type { CreateProposalInput } from './dto/create-proposal.input.js';
import { ProposalOptionEntity } from './entities/proposal-option.entity.js';
import { type CollegeWeight, Outcome, ProposalEntity, ProposalStatus } from './entities/proposal.entity.js';
import { BallotMixerService } from './ballot-mixer.service.js';
import { PROPOSAL_LOCK_SPACE } from './proposal-lock.js';
import { TallyService } from './tally.service.js';
import { TallyEventsService } from './tally-events.service.js';
import { VotingPolicy } from './voting.policy.js';

const FIXED_OPTIONS: Partial<Record<DecisionMethod, readonly string[]>> = {
  MAJORITY: MAJORITY_OPTION_LABELS,
  SUPERMAJORITY: MAJORITY_OPTION_LABELS,
  CONSENT: CONSENT_OPTION_LABELS,
};

/**
 * A share as the exact decimal the database keeps (4 places), rounded down so that it is never stricter
 * than what was asked: 2/3 given as 0.666666… becomes 0.6666, and 20 FOR to 10 AGAINST passes.
 */
function fourPlaces(share: number): string {
  return new Decimal(share).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed(4);
}

/**
 * Runs inside the transaction that closed a proposal (e.g. to approve what it decided). What it returns
 * is added to the close's audit entry, so that one mutation still writes one entry.
 */
export type ProposalClosedListener = (manager: EntityManager, proposal: ProposalEntity) => Promise<Record<string, unknown> | void>;

/**
 * Whether a step is the unit of work's own change (it records the audit entry) or part of another lib's
 * change (e.g. a surplus distribution opens its vote): then that lib's entry records it.
 */
export type StepAudit = 'record' | 'part-of-caller';

/** The lifecycle of proposals: draft, open, withdraw, close (by an admin or when `closesAt` passes). */
@Injectable()
export class ProposalsService {
  private readonly closedListeners: ProposalClosedListener[] = [];

  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly tally: TallyService,
    private readonly events: TallyEventsService,
    private readonly mixer: BallotMixerService,
  ) {}

  /** Other libs act on decisions through this: the listener runs in the closing transaction. */
  onClosed(listener: ProposalClosedListener): void {
    this.closedListeners.push(listener);
  }

  async create(author: Principal, input: CreateProposalInput): Promise<ProposalEntity> {
    return this.draft(author.id, input);
  }

  /** Writes a DRAFT in the current unit of work (also for other libs, e.g. a surplus distribution's vote). */
  async draft(authorId: string, input: CreateProposalInput, audit: StepAudit = 'record'): Promise<ProposalEntity> {
    const manager = this.work.manager;
    const method = input.method as DecisionMethod;
    const labels = this.optionLabels(method, input.options);
    const seats = input.seats ?? 1;
    const threshold = fourPlaces(input.threshold ?? (method === 'SUPERMAJORITY' ? 0.6667 : 0.5));
    if (method === 'MAJORITY' && input.threshold !== undefined && input.threshold !== null && input.threshold !== 0.5) {
      throw new BadUserInputError('MAJORITY always means more than half; use SUPERMAJORITY for another threshold.', 'threshold');
    }
    const setupProblem = validateDecisionSetup(
      method,
      labels.map((label, index) => ({ id: String(index), label })),
      seats,
      threshold,
    );
    if (setupProblem) throw new BadUserInputError(setupProblem, 'options');
    if (input.closesAt && input.closesAt.getTime() <= Date.now())
      throw new BadUserInputError('closesAt must be in the future.', 'closesAt');
    const colleges = await this.checkColleges(input.colleges ?? null);

    const repository = manager.getRepository(ProposalEntity);
    const proposal = await repository.save(
      repository.create({
        title: input.title.trim(),
        body: input.body,
        authorId,
        method,
        secret: input.secret ?? false,
        quorum: fourPlaces(input.quorum ?? 0),
        threshold,
        seats,
        closesAt: input.closesAt ?? null,
        colleges,
      }),
    );
    await manager
      .getRepository(ProposalOptionEntity)
      .insert(labels.map((label, position) => ({ proposalId: proposal.id, position, label })));
    if (audit === 'record')
      this.audit.record({
        actorId: authorId,
        action: 'proposal.created',
        entityType: 'Proposal',
        entityId: proposal.id,
        data: {
          title: proposal.title,
          method,
          secret: proposal.secret,
          options: labels,
          seats,
          quorum: proposal.quorum,
          threshold,
          colleges,
        },
      });
    return proposal;
  }

  async open(actor: Principal, id: string): Promise<ProposalEntity> {
    const proposal = await this.lock(id);
    permit(VotingPolicy.open, actor, proposal);
    await this.start(proposal, actor.id);
    return proposal;
  }

  /** Opens a DRAFT in the current unit of work: freezes the roll of eligible members. */
  async start(proposal: ProposalEntity, actorId: string | null, audit: StepAudit = 'record'): Promise<void> {
    const manager = this.work.manager;
    if (proposal.status !== ProposalStatus.DRAFT)
      throw new ConflictError(`Only a DRAFT proposal can be opened; this one is ${proposal.status}.`);
    if (proposal.closesAt && proposal.closesAt.getTime() <= Date.now()) {
      throw new ConflictError('Its closing time has already passed; make a new proposal with a later closesAt.');
    }
    const classes = proposal.colleges?.map((college) => college.stakeholderClass) ?? null;
    const roll: Array<{ count: number }> = await manager.query(
      `WITH roll AS (
         INSERT INTO proposal_voters (proposal_id, member_id, stakeholder_class)
         SELECT $1, id, stakeholder_class FROM members
          WHERE status = 'ACTIVE' AND ($2::varchar[] IS NULL OR stakeholder_class = ANY($2::varchar[]))
         RETURNING 1)
       SELECT count(*)::int AS count FROM roll`,
      [proposal.id, classes],
    );
    proposal.status = ProposalStatus.OPEN;
    proposal.opensAt = new Date();
    proposal.eligibleCount = roll[0].count;
    await manager.getRepository(ProposalEntity).save(proposal);
    if (audit === 'record')
      this.audit.record({
        actorId,
        action: 'proposal.opened',
        entityType: 'Proposal',
        entityId: proposal.id,
        data: { eligible: proposal.eligibleCount, closesAt: proposal.closesAt?.toISOString() ?? null },
      });
  }

  async withdraw(actor: Principal, id: string): Promise<ProposalEntity> {
    const proposal = await this.lock(id);
    permit(VotingPolicy.withdraw, actor, proposal);
    if (proposal.status !== ProposalStatus.DRAFT && proposal.status !== ProposalStatus.OPEN) {
      throw new ConflictError(`Only a DRAFT or OPEN proposal can be withdrawn; this one is ${proposal.status}.`);
    }
    const from = proposal.status;
    proposal.status = ProposalStatus.WITHDRAWN;
    await this.work.manager.getRepository(ProposalEntity).save(proposal);
    this.audit.record({
      actorId: actor.id,
      action: 'proposal.withdrawn',
      entityType: 'Proposal',
      entityId: id,
      data: { from },
    });
    return proposal;
  }

  async close(actor: Principal, id: string): Promise<ProposalEntity> {
    const proposal = await this.lock(id);
    await this.count(proposal, actor.id);
    return proposal;
  }

  /** Counts and closes an OPEN proposal locked (`lock`) by the current unit of work. */
  async count(proposal: ProposalEntity, actorId: string | null): Promise<void> {
    const manager = this.work.manager;
    if (proposal.status !== ProposalStatus.OPEN)
      throw new ConflictError(`Only an OPEN proposal can be closed; this one is ${proposal.status}.`);
    // Every sealed ballot into the box, and the whole box into one random order, before counting.
    if (proposal.secret) await this.mixer.mix(manager, proposal.id, true);
    const options = await this.optionsOf(manager, proposal.id);
    const { stored, decision } = await this.tally.compute(manager, proposal, options);
    proposal.status = ProposalStatus.CLOSED;
    proposal.closedAt = new Date();
    proposal.finalTally = stored;
    proposal.outcome = !stored.quorumReached ? Outcome.NO_QUORUM : decision.passed ? Outcome.PASSED : Outcome.REJECTED;
    proposal.winners = FIXED_OPTIONS[proposal.method as DecisionMethod] ? null : decision.winners;
    await manager.getRepository(ProposalEntity).save(proposal);
    const consequences: Record<string, unknown> = {};
    for (const listener of this.closedListeners) Object.assign(consequences, await listener(manager, proposal));
    this.audit.record({
      actorId,
      action: actorId ? 'proposal.closed' : 'proposal.closed_automatically',
      entityType: 'Proposal',
      entityId: proposal.id,
      data: {
        outcome: proposal.outcome,
        winners: proposal.winners,
        eligible: stored.eligible,
        participants: stored.participants,
        ...consequences,
      },
    });
    await this.events.announce(manager, proposal.id);
  }

  optionsOf(manager: EntityManager, proposalId: string): Promise<ProposalOptionEntity[]> {
    return manager.getRepository(ProposalOptionEntity).find({ where: { proposalId }, order: { position: 'ASC' } });
  }

  /**
   * Takes the proposal for a change of status, for the rest of the unit of work. Locks in one order
   * everywhere: first the proposal's advisory lock exclusively (so votes in flight, which hold it shared,
   * finish, and later ones see the new status), then the row, FOR NO KEY UPDATE, which a vote's foreign-key
   * check (FOR KEY SHARE) never waits on.
   */
  async lock(id: string): Promise<ProposalEntity> {
    const proposalId = assertUuid(id, 'id');
    const manager = this.work.manager;
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROPOSAL_LOCK_SPACE, proposalId]);
    const proposal = await manager
      .getRepository(ProposalEntity)
      .findOne({ where: { id: proposalId }, lock: { mode: 'for_no_key_update' } });
    if (!proposal) throw new NotFoundError('Proposal', proposalId);
    return proposal;
  }

  private optionLabels(method: DecisionMethod, options: string[] | undefined): string[] {
    const fixed = FIXED_OPTIONS[method];
    if (fixed) {
      if (options && options.length > 0)
        throw new BadUserInputError(`${method} proposals have the fixed options ${fixed.join(', ')}.`, 'options');
      return [...fixed];
    }
    if (!options || options.length < 2) throw new BadUserInputError(`${method} proposals need at least two options.`, 'options');
    const labels = options.map((label) => label.trim());
    if (labels.some((label) => label.length === 0)) throw new BadUserInputError('Option labels must not be blank.', 'options');
    if (new Set(labels.map((label) => label.toLowerCase())).size !== labels.length)
      throw new BadUserInputError('Option labels must be distinct.', 'options');
    return labels;
  }

  private async checkColleges(colleges: CollegeWeight[] | null): Promise<CollegeWeight[] | null> {
    if (!colleges) return null;
    const manager = this.work.manager;
    const classes = colleges.map((college) => college.stakeholderClass);
    if (new Set(classes).size !== classes.length)
      throw new BadUserInputError('Each stakeholder class may have one college only.', 'colleges');
    const known: Array<{ code: string }> = await manager.query('SELECT code FROM stakeholder_classes WHERE code = ANY($1::varchar[])', [
      classes,
    ]);
    const unknown = classes.filter((code) => !known.some((row) => row.code === code));
    if (unknown.length > 0) throw new BadUserInputError(`Unknown stakeholder class: ${unknown.join(', ')}.`, 'colleges');
    return colleges.map((college) => ({ stakeholderClass: college.stakeholderClass, weight: college.weight }));
  }
}
