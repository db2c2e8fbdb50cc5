import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, ForbiddenError, isUuid, NotFoundError } from '@commons/core';
import { updateReturning, UnitOfWork } from '@commons/db';
import { validateBallot, type DecisionMethod } from './methods/index.js';
import type { CastVoteInput } from './dto/create-proposal.input.js';
import { BallotMixerService } from './ballot-mixer.service.js';
import { PROPOSAL_LOCK_SPACE } from './proposal-lock.js';
import { TallyEventsService } from './tally-events.service.js';

export interface VoteReceipt {
  proposalId: string;
  receipt: string;
  castAt: Date;
}

interface LockedProposal {
  status: string;
  method: DecisionMethod;
  secret: boolean;
  seats: number;
  closes_at: Date | null;
  colleges: unknown;
}

function hashReceipt(receipt: string): string {
  return createHash('sha256').update(receipt).digest('hex');
}

/** Casting ballots, open and secret, and checking receipts. */
@Injectable()
export class BallotsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: TallyEventsService,
    private readonly mixer: BallotMixerService,
  ) {}

  async cast(voter: Principal, input: CastVoteInput): Promise<VoteReceipt> {
    const proposalId = assertUuid(input.proposalId, 'proposalId');
    const manager = this.work.manager;
    // Votes share the proposal's lock and proceed side by side; a close takes it exclusively, so it
    // waits for votes in flight and later votes see it CLOSED. (An advisory lock: a row lock shared by
    // many transactions costs PostgreSQL a multixact each time.)
    await manager.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [PROPOSAL_LOCK_SPACE, proposalId]);
    const [proposal]: LockedProposal[] = await manager.query(
      'SELECT status, method, secret, seats, closes_at, colleges FROM proposals WHERE id = $1',
      [proposalId],
    );
    if (!proposal) throw new NotFoundError('Proposal', proposalId);
    if (proposal.status !== 'OPEN') throw new ConflictError(`Voting is not open: the proposal is ${proposal.status}.`);
    if (proposal.closes_at && proposal.closes_at.getTime() <= Date.now())
      throw new ConflictError('Voting has ended: the proposal is closing.');
    const options: Array<{ id: string; label: string }> = await manager.query(
      'SELECT id, label FROM proposal_options WHERE proposal_id = $1 ORDER BY position',
      [proposalId],
    );
    const scores = input.scores ?? null;
    const problem = validateBallot(proposal.method, options, input.optionIds, scores, proposal.seats);
    if (problem) throw new BadUserInputError(problem, 'optionIds');

    const receipt = randomBytes(24).toString('base64url');
    const castAt = new Date();
    if (proposal.secret) {
      const marked = await updateReturning<{ stakeholder_class: string }>(
        manager,
        'UPDATE proposal_voters SET has_voted = true WHERE proposal_id = $1 AND member_id = $2 AND NOT has_voted RETURNING stakeholder_class',
        [proposalId, voter.id],
      );
      if (marked.length === 0) await this.refuse(proposalId, voter.id, true);
      // Sealed: this row shares the transaction (and its id) with the participation just recorded.
      // The mixer opens it later, elsewhere, among other ballots.
      const sealed = this.mixer.seal({
        optionIds: [...input.optionIds],
        scores,
        stakeholderClass: proposal.colleges ? marked[0].stakeholder_class : null,
        receiptHash: hashReceipt(receipt),
      });
      await manager.query('INSERT INTO sealed_ballots (proposal_id, sealed) VALUES ($1, $2)', [proposalId, sealed]);
      // Who took part is public record; what they chose is not written anywhere with their name.
      this.audit.record({
        actorId: voter.id,
        action: 'vote.cast',
        entityType: 'Proposal',
        entityId: proposalId,
        data: { secret: true },
      });
    } else {
      const onRoll = await updateReturning(
        manager,
        'UPDATE proposal_voters SET has_voted = true WHERE proposal_id = $1 AND member_id = $2 RETURNING 1',
        [proposalId, voter.id],
      );
      if (onRoll.length === 0) await this.refuse(proposalId, voter.id, false);
      await manager.query(
        `INSERT INTO ballots (proposal_id, member_id, option_ids, scores, receipt_hash, cast_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (proposal_id, member_id) DO UPDATE
           SET option_ids = EXCLUDED.option_ids, scores = EXCLUDED.scores, receipt_hash = EXCLUDED.receipt_hash, cast_at = EXCLUDED.cast_at`,
        [proposalId, voter.id, JSON.stringify(input.optionIds), scores ? JSON.stringify(scores) : null, hashReceipt(receipt), castAt],
      );
      this.audit.record({
        actorId: voter.id,
        action: 'vote.cast',
        entityType: 'Proposal',
        entityId: proposalId,
        data: { secret: false, optionIds: input.optionIds, scores },
      });
      await this.events.announce(manager, proposalId);
    }
    return { proposalId, receipt, castAt };
  }

  /** Whether the ballot with this receipt is among those counted for the proposal (mixed or still sealed). */
  async verify(proposalId: string, receipt: string): Promise<boolean> {
    if (!isUuid(proposalId)) throw new BadUserInputError('proposalId must be a UUID.', 'proposalId');
    const receiptHash = hashReceipt(receipt);
    const [row] = await this.work.manager.query(
      `SELECT 1 FROM ballots WHERE proposal_id = $1 AND receipt_hash = $2
       UNION ALL SELECT 1 FROM secret_ballots WHERE proposal_id = $1 AND receipt_hash = $2 LIMIT 1`,
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

  private async refuse(proposalId: string, memberId: string, secret: boolean): Promise<never> {
    const [row] = await this.work.manager.query('SELECT has_voted FROM proposal_voters WHERE proposal_id = $1 AND member_id = $2', [
      proposalId,
      memberId,
    ]);
    if (row && secret) throw new ConflictError('You have already voted in this secret ballot, and a secret ballot cannot be changed.');
    throw new ForbiddenError("You were not an ACTIVE member of this vote's college when it opened, so you are not on its roll.");
  }
}
