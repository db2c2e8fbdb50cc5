import { Args, GraphQLISODateTime, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '@commons/auth';
import { HealthPolicy } from './health.policy.js';
import { HealthService } from './health.service.js';
import { GovernanceHealthModel, GovernanceHealthPointModel } from './health.model.js';
import type { DecisionMeasure, GovernanceHealth } from './governance-health.js';

@Resolver(() => GovernanceHealthModel)
export class HealthResolver {
  constructor(private readonly health: HealthService) {}

  @Query(() => GovernanceHealthModel, {
    description: 'ACTIVE members, ADMIN, AUDITOR. Decisions closed in [from, to]; to defaults to now, from to twelve months before it.',
  })
  @Allow(HealthPolicy.read)
  governanceHealth(
    @Args('from', { type: () => GraphQLISODateTime, nullable: true }) from?: Date | null,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true }) to?: Date | null,
  ): Promise<GovernanceHealth> {
    return this.health.health(from, to);
  }

  @Query(() => [GovernanceHealthPointModel], {
    description:
      'ACTIVE members, ADMIN, AUDITOR. One point per proposal closed in [from, to], oldest first; the same window as governanceHealth.',
  })
  @Allow(HealthPolicy.read)
  governanceHealthSeries(
    @Args('from', { type: () => GraphQLISODateTime, nullable: true }) from?: Date | null,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true }) to?: Date | null,
  ): Promise<DecisionMeasure[]> {
    return this.health.series(from, to);
  }
}
