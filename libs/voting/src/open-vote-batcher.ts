import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { UnitOfWork } from '@commons/db';

/** One open ballot to write: what the single-vote statement (`CAST_OPEN`) takes, row by row. */
export interface OpenVote {
  proposalId: string;
  memberId: string;
  /** JSON text of the option ids, and of the scores (or null). */
  optionIds: string;
  scores: string | null;
  receiptHash: string;
  castAt: Date;
  /** The audit entry's `entity_id` and `data` (JSON text), as `auditEntryValues` gives them. */
  auditEntityId: string | null;
  auditData: string | null;
}

/** What the statement found for one vote, as for a single vote. */
export interface BatchedOutcome {
  open: boolean;
  active: boolean;
  cast: boolean;
}

/**
 * Every vote of a batch (all on one proposal) in one statement, the same checks and writes as `CAST_OPEN` row by
 * row: the proposal OPEN and not past its time (locked FOR KEY SHARE, so a close waits for the batch and a batch
 * that waited on a close finds it CLOSED), the voters ACTIVE, their roll rows locked in member order (the order
 * `SittingRollService.lockVoters` takes too) and marked, the ballots upserted, the audit entries appended in the
 * order the votes arrived. A vote whose conditions fail writes nothing; the others still do. A batch never
 * holds two votes of one member (an upsert cannot touch a row twice).
 */
export const CAST_OPEN_BATCH = `WITH
  input AS (
    SELECT * FROM unnest($2::uuid[], $3::jsonb[], $4::jsonb[], $5::text[], $6::timestamptz[], $7::text[], $8::jsonb[])
      WITH ORDINALITY AS i(member_id, option_ids, scores, receipt_hash, cast_at, entity_id, data, n)),
  proposal AS (
    SELECT id FROM proposals
     WHERE id = $1::uuid AND status = 'OPEN' AND (closes_at IS NULL OR closes_at > now())
       FOR KEY SHARE),
  standing AS (SELECT id FROM members WHERE id IN (SELECT member_id FROM input) AND status = 'ACTIVE'),
  voters AS (
    SELECT v.member_id FROM proposal_voters v
     WHERE v.proposal_id = (SELECT id FROM proposal) AND v.member_id IN (SELECT id FROM standing) AND v.may_vote
     ORDER BY v.member_id
       FOR NO KEY UPDATE),
  roll AS (
    UPDATE proposal_voters v SET has_voted = true
      FROM input i
     WHERE v.proposal_id = $1::uuid AND v.member_id = i.member_id AND v.member_id IN (SELECT member_id FROM voters)
    RETURNING i.n),
  ballot AS (
    INSERT INTO ballots (proposal_id, member_id, option_ids, scores, receipt_hash, cast_at)
    SELECT $1::uuid, i.member_id, i.option_ids, i.scores, i.receipt_hash, i.cast_at FROM input i JOIN roll r ON r.n = i.n
    ON CONFLICT (proposal_id, member_id) DO UPDATE
      SET option_ids = EXCLUDED.option_ids, scores = EXCLUDED.scores, receipt_hash = EXCLUDED.receipt_hash, cast_at = EXCLUDED.cast_at
    RETURNING 1),
  audit AS (
    INSERT INTO audit_entries (at, actor_id, action, entity_type, entity_id, data)
    SELECT i.cast_at, i.member_id, 'vote.cast', 'Proposal', i.entity_id, i.data FROM input i JOIN roll r ON r.n = i.n ORDER BY i.n
    RETURNING 1)
SELECT i.n::int AS n, EXISTS (SELECT 1 FROM proposal) AS open, i.member_id IN (SELECT id FROM standing) AS active,
       EXISTS (SELECT 1 FROM roll r WHERE r.n = i.n) AS cast
  FROM input i ORDER BY i.n`;

/** The most votes one statement writes. */
export const VOTE_BATCH_MAX = 200;

/**
 * Batches written at once, each on a proposal of its own and on a connection scope of its own: a batch that
 * waits on one proposal's lock (a close counting it) holds up only that proposal's votes.
 */
export const VOTE_BATCH_LANES = 4;

type Lane = <T>(work: () => T) => T;

interface Pending {
  vote: OpenVote;
  alone: () => Promise<BatchedOutcome>;
  resolve: (outcome: BatchedOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for open ballots cast outside a transaction: votes on a proposal that arrive while a batch of
 * its votes is being written wait for it, and are then written together, by one statement that commits them
 * all (one commit, one round trip). A vote that arrives when nothing of its proposal is being written goes at
 * once (alone, by the single-vote statement), so a quiet co-op waits for nothing. Each caller is answered only
 * once its vote is durable, with its own outcome.
 *
 * A member's votes on a proposal are written in the order they came (one batch per proposal at a time, the
 * later of two votes in the next batch). When PostgreSQL refuses a batch's statement (a deadlock, say), nothing
 * of it was written, and its votes are cast again one by one, in order, before that proposal's next batch; when
 * the connection fails, every caller of the batch gets that error, as a single vote would.
 */
@Injectable()
export class OpenVoteBatcher {
  /** Votes waiting, by proposal, in the order they came; a proposal's place moves to the back after each batch. */
  private readonly waiting = new Map<string, Pending[]>();
  /** Proposals with a batch being written. */
  private readonly writing = new Set<string>();
  private readonly idle: Lane[] = [];
  private soon = false;

  constructor(private readonly work: UnitOfWork) {
    for (let i = 0; i < VOTE_BATCH_LANES; i += 1) this.idle.push(work.inScope(() => AsyncLocalStorage.snapshot()));
  }

  /**
   * The vote's outcome once it is durable. `alone` casts it by itself (the single-vote statement, run in the
   * batcher's connection scope): for a vote that comes alone, and for each vote of a batch PostgreSQL refused.
   */
  cast(vote: OpenVote, alone: () => Promise<BatchedOutcome>): Promise<BatchedOutcome> {
    return new Promise((resolve, reject) => {
      const key = vote.proposalId.toLowerCase();
      let queue = this.waiting.get(key);
      if (!queue) this.waiting.set(key, (queue = []));
      queue.push({ vote, alone, resolve, reject });
      if (!this.soon) {
        // Once the votes already being handled in this turn of the event loop have come in too.
        this.soon = true;
        setImmediate(() => {
          this.soon = false;
          this.pump();
        });
      }
    });
  }

  /** Starts a batch on an idle lane for each proposal with votes waiting and none being written. */
  private pump(): void {
    for (const [key, queue] of this.waiting) {
      if (this.idle.length === 0) return;
      if (this.writing.has(key)) continue;
      const batch = take(queue);
      this.waiting.delete(key);
      if (queue.length > 0) this.waiting.set(key, queue);
      this.writing.add(key);
      void this.writeOn(this.idle.pop()!, key, batch);
    }
  }

  private async writeOn(lane: Lane, key: string, batch: Pending[]): Promise<void> {
    try {
      if (batch.length === 1) await castAlone(lane, batch[0]);
      else {
        let outcomes: BatchedOutcome[] | undefined;
        try {
          outcomes = await this.write(lane, batch);
        } catch (error) {
          if (!refusedWhole(error)) for (const pending of batch) pending.reject(error);
          // Nothing of it was written: each vote by itself, in the order they came.
          else for (const pending of batch) await castAlone(lane, pending);
        }
        if (outcomes) batch.forEach((pending, i) => pending.resolve(outcomes[i]));
      }
    } finally {
      this.writing.delete(key);
      this.idle.push(lane);
    }
    this.pump();
  }

  private async write(lane: Lane, batch: Pending[]): Promise<BatchedOutcome[]> {
    const votes = batch.map((pending) => pending.vote);
    const rows = await lane(() =>
      this.work.statement<BatchedOutcome & { n: number }>('commons_cast_open_votes', CAST_OPEN_BATCH, [
        votes[0].proposalId,
        votes.map((vote) => vote.memberId),
        votes.map((vote) => vote.optionIds),
        votes.map((vote) => vote.scores),
        votes.map((vote) => vote.receiptHash),
        votes.map((vote) => vote.castAt),
        votes.map((vote) => vote.auditEntityId),
        votes.map((vote) => vote.auditData),
      ]),
    );
    const outcomes: BatchedOutcome[] = new Array(batch.length);
    for (const row of rows) outcomes[row.n - 1] = { open: row.open, active: row.active, cast: row.cast };
    return outcomes;
  }
}

/** The next batch of a proposal's waiting votes, in the order they came: a member's later vote is left for the next. */
function take(queue: Pending[]): Pending[] {
  const batch: Pending[] = [];
  const members = new Set<string>();
  const left: Pending[] = [];
  for (const pending of queue) {
    if (batch.length < VOTE_BATCH_MAX && !members.has(pending.vote.memberId)) {
      members.add(pending.vote.memberId);
      batch.push(pending);
    } else left.push(pending);
  }
  queue.splice(0, queue.length, ...left);
  return batch;
}

async function castAlone(lane: Lane, pending: Pending): Promise<void> {
  try {
    pending.resolve(await lane(pending.alone));
  } catch (error) {
    pending.reject(error);
  }
}

/**
 * PostgreSQL refused the statement itself (a server error with an SQLSTATE), so the batch rolled back whole:
 * not a lost connection or a server going away (classes 08 and 57P), after which the commit may or may not
 * have happened. A statement cancelled or timed out (57014) rolled back too.
 */
function refusedWhole(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError) || typeof error.code !== 'string') return false;
  return !error.code.startsWith('08') && !error.code.startsWith('57P');
}
