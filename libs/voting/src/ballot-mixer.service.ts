import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, PeriodicTask } from '@commons/core';
import { updateReturning, UnitOfWork } from '@commons/db';
import { ballotKey, openBallot, sealBallot, type SecretChoice } from './ballot-seal.js';

/** Ballots mixed together at least: a batch this size hides each voter among the others. */
export const MIX_BATCH = 10;
const INTERVAL_MS = 1_000;
/** Held (try-lock) by the mixer while it runs; one mixer at a time across API processes. */
export const BALLOT_MIXER_LOCK = 727_100_011;

/** A ballot in the box: the choice only. Its receipt hash goes to a table of its own. */
type BoxedBallot = Omit<SecretChoice, 'receiptHash'>;

interface BoxedRow {
  option_ids: string[];
  scores: number[] | null;
  stakeholder_class: string | null;
  weight: number;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Moves sealed secret ballots into the ballot box in a transaction of its own, at least ten at a time
 * and in random order, so that no transaction id, row order or time links a ballot to the voter whose
 * participation was recorded with it. Receipt hashes go into a table of their own, in another random
 * order and with no key shared with the box, so a receipt proves that a ballot was counted but not which
 * choice it holds (nobody can sell their vote with it). Closing reshuffles both in the closing transaction.
 */
@Injectable()
export class BallotMixerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BallotMixerService.name);
  private readonly key: Buffer;
  /** Opens, never seals: ballots sealed before BALLOT_KEY existed, with the key derived from JWT_SECRET. */
  private readonly legacyKey: Buffer;
  private readonly task = new PeriodicTask(
    INTERVAL_MS,
    () => this.mixReady(),
    (error) => this.logger.warn(`Mixing secret ballots failed, will retry: ${String(error)}`),
  );

  constructor(
    private readonly work: UnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = ballotKey(config.ballotKey);
    this.legacyKey = ballotKey(config.jwtSecret);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  seal(choice: SecretChoice): string {
    return sealBallot(this.key, choice);
  }

  open(sealed: string): SecretChoice {
    try {
      return openBallot(this.key, sealed);
    } catch (error) {
      try {
        return openBallot(this.legacyKey, sealed);
      } catch {
        throw error;
      }
    }
  }

  /** Mixes, for every proposal with at least MIX_BATCH sealed ballots waiting, all of them at once. */
  async mixReady(): Promise<void> {
    await this.work.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [BALLOT_MIXER_LOCK]);
      if (!locked) return;
      const ready: Array<{ proposal_id: string }> = await manager.query(
        'SELECT proposal_id FROM sealed_ballots GROUP BY proposal_id HAVING count(*) >= $1',
        [MIX_BATCH],
      );
      for (const { proposal_id: proposalId } of ready) await this.mix(manager, proposalId, false);
    });
  }

  /**
   * Opens the proposal's sealed ballots and inserts their choices and, apart, their receipt hashes, each
   * in a random order of its own. With `reshuffle` (at closing), every ballot and receipt already there is
   * rewritten too, so both tables end in independent random orders, written by one transaction.
   */
  async mix(manager: EntityManager, proposalId: string, reshuffle: boolean): Promise<void> {
    const sealed = await updateReturning<{ sealed: string }>(
      manager,
      'DELETE FROM sealed_ballots WHERE proposal_id = $1 RETURNING sealed',
      [proposalId],
    );
    const ballots: BoxedBallot[] = [];
    const receipts: string[] = [];
    for (const row of sealed) {
      const { receiptHash, ...ballot } = this.open(row.sealed);
      ballots.push(ballot);
      receipts.push(receiptHash);
    }
    if (reshuffle) {
      const boxed = await updateReturning<BoxedRow>(
        manager,
        'DELETE FROM secret_ballots WHERE proposal_id = $1 RETURNING option_ids, scores, stakeholder_class, weight',
        [proposalId],
      );
      for (const row of boxed) {
        ballots.push({ optionIds: row.option_ids, scores: row.scores, stakeholderClass: row.stakeholder_class, weight: row.weight });
      }
      const kept = await updateReturning<{ receipt_hash: string }>(
        manager,
        'DELETE FROM secret_ballot_receipts WHERE proposal_id = $1 RETURNING receipt_hash',
        [proposalId],
      );
      for (const row of kept) receipts.push(row.receipt_hash);
    }
    if (ballots.length > 0) {
      shuffle(ballots);
      await manager.query(
        `INSERT INTO secret_ballots (proposal_id, stakeholder_class, option_ids, scores, weight)
         SELECT $1, ballot.class, ballot.option_ids, ballot.scores, ballot.weight
           FROM unnest($2::varchar[], $3::jsonb[], $4::jsonb[], $5::int[]) WITH ORDINALITY AS ballot(class, option_ids, scores, weight, n)
          ORDER BY ballot.n`,
        [
          proposalId,
          ballots.map((ballot) => ballot.stakeholderClass),
          ballots.map((ballot) => JSON.stringify(ballot.optionIds)),
          ballots.map((ballot) => (ballot.scores ? JSON.stringify(ballot.scores) : null)),
          // The weight travels inside the sealed ballot, never with the voter's name.
          ballots.map((ballot) => ballot.weight ?? 1),
        ],
      );
    }
    if (receipts.length > 0) {
      // Shuffled again, independently: the n-th receipt says nothing about the n-th ballot.
      shuffle(receipts);
      await manager.query(
        `INSERT INTO secret_ballot_receipts (proposal_id, receipt_hash)
         SELECT $1, receipt.hash FROM unnest($2::text[]) WITH ORDINALITY AS receipt(hash, n) ORDER BY receipt.n`,
        [proposalId, receipts],
      );
    }
  }
}
