import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { HealthAlertKind } from './governance-health.js';

registerEnumType(HealthAlertKind, {
  name: 'GovernanceAlertKind',
  description: 'What a governance health alert is about.',
  valuesMap: {
    LARGEST_VOTER: { description: 'One member carried a large share of one decision’s votes (value: that share).' },
    CONCENTRATED_WEIGHT: { description: 'The Gini coefficient of voting weight averages high (value: the mean).' },
    LOW_REACH: { description: 'Few active members took part in any decision (value: the reach).' },
  },
});

@ObjectType('GovernanceAlert', { description: 'One of `alerts`, as data, for a client to word in its own language.' })
export class GovernanceAlertModel {
  @Field(() => HealthAlertKind)
  kind: HealthAlertKind;

  @Field(() => Float, { description: 'The measure that raised it, from 0 to 1.' })
  value: number;

  @Field(() => Int, { description: 'Decisions in the window (1 for LARGEST_VOTER).' })
  decisions: number;

  @Field(() => ID, { nullable: true, description: 'LARGEST_VOTER: the decision.' })
  proposalId: string | null;

  @Field(() => String, { nullable: true, description: 'LARGEST_VOTER: the decision’s title.' })
  title: string | null;
}

@ObjectType('GovernanceHealth', { description: 'How the co-op governs itself over a window of closed decisions.' })
export class GovernanceHealthModel {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => Int, { description: 'Members ACTIVE at `to`.' })
  members: number;

  @Field(() => Int, { description: 'Proposals closed in the window.' })
  decisions: number;

  @Field(() => Float, { description: 'Mean share of the roll that took part, over those decisions.' })
  participation: number;

  @Field(() => Float, { description: 'Share of ACTIVE members who took part in at least one of them.' })
  reach: number;

  @Field(() => Float, { description: 'Largest share of the votes counted that one member cast, after delegation and proxies.' })
  largestVoterShare: number;

  @Field(() => Float, { description: 'Gini coefficient of weight per voter (1 = one member decides), averaged over the decisions.' })
  votingWeightGini: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the last posted surplus kept in common (reserve + education + commons); null before any.',
  })
  keptInCommon: number | null;

  @Field(() => [String], { description: 'Plain sentences, e.g. "One member cast 31% of the votes on \'X\'".' })
  alerts: string[];

  @Field(() => [GovernanceAlertModel], { description: 'The alerts as data, in the order of `alerts`.' })
  alertDetails: GovernanceAlertModel[];
}

@ObjectType('GovernanceHealthPoint', { description: 'One closed proposal in the governance health series.' })
export class GovernanceHealthPointModel {
  @Field(() => ID)
  proposalId: string;

  @Field()
  title: string;

  @Field()
  closedAt: Date;

  @Field(() => Float)
  participation: number;

  @Field(() => Float)
  largestVoterShare: number;

  @Field(() => Float)
  votingWeightGini: number;
}
