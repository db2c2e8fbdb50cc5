import { Field, Float, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '@commons/core';

@ObjectType('Bylaws', { description: "A version of the co-op's bylaws: its rules as data, amended by the members." })
export class BylawsModel {
  @Field(() => Int, { description: '1 = the founding rules, created on first start.' })
  version: number;

  @Field(() => GraphQLISODateTime)
  adoptedAt: Date;

  @Field(() => Int, { description: 'Least days between convening an assembly and its start.' })
  noticeDays: number;

  @Field(() => Float, { description: 'Share of the roll, present + represented, for a valid sitting.' })
  assemblyQuorum: number;

  @Field(() => Int, { description: 'Absent members one member may represent at a sitting (0 = none).' })
  maxProxiesPerMember: number;

  @Field(() => Float, { description: 'Quorum of a proposal that names none.' })
  defaultQuorum: number;

  @Field(() => Float, { description: 'SUPERMAJORITY needed to amend the bylaws.' })
  amendmentThreshold: number;

  @Field(() => Int, { description: 'Least time (hours) a proposal stays OPEN before it may be closed by hand.' })
  minVotingHours: number;

  @Field(() => DecimalScalar, { description: 'Least % of a surplus that goes to the indivisible reserve.' })
  reserveMinimum: string;

  @Field(() => Int, { description: 'Shares (of classes with voting rights) an applicant must have PAID before admitMember.' })
  sharesToJoin: number;

  @Field(() => DecimalScalar, {
    description: 'Most of the paid-in capital redeemed per fiscal year, %; redemptions past it are QUEUED.',
  })
  redemptionCapPercent: string;
}
