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
import { DecisionRules } from './decision-rules.js';
import { ProposalShapesService } from './proposal-shapes.js';
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
 * Runs inside the transaction that opened a proposal for its vote (from DRAFT or DISCUSSION), or withdrew
 * it; what it returns is added to that change's audit entry (when the change records its own).
 */
export type ProposalChangedListener = (
  manager: EntityManager,
  proposal: ProposalEntity,
  from: ProposalStatus,
) => Promise<Record<string, unknown> | void>;

/**
 * Says why a proposal's body must not change (e.g. a bylaws amendment's text lists the changes it enacts), or
 * null when it may.
 */
export type ProposalBodyGuard = (manager: EntityManager, proposal: ProposalEntity) => Promise<string | null>;

/**
 * Whether a step is the unit of work's own change (it records the audit entry) or part of another lib's
 * change (e.g. a surplus distribution opens its vote): then that lib's entry records it.
 */
export type StepAudit = 'record' | 'part-of-caller';

/** How a count goes: who records it, and whether a condition outside the vote (a sitting's quorum) failed. */
export interface CountOptions {
  audit?: StepAudit;
  /** False when the body that voted lacked its own quorum (a sitting without quorum): the outcome is NO_QUORUM. */
  quorumMet?: boolean;
}

const HOUR_MS = 3_600_000;

/** The lifecycle of proposals: draft, open, withdraw, close (by an admin or when `closesAt` passes). */
@Injectable()
export class ProposalsService {
  private readonly closedListeners: ProposalClosedListener[] = [];
  private readonly openedListeners: ProposalChangedListener[] = [];
  private readonly withdrawnListeners: ProposalChangedListener[] = [];
  private readonly bodyGuards: ProposalBodyGuard[] = [];

  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly tally: TallyService,
    private readonly events: TallyEventsService,
    private readonly mixer: BallotMixerService,
    private readonly rules: DecisionRules,
    private readonly shapes: ProposalShapesService,
  ) {}

  /** Other libs act on decisions through this: the listener runs in the closing transaction. */
  onClosed(listener: ProposalClosedListener): void {
    this.closedListeners.push(listener);
  }

  /** The listener runs in the transaction that opens a proposal's vote (e.g. to close its amendment window). */
  onOpened(listener: ProposalChangedListener): void {
    this.openedListeners.push(listener);
  }

  /** Libs whose decision is more than a proposal's text (a bylaws amendment's changes) keep its body fixed. */
  guardBody(guard: ProposalBodyGuard): void {
    this.bodyGuards.push(guard);
  }

  /** CONFLICT when a lib keeps this proposal's body as it is (see `guardBody`). */
  async assertBodyMayChange(proposal: ProposalEntity): Promise<void> {
    for (const guard of this.bodyGuards) {
      const reason = await guard(this.work.manager, proposal);
      if (reason) throw new ConflictError(reason);
    }
  }

  /** The listener runs in the transaction that withdraws a proposal. */
  onWithdrawn(listener: ProposalChangedListener): void {
    this.withdrawnListeners.push(listener);
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
    if (input.closesAt) {
      const hours = await this.rules.minVotingHours();
      if (input.closesAt.getTime() < Date.now() + hours * HOUR_MS)
        throw new BadUserInputError(`closesAt must leave at least ${hours} hours of voting (the bylaws' minVotingHours).`, 'closesAt');
    }
    const quorum = input.quorum ?? null;
    const colleges = await this.checkColleges(input.colleges ?? null);

    const repository = manager.getRepository(ProposalEntity);
    const proposal = await repository.save(
      repository.create({
        title: input.title.trim(),
        body: input.body,
        authorId,
        method,
        secret: input.secret ?? false,
        // A proposal that names no quorum takes the bylaws' defaultQuorum.
        quorum: quorum === null ? await this.rules.defaultQuorum() : fourPlaces(quorum),
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
    if (proposal.atSitting) throw new ConflictError("This proposal is on an assembly's agenda: it opens when the sitting opens.");
    await this.start(proposal, actor.id);
    return proposal;
  }

  /**
   * Opens a DRAFT or a proposal in DISCUSSION in the current unit of work: freezes the roll of eligible members.
   * Returns the facts of the opening (what its audit entry holds, e.g. the amendments it withdrew and their
   * authors), for a caller whose own entry records it (`audit: 'part-of-caller'`).
   */
  async start(proposal: ProposalEntity, actorId: string | null, audit: StepAudit = 'record'): Promise<Record<string, unknown>> {
    const manager = this.work.manager;
    if (proposal.status !== ProposalStatus.DRAFT && proposal.status !== ProposalStatus.DISCUSSION)
      throw new ConflictError(`Only a DRAFT proposal or one in DISCUSSION can be opened; this one is ${proposal.status}.`);
    const from = proposal.status;
    if (proposal.closesAt && proposal.closesAt.getTime() <= Date.now()) {
      throw new ConflictError('Its closing time has already passed; make a new proposal with a later closesAt.');
    }
    if (proposal.closesAt && !proposal.atSitting) {
      const hours = await this.rules.minVotingHours();
      if (proposal.closesAt.getTime() < Date.now() + hours * HOUR_MS)
        throw new ConflictError(
          `Its closesAt leaves less than the bylaws' ${hours} hours of voting; make a new proposal with a later closesAt.`,
        );
    }
    const classes = proposal.colleges?.map((college) => college.stakeholderClass) ?? null;
    // At a sitting nobody may vote until checked in (see SittingRollService).
    const roll: Array<{ count: number }> = await manager.query(
      `WITH roll AS (
         INSERT INTO proposal_voters (proposal_id, member_id, stakeholder_class, may_vote)
         SELECT $1, id, stakeholder_class, NOT $3::boolean FROM members
          WHERE status = 'ACTIVE' AND ($2::varchar[] IS NULL OR stakeholder_class = ANY($2::varchar[]))
         RETURNING 1)
       SELECT count(*)::int AS count FROM roll`,
      [proposal.id, classes, proposal.atSitting],
    );
    proposal.status = ProposalStatus.OPEN;
    proposal.opensAt = new Date();
    proposal.eligibleCount = roll[0].count;
    await manager.getRepository(ProposalEntity).save(proposal);
    const consequences: Record<string, unknown> = {};
    for (const listener of this.openedListeners) Object.assign(consequences, await listener(manager, proposal, from));
    const facts = { eligible: proposal.eligibleCount, closesAt: proposal.closesAt?.toISOString() ?? null, from, ...consequences };
    if (audit === 'record')
      this.audit.record({ actorId, action: 'proposal.opened', entityType: 'Proposal', entityId: proposal.id, data: facts });
    return facts;
  }

  async withdraw(actor: Principal, id: string): Promise<ProposalEntity> {
    const proposal = await this.lock(id);
    permit(VotingPolicy.withdraw, actor, proposal);
    const withdrawable = [ProposalStatus.DRAFT, ProposalStatus.DISCUSSION, ProposalStatus.OPEN];
    if (!withdrawable.includes(proposal.status)) {
      throw new ConflictError(`Only a DRAFT, DISCUSSION or OPEN proposal can be withdrawn; this one is ${proposal.status}.`);
    }
    if (proposal.atSitting && proposal.status === ProposalStatus.OPEN)
      throw new ConflictError('This proposal is being voted at a sitting; it closes with the sitting.');
    const from = proposal.status;
    proposal.status = ProposalStatus.WITHDRAWN;
    const manager = this.work.manager;
    await manager.getRepository(ProposalEntity).save(proposal);
    const consequences: Record<string, unknown> = {};
    for (const listener of this.withdrawnListeners) Object.assign(consequences, await listener(manager, proposal, from));
    this.work.afterCommit(() => this.shapes.forget(id));
    this.audit.record({
      actorId: actor.id,
      action: 'proposal.withdrawn',
      entityType: 'Proposal',
      entityId: id,
      data: { from, ...consequences },
    });
    return proposal;
  }

  /** Closing by hand: not before the bylaws' minVotingHours have passed since it opened, and not a sitting's proposal. */
  async close(actor: Principal, id: string): Promise<ProposalEntity> {
    const proposal = await this.lock(id);
    if (proposal.status === ProposalStatus.OPEN && proposal.atSitting)
      throw new ConflictError('This proposal is voted at a sitting: it closes when the assembly closes.');
    if (proposal.status === ProposalStatus.OPEN && proposal.opensAt) {
      const hours = await this.rules.minVotingHours();
      const earliest = proposal.opensAt.getTime() + hours * HOUR_MS;
      if (Date.now() < earliest)
        throw new ConflictError(
          `The bylaws keep a proposal open at least ${hours} hours (minVotingHours): this one may be closed from ${new Date(earliest).toISOString()}.`,
        );
    }
    await this.count(proposal, actor.id);
    return proposal;
  }

  /**
   * Counts and closes an OPEN proposal locked (`lock`) by the current unit of work. Returns the facts of the
   * close (what its audit entry holds), for a caller whose own entry records it (`audit: 'part-of-caller'`).
   */
  async count(proposal: ProposalEntity, actorId: string | null, how: CountOptions = {}): Promise<Record<string, unknown>> {
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
    if (how.quorumMet === false) stored.quorumReached = false;
    proposal.outcome = !stored.quorumReached ? Outcome.NO_QUORUM : decision.passed ? Outcome.PASSED : Outcome.REJECTED;
    proposal.winners = FIXED_OPTIONS[proposal.method as DecisionMethod] ? null : decision.winners;
    await manager.getRepository(ProposalEntity).save(proposal);
    const consequences: Record<string, unknown> = {};
    for (const listener of this.closedListeners) Object.assign(consequences, await listener(manager, proposal));
    const facts = {
      outcome: proposal.outcome,
      winners: proposal.winners,
      eligible: stored.eligible,
      participants: stored.participants,
      ...consequences,
    };
    if ((how.audit ?? 'record') === 'record')
      this.audit.record({
        actorId,
        action: actorId ? 'proposal.closed' : 'proposal.closed_automatically',
        entityType: 'Proposal',
        entityId: proposal.id,
        data: facts,
      });
    await this.events.announce(manager, proposal.id);
    this.work.afterCommit(() => this.shapes.forget(proposal.id));
    return facts;
  }

  /**
   * Puts a DRAFT (or a proposal in DISCUSSION) on an assembly's agenda (in the caller's unit of work): from then
   * on it opens and closes with the sitting. It must not have a closesAt of its own.
   */
  async placeOnAgenda(proposal: ProposalEntity): Promise<void> {
    if (proposal.status !== ProposalStatus.DRAFT && proposal.status !== ProposalStatus.DISCUSSION)
      throw new ConflictError(`Only a DRAFT proposal or one in DISCUSSION can go on an agenda; "${proposal.title}" is ${proposal.status}.`);
    if (proposal.atSitting) throw new ConflictError(`"${proposal.title}" is on an assembly's agenda already.`);
    if (proposal.closesAt)
      throw new ConflictError(`"${proposal.title}" has a closesAt of its own; a sitting's proposal closes with the sitting.`);
    proposal.atSitting = true;
    await this.work.manager.getRepository(ProposalEntity).update(proposal.id, { atSitting: true });
  }

  /** Takes a DRAFT back from a cancelled assembly's agenda: it can be opened on its own again. */
  async releaseFromAgenda(proposal: ProposalEntity): Promise<void> {
    if (![ProposalStatus.DRAFT, ProposalStatus.DISCUSSION, ProposalStatus.WITHDRAWN].includes(proposal.status)) return;
    proposal.atSitting = false;
    await this.work.manager.getRepository(ProposalEntity).update(proposal.id, { atSitting: false });
  }

  optionsOf(manager: EntityManager, proposalId: string): Promise<ProposalOptionEntity[]> {
    return manager.getRepository(ProposalOptionEntity).find({ where: { proposalId }, order: { position: 'ASC' } });
  }

  /**
   * Takes the proposal for a change of status, for the rest of the unit of work: its row, FOR UPDATE, the
   * only proposal lock there is (so one order everywhere). Every vote locks the row FOR KEY SHARE in the
   * statement that writes it, which this waits for: a close counts every vote in flight, and a vote that
   * waited on it re-reads the row and finds it no longer OPEN, so no vote lands after a close.
   */
  async lock(id: string): Promise<ProposalEntity> {
    const proposalId = assertUuid(id, 'id');
    const manager = this.work.manager;
    const proposal = await manager
      .getRepository(ProposalEntity)
      .findOne({ where: { id: proposalId }, lock: { mode: 'pessimistic_write' } });
    if (!proposal) throw new NotFoundError('Proposal', proposalId);
    return proposal;
  }

  /**
   * Takes the proposal's row FOR KEY SHARE for the rest of the unit of work, as a vote does, and reads it:
   * for changes that must not slip past a change of status (a comment as the proposal closes).
   */
  async holdShared(id: string, field = 'id'): Promise<ProposalEntity> {
    const proposalId = assertUuid(id, field);
    const manager = this.work.manager;
    const proposal = await manager.getRepository(ProposalEntity).findOne({ where: { id: proposalId }, lock: { mode: 'for_key_share' } });
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
