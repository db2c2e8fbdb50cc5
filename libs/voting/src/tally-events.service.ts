import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { countedSubscription } from '@commons/core';
import type { EntityManager } from 'typeorm';
import { DatabaseListener } from '@commons/db';

const CHANNEL = 'commons_tally';
const DEBOUNCE_MS = 200;
/** Each process announces votes on a proposal at most once per this interval. */
export const VOTE_SIGNAL_MS = 200;

/**
 * Live tallies across API processes. A close calls `announce` inside its transaction (`pg_notify`, which
 * PostgreSQL delivers only if and when that transaction commits). Votes do not notify inside their
 * transaction (every committing transaction that notified queues on one database-wide lock): once a vote
 * has committed, `voted` signals it, at most once per 200 ms per proposal and process, on the listener's
 * own connection; a vote during the interval is signalled at its end, so the last one is never missed.
 * Every API process LISTENs and tells its own subscribers, recounting at most once per 200 ms per proposal
 * and only while someone there is subscribed. PostgreSQL is already the one shared component, so no
 * broker is added.
 */
@Injectable()
export class TallyEventsService implements OnApplicationShutdown {
  private readonly logger = new Logger(TallyEventsService.name);
  private readonly pubsub = new PubSub();
  private readonly subscribers = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Proposals whose signal interval is running: true when a vote came during it (signal at its end). */
  private readonly signalling = new Map<string, { again: boolean; timer: NodeJS.Timeout }>();
  /** Set by the voting module: recounts a proposal for its subscribers. */
  recount?: (proposalId: string) => Promise<unknown>;

  constructor(private readonly listener: DatabaseListener) {
    listener.on(CHANNEL, (proposalId) => this.notified(proposalId));
  }

  onApplicationShutdown(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const { timer } of this.signalling.values()) clearTimeout(timer);
  }

  /** After a vote committed: signals every process, coalesced (see the class). */
  voted(proposalId: string): void {
    const running = this.signalling.get(proposalId);
    if (running) {
      running.again = true;
      return;
    }
    this.signal(proposalId);
  }

  private signal(proposalId: string): void {
    void this.listener.notify(CHANNEL, proposalId);
    const state = {
      again: false,
      timer: setTimeout(() => {
        this.signalling.delete(proposalId);
        if (state.again) this.signal(proposalId);
      }, VOTE_SIGNAL_MS).unref(),
    };
    this.signalling.set(proposalId, state);
  }

  /** Within the transaction that changed the count. */
  async announce(manager: EntityManager, proposalId: string): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [CHANNEL, proposalId]);
  }

  /** An async iterator of tallies for one proposal; counts its subscriber while it is open. */
  subscribe(proposalId: string): AsyncIterableIterator<unknown> {
    return countedSubscription(this.pubsub.asyncIterableIterator<unknown>(`tally:${proposalId}`), this.subscribers, proposalId);
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
