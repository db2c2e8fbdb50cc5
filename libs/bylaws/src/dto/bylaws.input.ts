import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { DecimalScalar } from '@commons/core';

@InputType({ description: 'The rules to change; the others keep their value.' })
export class BylawsInput {
  @Field(() => Int, { nullable: true, description: 'Least days between convening an assembly and its start; 0..365.' })
  noticeDays?: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of the roll, present + represented, for a valid sitting; 0..1.' })
  assemblyQuorum?: number | null;

  @Field(() => Int, { nullable: true, description: 'Absent members one member may represent at a sitting; 0 = none; 0..100.' })
  maxProxiesPerMember?: number | null;

  @Field(() => Float, { nullable: true, description: 'Quorum of a proposal that names none; 0..1.' })
  defaultQuorum?: number | null;

  @Field(() => Float, { nullable: true, description: 'SUPERMAJORITY needed to amend the bylaws; above 0.5, at most 1.' })
  amendmentThreshold?: number | null;

  @Field(() => Int, { nullable: true, description: 'Least hours a proposal stays OPEN before it may be closed by hand; 0..8760.' })
  minVotingHours?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Least % of a surplus that goes to the indivisible reserve; 0..100.' })
  reserveMinimum?: string | null;

  @Field(() => Int, { nullable: true, description: 'Shares an applicant must have PAID before admission; 0..10000.' })
  sharesToJoin?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Most of the paid-in capital redeemed per fiscal year, %; 0..100.' })
  redemptionCapPercent?: string | null;
}
