import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import PgBoss from 'pg-boss';
import type { EntityManager, QueryResult } from 'typeorm';
import { UnitOfWork } from '@commons/db';

/** The queues, created by the Notifications migration (the API's role may not create tables). */
export const QUEUES = {
  mail: 'commons-mail',
  webhook: 'commons-webhook',
  closingSoon: 'commons-closing-soon',
  dailyDigest: 'commons-daily-digest',
  weeklyDigest: 'commons-weekly-digest',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const PGBOSS_SCHEMA = 'pgboss';

export interface Job<Data> {
  id: string;
  name: string;
  data: Data;
}

/** Runs pg-boss's SQL on a manager: the open transaction's, or the lane's reader. */
async function execute(manager: EntityManager, text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
  const result = (await manager.queryRunner!.query(text, values as unknown[], true)) as QueryResult;
  return { rows: result.records ?? [] };
}

/**
 * pg-boss, on our own connections: every statement it runs (its cron clock, its maintenance, what our worker
 * asks of it) goes through one background connection scope of the unit of work, so all the background work of
 * this process holds at most one pooled connection at a time. A job sent inside a transaction (`in`) commits or
 * rolls back with it. Its schema is made by a migration, never at run time.
 */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger('JobQueue');
  private boss?: PgBoss;
  /** Runs a function inside the background scope, whatever context calls it. */
  readonly lane: <T>(work: () => T) => T;

  constructor(private readonly work: UnitOfWork) {
    this.lane = work.inScope(() => AsyncLocalStorage.snapshot());
  }

  async start(options: { schedule: boolean }): Promise<void> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => this.lane(() => execute(this.work.manager, text, values)) },
      schema: PGBOSS_SCHEMA,
      migrate: false,
      supervise: true,
      schedule: options.schedule,
      maintenanceIntervalSeconds: 30,
      cronWorkerIntervalSeconds: 5,
      cronMonitorIntervalSeconds: 30,
    });
    boss.on('error', (error: Error) => this.logger.warn(`Job queue: ${error.message}`));
    await boss.start();
    this.boss = boss;
  }

  async stop(): Promise<void> {
    await this.boss?.stop({ graceful: false, close: false, wait: true });
    this.boss = undefined;
  }

  /** Jobs to send when the current transaction commits: they are inserted in it. */
  async insert(manager: EntityManager, jobs: Array<{ name: QueueName; data: object; startAfter?: Date | number }>): Promise<void> {
    if (jobs.length === 0) return;
    const started = this.started();
    for (let i = 0; i < jobs.length; i += 500)
      await started.insert(
        jobs.slice(i, i + 500).map((job) => ({ name: job.name, data: job.data, startAfter: startAfterText(job.startAfter) })),
        { db: { executeSql: (text, values) => execute(manager, text, values) } },
      );
  }

  /** Sends one job now, outside any transaction (a schedule's run, or "run it now"). */
  async send(name: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
    await this.started().send(name, data, options);
  }

  /** Runs `name` on `cron` (UTC); pg-boss keeps one schedule per name for every process. */
  async schedule(name: QueueName, cron: string, data: object): Promise<void> {
    await this.started().schedule(name, cron, data, { tz: 'UTC' });
  }

  fetch<Data>(name: QueueName, batchSize: number): Promise<Array<Job<Data>>> {
    return this.started().fetch(name, { batchSize }) as Promise<Array<Job<Data>>>;
  }

  async complete(name: QueueName, id: string): Promise<void> {
    await this.started().complete(name, id);
  }

  async fail(name: QueueName, id: string, error: unknown): Promise<void> {
    await this.started().fail(name, id, { message: String(error) });
  }

  get running(): boolean {
    return this.boss !== undefined;
  }

  private started(): PgBoss {
    if (!this.boss) throw new Error('The job queue is not started.');
    return this.boss;
  }
}

/** pg-boss reads a time (ISO, ending in Z) or an interval from now on the database's clock. */
function startAfterText(startAfter: Date | number | undefined): string | undefined {
  if (startAfter === undefined) return undefined;
  return typeof startAfter === 'number' ? `${startAfter} seconds` : startAfter.toISOString();
}
