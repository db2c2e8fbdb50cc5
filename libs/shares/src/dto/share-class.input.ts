import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { DecimalScalar } from '@commons/core';

@InputType()
export class ShareClassInput {
  @Field({ description: 'Upper-case letters, digits and underscores, e.g. A.' })
  @Length(1, 20)
  code: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => DecimalScalar, { description: 'Price of one share, e.g. "25.00".' })
  nominalValue: string;

  @Field(() => Int, { nullable: true, description: 'Default 0.' })
  minPerMember?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default: no cap.' })
  maxPerMember?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  votingRights?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Default false.' })
  redeemable?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Who may hold it; default: anyone.' })
  @IsOptional()
  @ArrayMaxSize(50)
  stakeholderClasses?: string[] | null;
}
