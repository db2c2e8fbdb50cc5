import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, CurrentMember, type Principal } from '@commons/auth';
import type { RequestContext } from '@commons/core';
import { type MemberEntity, MembersDirectoryService, memberLoader, MemberModel } from '@commons/members';
import { DelegationsService } from './delegations.service.js';
import type { DelegationEntity } from './entities/delegation.entity.js';
import { DelegationModel, MyDelegationsModel } from './models/proposal.model.js';
import { VotingPolicy } from './voting.policy.js';

@Resolver(() => DelegationModel)
export class DelegationsResolver {
  constructor(
    private readonly delegations: DelegationsService,
    private readonly members: MembersDirectoryService,
  ) {}

  @Mutation(() => DelegationModel, {
    description:
      'Liquid democracy on open ballots: your delegate votes for you where you do not vote yourself. Transitive; cycles are refused; replaces your previous delegation.',
  })
  @Allow(VotingPolicy.delegate)
  delegateVote(@CurrentMember() from: Principal, @Args('toMemberId', { type: () => ID }) toMemberId: string): Promise<DelegationEntity> {
    return this.delegations.delegate(from, toMemberId);
  }

  @Mutation(() => Boolean, { description: 'Ends your delegation; CONFLICT if you have none.' })
  revokeDelegation(@CurrentMember() from: Principal): Promise<boolean> {
    return this.delegations.revoke(from);
  }

  @Query(() => MyDelegationsModel, { description: 'Your delegation, and the members who delegated to you.' })
  async myDelegations(@CurrentMember() member: Principal): Promise<{ given: DelegationEntity | null; received: DelegationEntity[] }> {
    const [given, received] = await Promise.all([this.delegations.given(member.id), this.delegations.received(member.id)]);
    return { given, received };
  }

  @ResolveField('from', () => MemberModel)
  from(@Parent() delegation: DelegationEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(delegation.fromMemberId);
  }

  @ResolveField('to', () => MemberModel)
  to(@Parent() delegation: DelegationEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(delegation.toMemberId);
  }
}
