import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import type { EntityManager } from 'typeorm';
import { DatabaseListener } from '@commons/db';

const CHANNEL = 'commons_tally';
const DEBOUNCE_MS = 200;

/**
 * Live tallies across API processes. A vote or close calls `announce` inside its transaction
 * (`pg_notify`, which PostgreSQL delivers only if and when that transaction commits); every API process
 * LISTENs and tells its own subscribers, recounting at most once per 200 ms per proposal and only while
 * someone there is subscribed. PostgreSQL is already the one shared component, so no broker is added.
 */
@Injectable()
export class TallyEventsService implements OnApplicationShutdown {
  private readonly logger = new Logger(TallyEventsService.name);
  private readonly pubsub = new PubSub();
  private readonly subscribers = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Set by the voting module: recounts a proposal for its subscribers. */
  recount?: (proposalId: string) => Promise<unknown>;

  constructor(listener: DatabaseListener) {
    listener.on(CHANNEL, (proposalId) => this.notified(proposalId));
  }

  onApplicationShutdown(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
  }

  /** Within the transaction that changed the count. */
  async announce(manager: EntityManager, proposalId: string): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [CHANNEL, proposalId]);
  }

  /** An async iterator of tallies for one proposal; counts its subscriber while it is open. */
  subscribe(proposalId: string): AsyncIterableIterator<unknown> {
    const inner = this.pubsub.asyncIterableIterator<unknown>(`tally:${proposalId}`);
    this.subscribers.set(proposalId, (this.subscribers.get(proposalId) ?? 0) + 1);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      const left = (this.subscribers.get(proposalId) ?? 1) - 1;
      if (left > 0) this.subscribers.set(proposalId, left);
      else this.subscribers.delete(proposalId);
    };
    return {
      next: () => inner.next(),
      return: async (value?: unknown) => {
        release();
        return inner.return ? inner.return() : { done: true, value };
      },
      throw: async (error?: unknown) => {
        release();
        return inner.throw ? inner.throw(error) : { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  publish(proposalId: string, tally: unknown): Promise<void> {
    return this.pubsub.publish(`tally:${proposalId}`, tally);
  }

  private notified(proposalId: string): void {
    if (!this.subscribers.has(proposalId) || this.pending.has(proposalId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(proposalId);
      this.recount?.(proposalId).catch((error: unknown) => this.logger.warn(`Live tally of ${proposalId} failed: ${String(error)}`));
    }, DEBOUNCE_MS);
    this.pending.set(proposalId, timer);
  }
}
