import { Field, InputType } from '@nestjs/graphql';
import { DecimalScalar } from '@commons/core';

@InputType({ description: 'Percentages from 0 to 100 with at most 2 decimals; reserve, education, commons and patronage add up to 100.' })
export class AllocationPolicyInput {
  @Field(() => DecimalScalar)
  reserve: string;

  @Field(() => DecimalScalar)
  education: string;

  @Field(() => DecimalScalar)
  commons: string;

  @Field(() => DecimalScalar)
  patronage: string;

  @Field(() => DecimalScalar, { description: 'Share of each refund paid in cash; the rest is retained.' })
  patronageCash: string;
}

@InputType({ description: 'Replaces all minimums: a field left out or null has none.' })
export class SurplusPolicyMinimumsInput {
  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Leave out: the reserve's minimum is the bylaws' reserveMinimum (BAD_USER_INPUT if given).",
  })
  reserve?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  education?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  commons?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  patronage?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  patronageCash?: string | null;
}
