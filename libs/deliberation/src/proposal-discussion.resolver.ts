import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentMember, permit, type Principal } from '@commons/auth';
import type { Connection } from '@commons/core';
import { type ProposalEntity, ProposalModel } from '@commons/voting';
import { AmendmentsService } from './amendments.service.js';
import { CommentsService } from './comments.service.js';
import { DeliberationPolicy } from './deliberation.policy.js';
import { DiscussionService } from './discussion.service.js';
import type { AmendmentEntity } from './entities/amendment.entity.js';
import type { CommentEntity } from './entities/comment.entity.js';
import { AmendmentModel, CommentConnection, ProposalRevisionModel } from './models/deliberation.model.js';
import { type Revision, RevisionsService } from './revisions.service.js';

/** A proposal's discussion: publishing it, and its comments, revisions and amendments as fields. */
@Resolver(() => ProposalModel)
export class ProposalDiscussionResolver {
  constructor(
    private readonly discussion: DiscussionService,
    private readonly comments: CommentsService,
    private readonly revisions: RevisionsService,
    private readonly amendments: AmendmentsService,
  ) {}

  @Mutation(() => ProposalModel, {
    description: 'Its author or ADMIN: DRAFT -> DISCUSSION. Every ACTIVE member reads it, comments and proposes amendments; no votes yet.',
  })
  publishProposal(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<ProposalEntity> {
    return this.discussion.publish(actor, id);
  }

  @Mutation(() => ProposalModel, {
    description: 'Its author, while DRAFT or DISCUSSION: the body becomes the text given (a new revision).',
  })
  reviseProposal(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('body') body: string,
  ): Promise<ProposalEntity> {
    return this.discussion.revise(actor, id, body);
  }

  @ResolveField('comments', () => CommentConnection, { description: 'Oldest first, replies among them (each names its parent).' })
  commentsField(
    @CurrentMember() principal: Principal | undefined,
    @Parent() proposal: ProposalEntity,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<CommentEntity>> {
    permit(DeliberationPolicy.read, principal, proposal);
    return this.comments.thread(proposal, first, after);
  }

  @ResolveField('revisions', () => [ProposalRevisionModel], { description: '1 = the text as created; oldest first.' })
  revisionsField(@CurrentMember() principal: Principal | undefined, @Parent() proposal: ProposalEntity): Promise<Revision[]> {
    permit(DeliberationPolicy.read, principal, proposal);
    return this.revisions.list(proposal);
  }

  @ResolveField('amendments', () => [AmendmentModel], { description: 'Oldest first.' })
  amendmentsField(@CurrentMember() principal: Principal | undefined, @Parent() proposal: ProposalEntity): Promise<AmendmentEntity[]> {
    permit(DeliberationPolicy.read, principal, proposal);
    return this.amendments.list(proposal.id);
  }

  @ResolveField('amendmentVotedOn', () => AmendmentModel, {
    nullable: true,
    description: 'When this proposal is the vote "Adopt this amendment?": the amendment it decides.',
  })
  amendmentVotedOn(@CurrentMember() principal: Principal | undefined, @Parent() proposal: ProposalEntity): Promise<AmendmentEntity | null> {
    permit(DeliberationPolicy.read, principal, proposal);
    return this.amendments.forVote(proposal.id);
  }
}
