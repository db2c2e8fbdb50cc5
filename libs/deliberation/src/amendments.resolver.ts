import { Args, Context, GraphQLISODateTime, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentMember, type Principal } from '@commons/auth';
import type { RequestContext } from '@commons/core';
import { type MemberEntity, MembersDirectoryService, memberLoader, MemberModel } from '@commons/members';
import { type ProposalEntity, ProposalModel, ProposalsDirectoryService } from '@commons/voting';
import { AmendmentsService } from './amendments.service.js';
import type { AmendmentEntity } from './entities/amendment.entity.js';
import { AmendmentModel, ProposalRevisionModel } from './models/deliberation.model.js';
import type { Revision } from './revisions.service.js';

@Resolver(() => AmendmentModel)
export class AmendmentsResolver {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly proposals: ProposalsDirectoryService,
    private readonly members: MembersDirectoryService,
  ) {}

  @Mutation(() => AmendmentModel, {
    description: "ACTIVE member, while the proposal is in DISCUSSION: the whole new text of the proposal's body, and why.",
  })
  proposeAmendment(
    @CurrentMember() actor: Principal,
    @Args('proposalId', { type: () => ID }) proposalId: string,
    @Args('body') body: string,
    @Args('rationale', { type: () => String, nullable: true }) rationale?: string | null,
  ): Promise<AmendmentEntity> {
    return this.amendments.propose(actor, proposalId, body, rationale);
  }

  @Mutation(() => AmendmentModel, { description: "The proposal's author: the body becomes the amendment's text (a new revision)." })
  acceptAmendment(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<AmendmentEntity> {
    return this.amendments.accept(actor, id);
  }

  @Mutation(() => AmendmentModel, { description: "The proposal's author." })
  declineAmendment(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<AmendmentEntity> {
    return this.amendments.decline(actor, id, reason);
  }

  @Mutation(() => AmendmentModel, {
    description:
      'Its author, once DECLINED, while the proposal is in DISCUSSION: opens a MAJORITY proposal "Adopt this amendment?" among the members; ' +
      'if it passes while the proposal is still in DISCUSSION, ADOPTED (a new revision).',
  })
  putAmendmentToVote(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('closesAt', { type: () => GraphQLISODateTime, nullable: true }) closesAt?: Date | null,
    @Args('atAssembly', {
      type: () => Boolean,
      nullable: true,
      description: "The vote stays a DRAFT for an admin to put on an assembly's agenda: it opens and closes with the sitting.",
    })
    atAssembly?: boolean | null,
  ): Promise<AmendmentEntity> {
    return this.amendments.putToVote(actor, id, closesAt, atAssembly ?? false);
  }

  @Mutation(() => AmendmentModel, { description: 'Its author, while PROPOSED, DECLINED or PUT_TO_VOTE (its vote is withdrawn with it).' })
  withdrawAmendment(@CurrentMember() actor: Principal, @Args('id', { type: () => ID }) id: string): Promise<AmendmentEntity> {
    return this.amendments.withdraw(actor, id);
  }

  @ResolveField('proposal', () => ProposalModel)
  async proposal(@CurrentMember() principal: Principal, @Parent() amendment: AmendmentEntity): Promise<ProposalEntity | null> {
    return this.proposals.find(principal, amendment.proposalId);
  }

  @ResolveField('author', () => MemberModel)
  author(@Parent() amendment: AmendmentEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(amendment.authorId);
  }

  @ResolveField('vote', () => ProposalModel, {
    nullable: true,
    description: 'PUT_TO_VOTE and after: the MAJORITY proposal "Adopt this amendment?".',
  })
  async vote(@CurrentMember() principal: Principal, @Parent() amendment: AmendmentEntity): Promise<ProposalEntity | null> {
    return amendment.voteProposalId ? this.proposals.find(principal, amendment.voteProposalId) : null;
  }
}

@Resolver(() => ProposalRevisionModel)
export class RevisionsResolver {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly members: MembersDirectoryService,
  ) {}

  @ResolveField('author', () => MemberModel, {
    description: 'Who made this text: the proposal’s author, or the author of an adopted amendment.',
  })
  author(@Parent() revision: Revision, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(revision.authorId);
  }

  @ResolveField('amendment', () => AmendmentModel, { nullable: true, description: 'The amendment this revision came from.' })
  amendment(@Parent() revision: Revision): Promise<AmendmentEntity | null> | null {
    return revision.amendmentId ? this.amendments.find(revision.amendmentId) : null;
  }
}
