import { Args, Context, Float, GraphQLISODateTime, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { In } from 'typeorm';
import { Allow, CurrentMember, permit, type Principal } from '@commons/auth';
import { type RequestContext, requestLoader } from '@commons/core';
import { ProposalEntity, ProposalModel } from '@commons/voting';
import { UnitOfWork } from '@commons/db';
import { AllocationPolicyInput } from './dto/allocation-policy.input.js';
import type { FiscalPeriodEntity } from './entities/fiscal-period.entity.js';
import type { SurplusDistributionEntity } from './entities/surplus-distribution.entity.js';
import { periodLoader } from './fiscal-periods.resolver.js';
import { FiscalPeriodModel } from './models/fiscal-period.model.js';
import { AllocationPolicyModel, SurplusDistributionModel, SurplusSharesModel } from './models/surplus-distribution.model.js';
import type { AllocationPolicy } from './split/index.js';
import { SurplusPolicy } from './surplus.policy.js';
import { SurplusDirectoryService } from './surplus-directory.service.js';
import { SurplusDistributionsService } from './surplus-distributions.service.js';
import { policyOf } from './surplus-execution.service.js';

@Resolver(() => SurplusDistributionModel)
export class SurplusDistributionsResolver {
  constructor(
    private readonly work: UnitOfWork,
    private readonly distributions: SurplusDistributionsService,
    private readonly directory: SurplusDirectoryService,
  ) {}

  @Query(() => SurplusDistributionModel, { nullable: true, description: 'Active members, admins and auditors.' })
  surplusDistribution(
    @CurrentMember() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SurplusDistributionEntity | null> {
    permit(SurplusPolicy.readBooks, principal, undefined);
    return this.directory.findDistribution(id);
  }

  @Mutation(() => SurplusDistributionModel, {
    description:
      'ADMIN, CLOSED period: validates the policy (and the co-op minimums), then creates and opens a MAJORITY proposal ' +
      'whose body gives the amounts. One PROPOSED or APPROVED distribution per period at a time.',
  })
  @Allow(SurplusPolicy.keepBooks)
  proposeSurplusDistribution(
    @CurrentMember() actor: Principal,
    @Args('periodId', { type: () => ID }) periodId: string,
    @Args('policy') policy: AllocationPolicyInput,
    @Args('closesAt', { type: () => GraphQLISODateTime, nullable: true }) closesAt?: Date | null,
    @Args('quorum', { type: () => Float, nullable: true, description: 'Share of eligible members who must vote, 0..1; 0 by default.' })
    quorum?: number | null,
  ): Promise<SurplusDistributionEntity> {
    return this.distributions.propose(actor, periodId, { ...policy }, closesAt, quorum);
  }

  @Mutation(() => SurplusDistributionModel, {
    description: 'ADMIN, once, only after its proposal PASSED: posts the ledger, the member allocations and DISTRIBUTED, atomically.',
  })
  @Allow(SurplusPolicy.keepBooks)
  executeSurplusDistribution(
    @CurrentMember() actor: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SurplusDistributionEntity> {
    return this.distributions.execute(actor, id);
  }

  @ResolveField('period', () => FiscalPeriodModel)
  period(@Parent() distribution: SurplusDistributionEntity, @Context() context: RequestContext): Promise<FiscalPeriodEntity | null> {
    return periodLoader(context, this.directory).load(distribution.periodId);
  }

  @ResolveField('policy', () => AllocationPolicyModel)
  policy(@Parent() distribution: SurplusDistributionEntity): AllocationPolicy {
    return policyOf(distribution);
  }

  @ResolveField('amounts', () => SurplusSharesModel, { description: 'What the policy gives, computed when it was proposed.' })
  amounts(@Parent() distribution: SurplusDistributionEntity): SurplusSharesModel {
    return {
      surplus: distribution.surplus,
      reserve: distribution.reserveAmount,
      education: distribution.educationAmount,
      commons: distribution.commonsAmount,
      patronage: distribution.patronageAmount,
    };
  }

  @ResolveField('proposal', () => ProposalModel, { description: "The members' vote that approves it." })
  async proposal(@Parent() distribution: SurplusDistributionEntity, @Context() context: RequestContext): Promise<ProposalEntity | null> {
    return requestLoader(context, 'distributionProposals', async (ids) => {
      const proposals = await this.work.manager.getRepository(ProposalEntity).findBy({ id: In([...ids]) });
      return new Map(proposals.map((proposal) => [proposal.id, proposal]));
    }).load(distribution.proposalId);
  }
}
