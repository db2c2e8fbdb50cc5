import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
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
 * Every vote of a batch in one statement, the same checks and writes as `CAST_OPEN` row by row: the proposals
 * OPEN and not past their time (locked FOR KEY SHARE, so a close waits for the batch and a batch that waited on
 * a close finds it CLOSED), the voters ACTIVE, the roll row marked, the ballot upserted, the audit entry
 * appended in the order the votes arrived. A vote whose conditions fail writes nothing; the others still do.
 * A batch never holds two votes of one member on one proposal (an upsert cannot touch a row twice).
 */
export const CAST_OPEN_BATCH = `WITH
  input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[], $4::jsonb[], $5::text[], $6::timestamptz[], $7::text[], $8::jsonb[])
      WITH ORDINALITY AS i(proposal_id, member_id, option_ids, scores, receipt_hash, cast_at, entity_id, data, n)),
  proposal AS (
    SELECT id FROM proposals
     WHERE id IN (SELECT proposal_id FROM input) AND status = 'OPEN' AND (closes_at IS NULL OR closes_at > now())
     ORDER BY id
       FOR KEY SHARE),
  standing AS (SELECT id FROM members WHERE id IN (SELECT member_id FROM input) AND status = 'ACTIVE'),
  roll AS (
    UPDATE proposal_voters v SET has_voted = true
      FROM input i
     WHERE v.proposal_id = i.proposal_id AND v.member_id = i.member_id AND v.may_vote
       AND i.proposal_id IN (SELECT id FROM proposal) AND i.member_id IN (SELECT id FROM standing)
    RETURNING i.n),
  ballot AS (
    INSERT INTO ballots (proposal_id, member_id, option_ids, scores, receipt_hash, cast_at)
    SELECT i.proposal_id, i.member_id, i.option_ids, i.scores, i.receipt_hash, i.cast_at FROM input i JOIN roll r ON r.n = i.n
    ON CONFLICT (proposal_id, member_id) DO UPDATE
      SET option_ids = EXCLUDED.option_ids, scores = EXCLUDED.scores, receipt_hash = EXCLUDED.receipt_hash, cast_at = EXCLUDED.cast_at
    RETURNING 1),
  audit AS (
    INSERT INTO audit_entries (at, actor_id, action, entity_type, entity_id, data)
    SELECT i.cast_at, i.member_id, 'vote.cast', 'Proposal', i.entity_id, i.data FROM input i JOIN roll r ON r.n = i.n ORDER BY i.n
    RETURNING 1)
SELECT i.n::int AS n, i.proposal_id IN (SELECT id FROM proposal) AS open, i.member_id IN (SELECT id FROM standing) AS active,
       EXISTS (SELECT 1 FROM roll r WHERE r.n = i.n) AS cast
  FROM input i ORDER BY i.n`;

/** The most votes one statement writes. */
export const VOTE_BATCH_MAX = 200;

interface Pending {
  vote: OpenVote;
  key: string;
  settle: (outcome: BatchedOutcome | undefined, error?: unknown) => void;
}

/**
 * Group commit for open ballots cast outside a transaction: votes that arrive while a batch is being written
 * wait for it and are then written together, by one statement that commits them all (one commit, one round
 * trip). A vote that arrives when nothing is being written goes at once, alone, so a quiet co-op waits for
 * nothing. Each caller is answered only once its vote is durable, with its own outcome.
 *
 * One batch at a time per process, on a connection scope of its own (one pooled connection). When PostgreSQL
 * refuses a batch's statement (a deadlock with another process's batch, say), nothing of it was written and
 * each vote is answered `undefined`, so that its caller casts it alone and gets its own answer; when the
 * connection fails, every caller gets that error, as a single vote would.
 */
@Injectable()
export class OpenVoteBatcher {
  private readonly queue: Pending[] = [];
  private writing = false;
  private soon = false;
  private readonly lane: <T>(work: () => T) => T;

  constructor(private readonly work: UnitOfWork) {
    this.lane = work.inScope(() => AsyncLocalStorage.snapshot());
  }

  /** The vote's outcome once the batch holding it has committed; `undefined` if it must be cast alone. */
  cast(vote: OpenVote): Promise<BatchedOutcome | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        vote,
        key: `${vote.proposalId.toLowerCase()} ${vote.memberId}`,
        settle: (outcome, error) => (error === undefined ? resolve(outcome) : reject(error)),
      });
      if (!this.writing && !this.soon) {
        // Once the votes already being handled in this turn of the event loop have come in too.
        this.soon = true;
        setImmediate(() => {
          this.soon = false;
          if (!this.writing) void this.writeNext();
        });
      }
    });
  }

  private async writeNext(): Promise<void> {
    const batch = this.take();
    if (batch.length === 0) return;
    this.writing = true;
    try {
      const outcomes = await this.write(batch);
      batch.forEach((pending, i) => pending.settle(outcomes[i]));
    } catch (error) {
      const refusedWhole = isStatementError(error);
      for (const pending of batch) pending.settle(undefined, refusedWhole ? undefined : error);
    } finally {
      this.writing = false;
    }
    if (this.queue.length > 0) void this.writeNext();
  }

  /** The next batch: waiting votes in the order they came, a member's later vote on the same proposal left for the next. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const keys = new Set<string>();
    const left: Pending[] = [];
    for (const pending of this.queue) {
      if (batch.length < VOTE_BATCH_MAX && !keys.has(pending.key)) {
        keys.add(pending.key);
        batch.push(pending);
      } else left.push(pending);
    }
    this.queue.splice(0, this.queue.length, ...left);
    return batch;
  }

  private async write(batch: Pending[]): Promise<BatchedOutcome[]> {
    const votes = batch.map((pending) => pending.vote);
    const rows = await this.lane(() =>
      this.work.statement<BatchedOutcome & { n: number }>('commons_cast_open_votes', CAST_OPEN_BATCH, [
        votes.map((vote) => vote.proposalId),
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

/**
 * PostgreSQL refused the statement itself (it reported an SQLSTATE), so the batch rolled back whole; not a
 * lost connection or a server going away (classes 08 and 57), after which the commit may or may not have
 * happened.
 */
function isStatementError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57');
}
