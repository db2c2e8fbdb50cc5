import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DecimalScalar } from '@commons/core';
import { DistributionStatus } from '../entities/surplus-distribution.entity.js';

registerEnumType(DistributionStatus, {
  name: 'DistributionStatus',
  description: 'PROPOSED while members vote; APPROVED or REJECTED by their vote; POSTED once executed.',
});

@ObjectType('AllocationPolicy', { description: 'Percentages of the surplus; reserve, education, commons and patronage add up to 100.' })
export class AllocationPolicyModel {
  @Field(() => DecimalScalar, { description: 'Indivisible reserve (never paid out to members).' })
  reserve: string;

  @Field(() => DecimalScalar, { description: 'Education and training fund.' })
  education: string;

  @Field(() => DecimalScalar, { description: 'Reinvested in commons / participatory budgets.' })
  commons: string;

  @Field(() => DecimalScalar, { description: 'Refunded to members in proportion to their patronage.' })
  patronage: string;

  @Field(() => DecimalScalar, { description: 'Share of each refund paid in cash; the rest is retained in capital accounts.' })
  patronageCash: string;
}

@ObjectType('SurplusShares', { description: 'The amounts a policy gives; the four shares add up exactly to the surplus.' })
export class SurplusSharesModel {
  @Field(() => DecimalScalar)
  surplus: string;

  @Field(() => DecimalScalar)
  reserve: string;

  @Field(() => DecimalScalar)
  education: string;

  @Field(() => DecimalScalar)
  commons: string;

  @Field(() => DecimalScalar)
  patronage: string;
}

@ObjectType('SurplusDistribution')
export class SurplusDistributionModel {
  @Field(() => ID)
  id: string;

  @Field(() => DistributionStatus)
  status: DistributionStatus;

  @Field(() => GraphQLISODateTime, { description: 'When it was proposed.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "When the members' vote approved or rejected it." })
  decidedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  postedAt: Date | null;
}

@ObjectType('SurplusPolicyMinimums', {
  description:
    "The co-op's floors on any split, as percentages (e.g. Spain's Law 27/1999: reserve 20, education 5; US Subchapter T: patronageCash 20). Null: no minimum.",
})
export class SurplusPolicyMinimumsModel {
  @Field(() => DecimalScalar, { nullable: true })
  reserve?: string;

  @Field(() => DecimalScalar, { nullable: true })
  education?: string;

  @Field(() => DecimalScalar, { nullable: true })
  commons?: string;

  @Field(() => DecimalScalar, { nullable: true })
  patronage?: string;

  @Field(() => DecimalScalar, { nullable: true })
  patronageCash?: string;
}
