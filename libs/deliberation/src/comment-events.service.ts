import { Injectable, Logger } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { countedSubscription } from '@commons/core';
import type { EntityManager } from 'typeorm';
import { DatabaseListener, UnitOfWork } from '@commons/db';
import { CommentEntity } from './entities/comment.entity.js';

const CHANNEL = 'commons_comment';

/**
 * New comments across API processes: `announce` runs in the comment's transaction (`pg_notify`, delivered only
 * once it commits); every process LISTENs, and loads and passes on the comment only while someone there follows
 * that proposal. Comments are not a hot path, so the notification's commit-time cost does not matter here.
 */
@Injectable()
export class CommentEventsService {
  private readonly logger = new Logger(CommentEventsService.name);
  private readonly pubsub = new PubSub();
  private readonly subscribers = new Map<string, number>();

  constructor(
    listener: DatabaseListener,
    private readonly work: UnitOfWork,
  ) {
    listener.on(CHANNEL, (payload) => {
      const [proposalId, commentId] = payload.split(' ');
      if (!proposalId || !commentId || !this.subscribers.has(proposalId)) return;
      this.deliver(proposalId, commentId).catch((error: unknown) =>
        this.logger.warn(`Comment ${commentId} not delivered: ${String(error)}`),
      );
    });
  }

  async announce(manager: EntityManager, proposalId: string, commentId: string): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [CHANNEL, `${proposalId} ${commentId}`]);
  }

  /** An async iterator of the proposal's new comments; counts its subscriber while it is open. */
  subscribe(proposalId: string): AsyncIterableIterator<unknown> {
    return countedSubscription(this.pubsub.asyncIterableIterator<unknown>(`comment:${proposalId}`), this.subscribers, proposalId);
  }

  private async deliver(proposalId: string, commentId: string): Promise<void> {
    const comment = await this.work.manager.getRepository(CommentEntity).findOneBy({ id: commentId });
    if (comment) await this.pubsub.publish(`comment:${proposalId}`, comment);
  }
}
