import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '@commons/auth';
import { assertUuid, type RequestContext, requestLoader } from '@commons/core';
import type { SurplusDistributionEntity } from './entities/surplus-distribution.entity.js';
import { LedgerReportsService } from './ledger-reports.service.js';
import { CommonsFundingModel, LedgerPostingModel } from './models/ledger.model.js';
import { SurplusDistributionModel } from './models/surplus-distribution.model.js';
import { SurplusPolicy } from './surplus.policy.js';
import { SurplusDirectoryService } from './surplus-directory.service.js';

/** Following the commons fund's money: from a distribution to what it paid for, and back. */
@Resolver(() => CommonsFundingModel)
export class CommonsFundingResolver {
  constructor(
    private readonly reports: LedgerReportsService,
    private readonly directory: SurplusDirectoryService,
  ) {}

  @Query(() => [CommonsFundingModel], {
    description:
      "AUDITOR, ADMIN: what the commons fund paid for, as the money of each distribution's commons share that each draw " +
      "spent (oldest money first), in journal order. periodId: only that period's distribution's money; budgetId: only that budget's draws.",
  })
  @Allow(SurplusPolicy.readLedger)
  async commonsFunding(
    @Args('periodId', { type: () => ID, nullable: true }) periodId?: string,
    @Args('budgetId', { type: () => ID, nullable: true }) budgetId?: string,
  ): Promise<CommonsFundingModel[]> {
    const period = periodId ? await this.directory.requirePeriod(periodId) : null;
    return this.reports.commonsFunding({ periodId: period?.id ?? null, budgetId: budgetId ? assertUuid(budgetId, 'budgetId') : null });
  }

  @ResolveField('posting', () => LedgerPostingModel, { description: 'The draw.' })
  posting(@Parent() funding: CommonsFundingModel, @Context() context: RequestContext): Promise<LedgerPostingModel | null> {
    return this.postings(context).load(funding.postingId);
  }

  @ResolveField('sourcePosting', () => LedgerPostingModel, { description: 'The posting that put the money into the fund.' })
  sourcePosting(@Parent() funding: CommonsFundingModel, @Context() context: RequestContext): Promise<LedgerPostingModel | null> {
    return this.postings(context).load(funding.sourcePostingId);
  }

  @ResolveField('distribution', () => SurplusDistributionModel, {
    nullable: true,
    description: "The distribution (and through it the members' vote) whose commons share the money was.",
  })
  distribution(
    @Parent() funding: CommonsFundingModel,
    @Context() context: RequestContext,
  ): Promise<SurplusDistributionEntity | null> | null {
    if (!funding.distributionId) return null;
    return requestLoader(context, 'commonsDistributions', async (ids) => {
      const found = await Promise.all(ids.map((id) => this.directory.findDistribution(id)));
      return new Map(found.filter((row): row is SurplusDistributionEntity => row !== null).map((row) => [row.id, row]));
    }).load(funding.distributionId);
  }

  private postings(context: RequestContext) {
    return requestLoader(context, 'ledgerPostings', (ids) => this.reports.postingsByIds(ids));
  }
}
