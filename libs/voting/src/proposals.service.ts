import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import { actsAs, MemberStatus, type Principal, Role } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@commons/core';
import { CONSENT_OPTION_LABELS, MAJORITY_OPTION_LABELS, validateDecisionSetup, type DecisionMethod } from './methods/index.js';
import type { CreateProposalInput } from './dto/create-proposal.input.js';
import { ProposalOptionEntity } from './entities/proposal-option.entity.js';
import { type CollegeWeight, Outcome, ProposalEntity, ProposalStatus } from './entities/proposal.entity.js';
import { BallotMixerService } from './ballot-mixer.service.js';
import { PROPOSAL_LOCK_SPACE } from './proposal-lock.js';
import { TallyService } from './tally.service.js';
import { TallyEventsService } from './tally-events.service.js';

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

/** For other libs that create and open a proposal as part of their own audited change. */
export interface EmbeddedChange {
  /** Skip this step's audit entry: the caller's entry records it (one entry per mutation). */
  audited: boolean;
}

/** The lifecycle of proposals: draft, open, withdraw, close (by an admin or when `closesAt` passes). */
@Injectable()
export class ProposalsService {
  private readonly closedListeners: ProposalClosedListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    if (author.status !== MemberStatus.ACTIVE) throw new ForbiddenError('Only ACTIVE members can make proposals.');
    return this.dataSource.transaction((manager) => this.createIn(manager, author.id, input));
  }

  /** Creates a proposal inside the caller's transaction (used by other libs, e.g. surplus). */
  async createIn(
    manager: EntityManager,
    authorId: string,
    input: CreateProposalInput,
    change: EmbeddedChange = { audited: true },
  ): Promise<ProposalEntity> {
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
    const colleges = await this.checkColleges(manager, input.colleges ?? null);

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
    if (change.audited)
      await this.audit.record(manager, {
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
    return this.change(id, async (manager, proposal) => {
      this.authorOrAdmin(actor, proposal, 'open');
      await this.openIn(manager, proposal, actor.id);
      return proposal;
    });
  }

  /** Opens a DRAFT inside the caller's transaction: freezes the roll of eligible members. */
  async openIn(
    manager: EntityManager,
    proposal: ProposalEntity,
    actorId: string | null,
    change: EmbeddedChange = { audited: true },
  ): Promise<void> {
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
    if (change.audited)
      await this.audit.record(manager, {
        actorId,
        action: 'proposal.opened',
        entityType: 'Proposal',
        entityId: proposal.id,
        data: { eligible: proposal.eligibleCount, closesAt: proposal.closesAt?.toISOString() ?? null },
      });
  }

  async withdraw(actor: Principal, id: string): Promise<ProposalEntity> {
    return this.change(id, async (manager, proposal) => {
      if (proposal.authorId !== actor.id) throw new ForbiddenError('Only the author can withdraw a proposal.');
      if (actor.status !== MemberStatus.ACTIVE)
        throw new ForbiddenError(`Only ACTIVE members can withdraw proposals; you are ${actor.status}.`);
      if (proposal.status !== ProposalStatus.DRAFT && proposal.status !== ProposalStatus.OPEN) {
        throw new ConflictError(`Only a DRAFT or OPEN proposal can be withdrawn; this one is ${proposal.status}.`);
      }
      // Like closing: wait for votes in flight, so none lands after the withdrawal.
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROPOSAL_LOCK_SPACE, proposal.id]);
      const from = proposal.status;
      proposal.status = ProposalStatus.WITHDRAWN;
      await manager.getRepository(ProposalEntity).save(proposal);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'proposal.withdrawn',
        entityType: 'Proposal',
        entityId: id,
        data: { from },
      });
      return proposal;
    });
  }

  async close(actor: Principal, id: string): Promise<ProposalEntity> {
    return this.change(id, async (manager, proposal) => {
      await this.closeIn(manager, proposal, actor.id);
      return proposal;
    });
  }

  /** Counts and closes an OPEN proposal locked by the caller's transaction. */
  async closeIn(manager: EntityManager, proposal: ProposalEntity, actorId: string | null): Promise<void> {
    if (proposal.status !== ProposalStatus.OPEN)
      throw new ConflictError(`Only an OPEN proposal can be closed; this one is ${proposal.status}.`);
    // Waits for votes in flight; votes that come after see the proposal CLOSED.
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROPOSAL_LOCK_SPACE, proposal.id]);
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
    await this.audit.record(manager, {
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

  /** Loads the proposal for update and runs `apply` in one transaction. */
  private change(
    id: string,
    apply: (manager: EntityManager, proposal: ProposalEntity) => Promise<ProposalEntity>,
  ): Promise<ProposalEntity> {
    const proposalId = assertUuid(id, 'id');
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager
        .getRepository(ProposalEntity)
        .findOne({ where: { id: proposalId }, lock: { mode: 'pessimistic_write' } });
      if (!proposal) throw new NotFoundError('Proposal', proposalId);
      return apply(manager, proposal);
    });
  }

  private authorOrAdmin(actor: Principal, proposal: ProposalEntity, verb: string): void {
    if (proposal.authorId !== actor.id && !actsAs(actor, Role.ADMIN))
      throw new ForbiddenError(`Only the author or an admin can ${verb} this proposal.`);
    if (actor.status !== MemberStatus.ACTIVE) throw new ForbiddenError(`Only ACTIVE members can ${verb} proposals.`);
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

  private async checkColleges(manager: EntityManager, colleges: CollegeWeight[] | null): Promise<CollegeWeight[] | null> {
    if (!colleges) return null;
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
