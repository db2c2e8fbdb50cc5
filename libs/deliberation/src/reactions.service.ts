import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@commons/audit';
import { permit, type Principal } from '@commons/auth';
import { APP_CONFIG, type AppConfig, BadUserInputError, ConflictError } from '@commons/core';
import { UnitOfWork, updateReturning } from '@commons/db';
import { RateLimitService } from '@commons/members';
import { assertDiscussable, CommentsService } from './comments.service.js';
import { DeliberationPolicy } from './deliberation.policy.js';
import type { CommentEntity } from './entities/comment.entity.js';
import { isReactionEmoji, REACTION_EMOJI } from './reactions.js';

export interface ReactionCount {
  emoji: string;
  count: number;
  mine: boolean;
}

/** Reactions to comments: one of each emoji per member, toggled. */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly comments: CommentsService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Adds the caller's reaction, or takes it back if they had given it. */
  async toggle(actor: Principal, commentId: string, emoji: string): Promise<CommentEntity> {
    const { comment, proposal } = await this.comments.lockComment(actor, commentId);
    permit(DeliberationPolicy.react, actor, proposal);
    assertDiscussable(proposal);
    if (!isReactionEmoji(emoji)) throw new BadUserInputError(`emoji must be one of ${REACTION_EMOJI.join(' ')}.`, 'emoji');
    if (comment.removedAt) throw new ConflictError('This comment was removed; it takes no reactions.');
    await this.limits.take(
      [{ key: `reaction:${actor.id}`, limit: this.config.reactionLimit.count, windowSeconds: this.config.reactionLimit.windowSeconds }],
      'reactions',
    );
    const manager = this.work.manager;
    // The comment's row lock (lockComment) makes toggles on it take turns, so each sees the one before.
    const removed = await updateReturning(
      manager,
      'DELETE FROM comment_reactions WHERE comment_id = $1 AND member_id = $2 AND emoji = $3 RETURNING 1',
      [comment.id, actor.id, emoji],
    );
    const on = removed.length === 0;
    if (on)
      await manager.query('INSERT INTO comment_reactions (comment_id, member_id, emoji) VALUES ($1, $2, $3)', [
        comment.id,
        actor.id,
        emoji,
      ]);
    this.audit.record({
      actorId: actor.id,
      action: on ? 'comment.reacted' : 'comment.unreacted',
      entityType: 'Comment',
      entityId: comment.id,
      data: { proposalId: proposal.id, emoji },
    });
    return comment;
  }

  /** Every emoji of the set, in order, for each comment: how many gave it, and whether `memberId` did. */
  async counts(commentIds: readonly string[], memberId: string | undefined): Promise<Map<string, ReactionCount[]>> {
    const rows: Array<{ comment_id: string; emoji: string; count: number; mine: boolean }> = await this.work.manager.query(
      `SELECT comment_id, emoji, count(*)::int AS count, coalesce(bool_or(member_id = $2::uuid), false) AS mine
         FROM comment_reactions WHERE comment_id = ANY($1::uuid[]) GROUP BY comment_id, emoji`,
      [[...commentIds], memberId ?? null],
    );
    const result = new Map<string, ReactionCount[]>();
    for (const id of commentIds) {
      result.set(
        id,
        REACTION_EMOJI.map((emoji) => {
          const row = rows.find((candidate) => candidate.comment_id === id && candidate.emoji === emoji);
          return { emoji, count: row?.count ?? 0, mine: row?.mine ?? false };
        }),
      );
    }
    return result;
  }
}
