import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentMember, type Principal, PrincipalsService, resolvePermitted, type Revoked, whilePermitted } from '@commons/auth';
import { NotFoundError, type RequestContext, requestLoader } from '@commons/core';
import { type MemberEntity, MembersDirectoryService, memberLoader, MemberModel } from '@commons/members';
import { ProposalsDirectoryService } from '@commons/voting';
import { UnitOfWork } from '@commons/db';
import { In } from 'typeorm';
import { CommentEventsService } from './comment-events.service.js';
import { CommentsService } from './comments.service.js';
import { DeliberationPolicy } from './deliberation.policy.js';
import { CommentEntity } from './entities/comment.entity.js';
import { CommentModel, ReactionCountModel } from './models/deliberation.model.js';
import { type ReactionCount, ReactionsService } from './reactions.service.js';

@Resolver(() => CommentModel)
export class CommentsResolver {
  constructor(
    private readonly work: UnitOfWork,
    private readonly comments: CommentsService,
    private readonly reactions: ReactionsService,
    private readonly events: CommentEventsService,
    private readonly proposals: ProposalsDirectoryService,
    private readonly members: MembersDirectoryService,
    private readonly principals: PrincipalsService,
  ) {}

  @Mutation(() => CommentModel, {
    description:
      'An ACTIVE member who may read the proposal, while DRAFT (so: its author, admins), DISCUSSION or OPEN. Markdown, at most 10,000 characters; parentId: a reply (one level).',
  })
  addComment(
    @CurrentMember() actor: Principal,
    @Args('proposalId', { type: () => ID }) proposalId: string,
    @Args('body') body: string,
    @Args('parentId', { type: () => ID, nullable: true }) parentId?: string | null,
  ): Promise<CommentEntity> {
    return this.comments.add(actor, proposalId, body, parentId);
  }

  @Mutation(() => CommentModel, { description: 'Its author, while the proposal is not closed: shown as edited.' })
  editComment(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('body') body: string,
  ): Promise<CommentEntity> {
    return this.comments.edit(actor, id, body);
  }

  @Mutation(() => CommentModel, {
    description:
      'Its author (while the proposal is not closed), or an ADMIN at any time with a reason (moderation). The body goes, the place stays.',
  })
  removeComment(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<CommentEntity> {
    return this.comments.remove(actor, id, reason);
  }

  @Mutation(() => CommentModel, { description: 'Toggles your reaction: one of 👍 👎 ❤️ 🎉 🤔 👀, each once per member.' })
  react(
    @CurrentMember() actor: Principal,
    @Args('commentId', { type: () => ID }) commentId: string,
    @Args('emoji') emoji: string,
  ): Promise<CommentEntity> {
    return this.reactions.toggle(actor, commentId, emoji);
  }

  @Subscription(() => CommentModel, {
    description: 'Each new comment on the proposal, for those who may read it.',
    resolve: (event: CommentEntity | Revoked) => resolvePermitted(event),
  })
  async commentAdded(@CurrentMember() principal: Principal, @Args('proposalId', { type: () => ID }) proposalId: string) {
    const proposal = await this.proposals.find(principal, proposalId);
    if (!proposal) throw new NotFoundError('Proposal', proposalId);
    return whilePermitted(this.principals, principal, DeliberationPolicy.read, proposal, () => this.events.subscribe(proposal.id));
  }

  @ResolveField('author', () => MemberModel)
  author(@Parent() comment: CommentEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(comment.authorId);
  }

  @ResolveField('body', () => String, { description: 'Markdown as written; empty once removed.' })
  body(@Parent() comment: CommentEntity): string {
    return comment.body ?? '';
  }

  @ResolveField('removed', () => Boolean, { description: 'By its author or a moderator: the body is gone, the place stays.' })
  removed(@Parent() comment: CommentEntity): boolean {
    return comment.removedAt !== null;
  }

  @ResolveField('removedByModerator', () => Boolean, { description: 'Removed by an admin rather than by its author.' })
  removedByModerator(@Parent() comment: CommentEntity): boolean {
    return comment.removedBy !== null && comment.removedBy !== comment.authorId;
  }

  @ResolveField('removalReason', () => String, { nullable: true, description: "A moderator's reason for removing it." })
  removalReason(@Parent() comment: CommentEntity): string | null {
    return comment.removalReason;
  }

  @ResolveField('parent', () => CommentModel, { nullable: true, description: 'Replies nest one level.' })
  parent(@Parent() comment: CommentEntity, @Context() context: RequestContext): Promise<CommentEntity | null> | null {
    if (!comment.parentId) return null;
    return requestLoader(context, 'comments', async (ids) => {
      const rows = await this.work.manager.getRepository(CommentEntity).findBy({ id: In([...ids]) });
      return new Map(rows.map((row) => [row.id, row]));
    }).load(comment.parentId);
  }

  @ResolveField('reactions', () => [ReactionCountModel], { description: 'Every emoji of the fixed set, in order, with how many gave it.' })
  async reactionsField(@Parent() comment: CommentEntity, @Context() context: RequestContext): Promise<ReactionCount[]> {
    const me = (context.req.user as Principal | undefined)?.id;
    return (await requestLoader(context, 'commentReactions', (ids) => this.reactions.counts(ids, me)).load(comment.id)) ?? [];
  }
}
