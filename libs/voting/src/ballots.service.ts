import { Injectable } from '@nestjs/common';
import { createHash, randomFillSync } from 'node:crypto';
import { AUDIT_ENTRY_COLUMNS, auditEntryValues } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, ForbiddenError, isUuid, NotFoundError, UnauthenticatedError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { validateBallot } from './methods/index.js';
import type { CastVoteInput } from './dto/create-proposal.input.js';
import { BallotMixerService } from './ballot-mixer.service.js';
import { OpenVoteBatcher } from './open-vote-batcher.js';
import { type ProposalShape, ProposalShapesService } from './proposal-shapes.js';
import { TallyEventsService } from './tally-events.service.js';
import { VotingPolicy } from './voting.policy.js';

export interface VoteReceipt {
  proposalId: string;
  receipt: string;
  castAt: Date;
}

/** What the vote's statement found: which of its conditions held, and whether it wrote the vote. */
interface VoteOutcome {
  open: boolean;
  active: boolean;
  cast: boolean;
}

/**
 * The conditions every vote checks in the statement that writes it: the proposal is OPEN and its time has
 * not run out, locked FOR KEY SHARE until the vote commits (closing and withdrawing lock it FOR UPDATE, so
 * a close waits for the votes in flight and a vote that waited on a close finds it CLOSED), and the voter
 * is ACTIVE now (a suspension made a moment ago by any process counts).
 */
const VOTE_CONDITIONS = `
  proposal AS (
    SELECT id FROM proposals
     WHERE id = $1::uuid AND status = 'OPEN' AND (closes_at IS NULL OR closes_at > now())
       FOR KEY SHARE),
  standing AS (SELECT id FROM members WHERE id = $2::uuid AND status = 'ACTIVE')`;

/** Then the audit entry, unsealed, as AuditService writes it (AUDIT_ENTRY_COLUMNS), if the vote was written. */
const VOTE_AUDIT = (from: string, first: number) => `
  audit AS (
    INSERT INTO audit_entries (${AUDIT_ENTRY_COLUMNS})
    SELECT $${first}::timestamptz, $${first + 1}::uuid, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5}::jsonb FROM ${from}
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM proposal) AS open, EXISTS (SELECT 1 FROM standing) AS active, EXISTS (SELECT 1 FROM audit) AS cast`;

/**
 * An open ballot in one statement: conditions, the roll (the tally takes the weight from this roll row when
 * it counts; at a sitting only members checked in may vote), the ballot (the last one counts), the audit entry.
 */
export const CAST_OPEN = `WITH ${VOTE_CONDITIONS},
  roll AS (
    UPDATE proposal_voters SET has_voted = true
     WHERE proposal_id = (SELECT id FROM proposal) AND member_id = (SELECT id FROM standing) AND may_vote
    RETURNING member_id),
  ballot AS (
    INSERT INTO ballots (proposal_id, member_id, option_ids, scores, receipt_hash, cast_at)
    SELECT $1::uuid, member_id, $3::jsonb, $4::jsonb, $5, $6::timestamptz FROM roll
    ON CONFLICT (proposal_id, member_id) DO UPDATE
      SET option_ids = EXCLUDED.option_ids, scores = EXCLUDED.scores, receipt_hash = EXCLUDED.receipt_hash, cast_at = EXCLUDED.cast_at
    RETURNING 1),${VOTE_AUDIT('ballot', 7)}`;

/**
 * A secret ballot in one statement: participation on the roll (once; only at the weight the ballot was
 * sealed with), the sealed ballot, the audit entry (who took part, never what they chose).
 */
const CAST_SECRET = `WITH ${VOTE_CONDITIONS},
  roll AS (
    UPDATE proposal_voters SET has_voted = true
     WHERE proposal_id = (SELECT id FROM proposal) AND member_id = (SELECT id FROM standing)
       AND NOT has_voted AND may_vote AND weight = $3::int
    RETURNING 1),
  sealed AS (INSERT INTO sealed_ballots (proposal_id, sealed) SELECT $1::uuid, $4 FROM roll RETURNING 1),${VOTE_AUDIT('sealed', 5)}`;

/** Tries of a secret vote whose weight changed (a proxy given or ended) between reading and writing it. */
const SECRET_TRIES = 3;

/** A receipt's random bytes (192 bits), and how many receipts' worth are drawn from the CSPRNG at once. */
const RECEIPT_BYTES = 24;
const receiptPool = Buffer.alloc(RECEIPT_BYTES * 256);
let receiptOffset = receiptPool.length;

/**
 * A new receipt: bytes from a pool filled by the CSPRNG 256 receipts at a time (one system call instead of one
 * per vote, as `crypto.randomUUID` does), each byte used once.
 */
function newReceipt(): string {
  if (receiptOffset === receiptPool.length) {
    randomFillSync(receiptPool);
    receiptOffset = 0;
  }
  const receipt = receiptPool.toString('base64url', receiptOffset, receiptOffset + RECEIPT_BYTES);
  receiptOffset += RECEIPT_BYTES;
  return receipt;
}

function hashReceipt(receipt: string): string {
  return createHash('sha256').update(receipt).digest('hex');
}

/** Casting ballots, open and secret, and checking receipts. */
@Injectable()
export class BallotsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly events: TallyEventsService,
    private readonly mixer: BallotMixerService,
    private readonly shapes: ProposalShapesService,
    private readonly batcher: OpenVoteBatcher,
  ) {}

  /**
   * Casts a vote as one statement (one round trip, prepared once per connection), in the open unit of work
   * if there is one, else as a transaction of its own. Its choice is checked first against the proposal's
   * shape (cached), everything that can change (status, standing, roll) by the statement as it writes.
   */
  async cast(voter: Principal, input: CastVoteInput): Promise<VoteReceipt> {
    const proposalId = assertUuid(input.proposalId, 'proposalId');
    const { shape, status, closesAt } = await this.shapes.get(proposalId);
    if (status !== undefined) refuseUnlessOpen(status, closesAt ?? null);
    const scores = input.scores ?? null;
    const problem = validateBallot(shape.method, shape.options, input.optionIds, scores, shape.seats);
    if (problem) throw new BadUserInputError(problem, 'optionIds');

    const receipt = newReceipt();
    const castAt = new Date();
    if (shape.secret) {
      await this.castSecret(voter, shape, input.optionIds, scores, hashReceipt(receipt), castAt);
      return { proposalId, receipt, castAt };
    }
    const audit = auditEntryValues(
      {
        actorId: voter.id,
        action: 'vote.cast',
        entityType: 'Proposal',
        entityId: proposalId,
        data: { secret: false, optionIds: input.optionIds, scores },
      },
      castAt,
    );
    const optionIds = JSON.stringify(input.optionIds);
    const scoresJson = scores ? JSON.stringify(scores) : null;
    const receiptHash = hashReceipt(receipt);
    const castAlone = async () => {
      const [alone] = await this.work.statement<VoteOutcome>('commons_cast_open_vote', CAST_OPEN, [
        proposalId,
        voter.id,
        optionIds,
        scoresJson,
        receiptHash,
        castAt,
        ...audit,
      ]);
      return alone;
    };
    // Inside a transaction, in it; otherwise with the votes cast on this proposal at the same time (group commit).
    const outcome = this.work.current
      ? await castAlone()
      : await this.batcher.cast(
          {
            proposalId,
            memberId: voter.id,
            optionIds,
            scores: scoresJson,
            receiptHash,
            castAt,
            auditEntityId: audit[4],
            auditData: audit[5],
          },
          castAlone,
        );
    if (!outcome.cast) await this.refuse(proposalId, voter.id, false);
    // Live tallies hear of it once it is durable, coalesced per proposal (no pg_notify in the vote).
    if (this.work.current) this.work.afterCommit(() => this.events.voted(proposalId));
    else this.events.voted(proposalId);
    return { proposalId, receipt, castAt };
  }

  private async castSecret(
    voter: Principal,
    shape: ProposalShape,
    optionIds: string[],
    scores: number[] | null,
    receiptHash: string,
    castAt: Date,
  ): Promise<void> {
    const proposalId = shape.id;
    // Who took part is public record; what they chose is not written anywhere with their name.
    const audit = auditEntryValues(
      { actorId: voter.id, action: 'vote.cast', entityType: 'Proposal', entityId: proposalId, data: { secret: true } },
      castAt,
    );
    for (let attempt = 1; attempt <= SECRET_TRIES; attempt += 1) {
      // weight: themself plus the proxies they hold, sealed with the choice (the statement writes only at it).
      const [roll]: Array<{ stakeholder_class: string; weight: number; has_voted: boolean; may_vote: boolean }> =
        await this.work.manager.query(
          'SELECT stakeholder_class, weight, has_voted, may_vote FROM proposal_voters WHERE proposal_id = $1 AND member_id = $2',
          [proposalId, voter.id],
        );
      if (!roll || roll.has_voted || !roll.may_vote) return this.refuse(proposalId, voter.id, true);
      // Sealed: this row shares the transaction (and its id) with the participation recorded with it.
      // The mixer opens it later, elsewhere, among other ballots.
      const sealed = this.mixer.seal({
        optionIds: [...optionIds],
        scores,
        stakeholderClass: shape.hasColleges ? roll.stakeholder_class : null,
        receiptHash,
        weight: roll.weight,
      });
      const [outcome] = await this.work.statement<VoteOutcome>('commons_cast_secret_vote', CAST_SECRET, [
        proposalId,
        voter.id,
        roll.weight,
        sealed,
        ...audit,
      ]);
      if (outcome.cast) return;
      if (!outcome.open || !outcome.active) return this.refuse(proposalId, voter.id, true);
      // The roll row changed meanwhile (a proxy moved the weight, or the vote is cast already): read it again.
    }
    await this.refuse(proposalId, voter.id, true);
  }

  /** Whether the ballot with this receipt is among those counted for the proposal (mixed or still sealed). */
  async verify(proposalId: string, receipt: string): Promise<boolean> {
    if (!isUuid(proposalId)) throw new BadUserInputError('proposalId must be a UUID.', 'proposalId');
    const receiptHash = hashReceipt(receipt);
    const [row] = await this.work.manager.query(
      `SELECT 1 FROM ballots WHERE proposal_id = $1 AND receipt_hash = $2
       UNION ALL SELECT 1 FROM secret_ballot_receipts WHERE proposal_id = $1 AND receipt_hash = $2 LIMIT 1`,
      [proposalId, receiptHash],
    );
    if (row) return true;
    const sealed: Array<{ sealed: string }> = await this.work.manager.query('SELECT sealed FROM sealed_ballots WHERE proposal_id = $1', [
      proposalId,
    ]);
    return sealed.some((ballot) => this.mixer.open(ballot.sealed).receiptHash === receiptHash);
  }

  /** The caller's current choice on an open ballot, as option ids in order; null on secret ones. */
  async myVote(memberId: string, proposalId: string): Promise<string[] | null> {
    const [row] = await this.work.manager.query('SELECT option_ids FROM ballots WHERE proposal_id = $1 AND member_id = $2', [
      proposalId,
      memberId,
    ]);
    return row ? (row.option_ids as string[]) : null;
  }

  /** Why a vote was not written, in the order the conditions are checked: the voter exists, the proposal, the voter's standing, the roll. */
  private async refuse(proposalId: string, memberId: string, secret: boolean): Promise<never> {
    const manager = this.work.manager;
    // The guard may not have looked the voter up (@ChecksStandingItself): a token of no member is refused first.
    const [member]: Array<{ status: string }> = await manager.query('SELECT status FROM members WHERE id = $1', [memberId]);
    if (!member) throw new UnauthenticatedError('Your token is missing, invalid or expired. Sign in again.');
    const [proposal]: Array<{ status: string; closes_at: Date | null }> = await manager.query(
      'SELECT status, closes_at FROM proposals WHERE id = $1',
      [proposalId],
    );
    if (!proposal) throw new NotFoundError('Proposal', proposalId);
    if (proposal.status !== 'OPEN') this.shapes.forget(proposalId);
    refuseUnlessOpen(proposal.status, proposal.closes_at);
    if (member.status !== 'ACTIVE') throw new ForbiddenError(VotingPolicy.vote.reason);
    const [row]: Array<{ has_voted: boolean; may_vote: boolean }> = await manager.query(
      'SELECT has_voted, may_vote FROM proposal_voters WHERE proposal_id = $1 AND member_id = $2',
      [proposalId, memberId],
    );
    if (row && secret && row.has_voted) {
      throw new ConflictError(
        'Your vote in this secret ballot is cast already (by you, or by the holder of your proxy before you checked in), and a secret ballot cannot be changed.',
      );
    }
    if (row && !row.may_vote)
      throw new ForbiddenError('This proposal is voted at a sitting: only members checked in there can vote on it.');
    if (row) throw new ConflictError('Your vote could not be recorded because your standing on the roll changed meanwhile; cast it again.');
    throw new ForbiddenError("You were not an ACTIVE member of this vote's college when it opened, so you are not on its roll.");
  }
}

/** CONFLICT unless voting is open: the proposal is OPEN and its closing time has not come. */
function refuseUnlessOpen(status: string, closesAt: Date | null): void {
  if (status !== 'OPEN') throw new ConflictError(`Voting is not open: the proposal is ${status}.`);
  if (closesAt && closesAt.getTime() <= Date.now()) throw new ConflictError('Voting has ended: the proposal is closing.');
}
