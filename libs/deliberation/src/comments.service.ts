import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@commons/audit';
import { permit, type Principal } from '@commons/auth';
import {
  APP_CONFIG,
  type AppConfig,
  assertUuid,
  BadUserInputError,
  type Connection,
  ConflictError,
  decodeCursor,
  encodeCursor,
  ForbiddenError,
  NotFoundError,
  pageSize,
  toConnection,
} from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { RateLimitService } from '@commons/members';
import { type ProposalEntity, ProposalsService, ProposalStatus } from '@commons/voting';
import { CommentEventsService } from './comment-events.service.js';
import { DeliberationPolicy } from './deliberation.policy.js';
import { CommentEntity } from './entities/comment.entity.js';

export const MAX_COMMENT_LENGTH = 10_000;
export const MAX_REASON_LENGTH = 500;

/** Comments may be written while the proposal is a DRAFT, in DISCUSSION or OPEN; closed ones are read-only. */
export function assertDiscussable(proposal: ProposalEntity): void {
  if (![ProposalStatus.DRAFT, ProposalStatus.DISCUSSION, ProposalStatus.OPEN].includes(proposal.status))
    throw new ConflictError(`The proposal is ${proposal.status}: its discussion is read-only.`);
}

/** Whoever may not read a proposal learns nothing of its discussion: someone else's draft does not exist for them. */
export function assertReadable(principal: Principal | undefined, proposal: ProposalEntity): void {
  if (DeliberationPolicy.read.allows(principal, proposal)) return;
  if (proposal.status === ProposalStatus.DRAFT && !proposal.atSitting) throw new NotFoundError('Proposal', proposal.id);
  throw new ForbiddenError(DeliberationPolicy.read.reason);
}

/** Comments on proposals: posting, editing, removing (by the author or a moderator), the thread in order. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly proposals: ProposalsService,
    private readonly limits: RateLimitService,
    private readonly events: CommentEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async add(actor: Principal, proposalId: string, body: string, parentId: string | null | undefined): Promise<CommentEntity> {
    const proposal = await this.proposals.holdShared(proposalId, 'proposalId');
    assertReadable(actor, proposal);
    permit(DeliberationPolicy.comment, actor, proposal);
    assertDiscussable(proposal);
    checkCommentBody(body);
    const manager = this.work.manager;
    let parent: CommentEntity | null = null;
    if (parentId !== null && parentId !== undefined) {
      parent = await manager.getRepository(CommentEntity).findOneBy({ id: assertUuid(parentId, 'parentId') });
      if (!parent || parent.proposalId !== proposal.id)
        throw new BadUserInputError('parentId is not a comment on this proposal.', 'parentId');
      if (parent.parentId) throw new BadUserInputError('Replies nest one level: reply to the comment that started the thread.', 'parentId');
      if (parent.removedAt) throw new ConflictError('That comment was removed; it takes no more replies.');
    }
    await this.limits.take(
      [{ key: `comment:${actor.id}`, limit: this.config.commentLimit.count, windowSeconds: this.config.commentLimit.windowSeconds }],
      'comments',
    );
    const repository = manager.getRepository(CommentEntity);
    const comment = await repository.save(
      repository.create({ proposalId: proposal.id, authorId: actor.id, parentId: parent?.id ?? null, body }),
    );
    this.audit.record({
      actorId: actor.id,
      action: 'comment.added',
      entityType: 'Comment',
      entityId: comment.id,
      data: {
        proposalId: proposal.id,
        proposalAuthorId: proposal.authorId,
        parentId: parent?.id ?? null,
        parentAuthorId: parent?.authorId ?? null,
        length: body.length,
      },
    });
    await this.events.announce(manager, proposal.id, comment.id);
    return comment;
  }

  async edit(actor: Principal, id: string, body: string): Promise<CommentEntity> {
    const { comment, proposal } = await this.lockComment(actor, id);
    permit(DeliberationPolicy.editComment, actor, comment);
    assertDiscussable(proposal);
    if (comment.removedAt) throw new ConflictError('This comment was removed; it cannot be edited.');
    checkCommentBody(body);
    comment.body = body;
    comment.editedAt = new Date();
    await this.work.manager.getRepository(CommentEntity).update(comment.id, { body, editedAt: comment.editedAt });
    this.audit.record({
      actorId: actor.id,
      action: 'comment.edited',
      entityType: 'Comment',
      entityId: comment.id,
      data: { proposalId: proposal.id, length: body.length },
    });
    return comment;
  }

  /**
   * Its author removes it (while the discussion is open), or an admin does, at any time, giving a reason
   * (moderation). The body is gone; the comment keeps its place, and its replies stay.
   */
  async remove(actor: Principal, id: string, reason: string | null | undefined): Promise<CommentEntity> {
    const { comment, proposal } = await this.lockComment(actor, id);
    permit(DeliberationPolicy.removeComment, actor, comment);
    if (comment.removedAt) throw new ConflictError('This comment was removed already.');
    const byAuthor = comment.authorId === actor.id;
    const why = reason?.trim() || null;
    if (!byAuthor && !why) throw new BadUserInputError('Say why the comment is removed (reason): the members read it.', 'reason');
    if (why && why.length > MAX_REASON_LENGTH)
      throw new BadUserInputError(`reason must be at most ${MAX_REASON_LENGTH} characters.`, 'reason');
    if (byAuthor) assertDiscussable(proposal);
    comment.body = null;
    comment.removedAt = new Date();
    comment.removedBy = actor.id;
    comment.removalReason = why;
    await this.work.manager
      .getRepository(CommentEntity)
      .update(comment.id, { body: null, removedAt: comment.removedAt, removedBy: actor.id, removalReason: why });
    this.audit.record({
      actorId: actor.id,
      action: byAuthor ? 'comment.removed' : 'comment.moderated',
      entityType: 'Comment',
      entityId: comment.id,
      data: { proposalId: proposal.id, authorId: comment.authorId, byAuthor, reason: why },
    });
    return comment;
  }

  /** The proposal's comments, replies among them, oldest first. */
  async thread(proposal: ProposalEntity, first: number | undefined, after: string | undefined): Promise<Connection<CommentEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const query = this.work.manager
      .getRepository(CommentEntity)
      .createQueryBuilder('comment')
      .where('comment.proposal_id = :proposalId', { proposalId: proposal.id });
    const totalCount = await query.getCount();
    if (cursor)
      query.andWhere('(comment.created_at, comment.id) > (:createdAt, :id)', { createdAt: new Date(cursor[0]), id: String(cursor[1]) });
    const rows = await query
      .orderBy('comment.created_at', 'ASC')
      .addOrderBy('comment.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (comment) => encodeCursor([comment.createdAt.toISOString(), comment.id]));
  }

  /** The comment and its proposal, for a change: the proposal's lock shared (as a vote), then the comment's row. */
  async lockComment(actor: Principal, id: string): Promise<{ comment: CommentEntity; proposal: ProposalEntity }> {
    const commentId = assertUuid(id, 'id');
    const manager = this.work.manager;
    const found = await manager.getRepository(CommentEntity).findOneBy({ id: commentId });
    if (!found) throw new NotFoundError('Comment', commentId);
    const proposal = await this.proposals.holdShared(found.proposalId);
    assertReadable(actor, proposal);
    const comment = await manager.getRepository(CommentEntity).findOne({ where: { id: commentId }, lock: { mode: 'for_no_key_update' } });
    if (!comment) throw new NotFoundError('Comment', commentId);
    return { comment, proposal };
  }
}

function checkCommentBody(body: string): void {
  if (body.trim().length === 0) throw new BadUserInputError('A comment must not be blank.', 'body');
  if (body.length > MAX_COMMENT_LENGTH) throw new BadUserInputError(`A comment is at most ${MAX_COMMENT_LENGTH} characters.`, 'body');
}
