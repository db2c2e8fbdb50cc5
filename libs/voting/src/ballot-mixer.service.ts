import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, PeriodicTask } from '@commons/core';
import { updateReturning } from '@commons/db';
import { ballotKey, openBallot, sealBallot, type SecretChoice } from './ballot-seal.js';

/** Ballots mixed together at least: a batch this size hides each voter among the others. */
export const MIX_BATCH = 10;
const INTERVAL_MS = 1_000;
const MIXER_LOCK = 727_100_011;

interface BoxedRow {
  option_ids: string[];
  scores: number[] | null;
  stakeholder_class: string | null;
  receipt_hash: string;
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
 * participation was recorded with it. Closing reshuffles the whole box in the closing transaction.
 */
@Injectable()
export class BallotMixerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BallotMixerService.name);
  private readonly key: Buffer;
  private readonly task = new PeriodicTask(
    INTERVAL_MS,
    () => this.mixReady(),
    (error) => this.logger.warn(`Mixing secret ballots failed, will retry: ${String(error)}`),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = ballotKey(config.jwtSecret);
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
    return openBallot(this.key, sealed);
  }

  /** Mixes, for every proposal with at least MIX_BATCH sealed ballots waiting, all of them at once. */
  async mixReady(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [MIXER_LOCK]);
      if (!locked) return;
      const ready: Array<{ proposal_id: string }> = await manager.query(
        'SELECT proposal_id FROM sealed_ballots GROUP BY proposal_id HAVING count(*) >= $1',
        [MIX_BATCH],
      );
      for (const { proposal_id: proposalId } of ready) await this.mix(manager, proposalId, false);
    });
  }

  /**
   * Opens the proposal's sealed ballots and inserts them in random order. With `reshuffle` (at closing),
   * every ballot already in the box is rewritten too, so the whole box ends in one random order with one
   * transaction id.
   */
  async mix(manager: EntityManager, proposalId: string, reshuffle: boolean): Promise<void> {
    const sealed = await updateReturning<{ sealed: string }>(
      manager,
      'DELETE FROM sealed_ballots WHERE proposal_id = $1 RETURNING sealed',
      [proposalId],
    );
    const choices = sealed.map((row) => this.open(row.sealed));
    if (reshuffle) {
      const boxed = await updateReturning<BoxedRow>(
        manager,
        'DELETE FROM secret_ballots WHERE proposal_id = $1 RETURNING option_ids, scores, stakeholder_class, receipt_hash, weight',
        [proposalId],
      );
      for (const row of boxed) {
        choices.push({
          optionIds: row.option_ids,
          scores: row.scores,
          stakeholderClass: row.stakeholder_class,
          receiptHash: row.receipt_hash,
          weight: row.weight,
        });
      }
    }
    if (choices.length === 0) return;
    shuffle(choices);
    await manager.query(
      `INSERT INTO secret_ballots (proposal_id, stakeholder_class, option_ids, scores, receipt_hash, weight)
       SELECT $1, ballot.class, ballot.option_ids, ballot.scores, ballot.receipt, ballot.weight
         FROM unnest($2::varchar[], $3::jsonb[], $4::jsonb[], $5::text[], $6::int[])
              WITH ORDINALITY AS ballot(class, option_ids, scores, receipt, weight, n)
        ORDER BY ballot.n`,
      [
        proposalId,
        choices.map((choice) => choice.stakeholderClass),
        choices.map((choice) => JSON.stringify(choice.optionIds)),
        choices.map((choice) => (choice.scores ? JSON.stringify(choice.scores) : null)),
        choices.map((choice) => choice.receiptHash),
        // The weight travels inside the sealed ballot, never with the voter's name.
        choices.map((choice) => choice.weight ?? 1),
      ],
    );
  }
}
