import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentMember, type Principal } from '@commons/auth';
import type { Connection, RequestContext } from '@commons/core';
import { type MemberEntity, MembersDirectoryService, memberLoader, MemberModel } from '@commons/members';
import type { MemberAllocationEntity } from './entities/member-allocation.entity.js';
import type { PatronageRecordEntity } from './entities/patronage-record.entity.js';
import { MemberAllocationConnection, MemberAllocationModel, PatronageRecordModel } from './models/member-allocation.model.js';
import { SurplusPolicy } from './surplus.policy.js';
import { SurplusDirectoryService } from './surplus-directory.service.js';

@Resolver(() => MemberAllocationModel)
export class MemberAllocationsResolver {
  constructor(
    private readonly directory: SurplusDirectoryService,
    private readonly members: MembersDirectoryService,
  ) {}

  @Query(() => MemberAllocationConnection, {
    description:
      "Each member's patronage refund from the period's posted distribution, by member id. AUDITOR, ADMIN; a member sees their own.",
  })
  async memberAllocations(
    @CurrentMember() principal: Principal,
    @Args('periodId', { type: () => ID }) periodId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Connection<MemberAllocationEntity>> {
    const period = await this.directory.requirePeriod(periodId);
    return this.directory.allocations(period.id, SurplusPolicy.readEveryAllocation.allows(principal) ? null : principal.id, first, after);
  }

  @ResolveField('member', () => MemberModel)
  member(@Parent() allocation: MemberAllocationEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(allocation.memberId);
  }
}

@Resolver(() => PatronageRecordModel)
export class PatronageRecordsResolver {
  constructor(private readonly members: MembersDirectoryService) {}

  @ResolveField('member', () => MemberModel)
  member(@Parent() record: PatronageRecordEntity, @Context() context: RequestContext): Promise<MemberEntity | null> {
    return memberLoader(context, this.members).load(record.memberId);
  }
}
