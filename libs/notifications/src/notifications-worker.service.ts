import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditSealerService } from '@commons/audit';
import { APP_CONFIG, type AppConfig, PeriodicTask } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { EventFanout } from './event-fanout.service.js';
import { JobQueue, type QueueName, QUEUES } from './job-queue.service.js';
import type { AuditEvent } from './webhooks/webhook-payload.js';

const CURSOR = 'events';
const BATCH = 200;
const JOBS_PER_QUEUE = 20;

export type JobHandler = (data: Record<string, unknown>) => Promise<unknown>;

/**
 * The notifications' background work, in one loop per process: reads committed audit entries past the cursor
 * (the audit log is the outbox) and fans them out, then runs the jobs that are due (emails, webhook deliveries,
 * reminders, digests). Several processes share the work: the cursor row is taken with SKIP LOCKED, and pg-boss
 * hands each job to one of them.
 */
@Injectable()
export class NotificationsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly handlers = new Map<QueueName, JobHandler>();
  private readonly task: PeriodicTask;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly work: UnitOfWork,
    private readonly queue: JobQueue,
    private readonly fanout: EventFanout,
    private readonly sealer: AuditSealerService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.task = new PeriodicTask(
      config.notificationsPollMs,
      () => this.runOnce(),
      (error) => this.logger.warn(`Notifications run failed, will retry: ${String(error)}`),
    );
  }

  /** What runs the jobs of `name` (each lib part registers its own at construction). */
  handle(name: QueueName, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.NOTIFICATIONS_WORKER === 'off') return;
    await this.queue.lane(async () => {
      await this.queue.start({ schedule: true });
      await this.queue.schedule(QUEUES.closingSoon, '* * * * *', {});
      await this.queue.schedule(QUEUES.dailyDigest, '0 7 * * *', {});
      await this.queue.schedule(QUEUES.weeklyDigest, '0 7 * * 1', {});
    });
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await this.turn;
    await this.queue.lane(() => this.queue.stop());
  }

  /**
   * One pass: new events fanned out, due jobs run. Passes never overlap within a process. With `waitForSealer`
   * it seals behind a sealing run in progress, so it sees every entry committed before it began.
   */
  runOnce(waitForSealer = false): Promise<{ events: number; jobs: number }> {
    const pass = this.turn.then(() =>
      this.queue.lane(async () => {
        await this.sealer.sealPending(waitForSealer);
        const events = await this.fanOut();
        const jobs = await this.runDueJobs();
        return { events, jobs };
      }),
    );
    this.turn = pass.catch(() => undefined);
    return pass;
  }

  /** Queues a run of a scheduled job now (what its schedule does at its time). */
  runNow(name: QueueName): Promise<void> {
    return this.queue.lane(() => this.queue.send(name, {}));
  }

  /** Runs passes until nothing is left to do now (for tests and benchmarks; jobs due later stay queued). */
  async drain(maxPasses = 50): Promise<void> {
    for (let pass = 0; pass < maxPasses; pass += 1) {
      const { events, jobs } = await this.runOnce(true);
      if (events === 0 && jobs === 0) return;
    }
  }

  /** Fans out every committed entry past the cursor, a batch per transaction. Returns how many. */
  private async fanOut(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.work.transaction(async (manager) => {
        const [cursor] = await manager.query('SELECT last_seq FROM notification_cursor WHERE name = $1 FOR UPDATE SKIP LOCKED', [CURSOR]);
        if (!cursor) return 0; // another process holds it
        const rows: Array<Record<string, unknown>> = await manager.query(
          `SELECT seq, at, actor_id, action, entity_type, entity_id, data FROM audit_entries
            WHERE seq > $1 ORDER BY seq LIMIT $2`,
          [cursor.last_seq, BATCH],
        );
        const entries = rows.map((row): AuditEvent => ({
          seq: String(row.seq),
          at: row.at as Date,
          actorId: row.actor_id as string | null,
          action: row.action as string,
          entityType: row.entity_type as string,
          entityId: row.entity_id as string | null,
          data: row.data,
        }));
        await this.fanout.applyAll(manager, entries);
        if (rows.length > 0)
          await manager.query('UPDATE notification_cursor SET last_seq = $2 WHERE name = $1', [CURSOR, rows[rows.length - 1].seq]);
        return rows.length;
      });
      total += count;
      if (count < BATCH) return total;
    }
  }

  private async runDueJobs(): Promise<number> {
    let ran = 0;
    for (const [name, handler] of this.handlers) {
      const jobs = await this.queue.fetch<Record<string, unknown>>(name, JOBS_PER_QUEUE);
      for (const job of jobs) {
        ran += 1;
        try {
          await handler(job.data ?? {});
          await this.queue.complete(name, job.id);
        } catch (error) {
          this.logger.warn(`Job ${name} ${job.id} failed, pg-boss will retry it: ${String(error)}`);
          await this.queue.fail(name, job.id, error);
        }
      }
    }
    return ran;
  }
}
