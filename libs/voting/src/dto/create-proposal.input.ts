import { Field, Float, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DecisionMethodEnum } from '../models/proposal.model.js';

@InputType()
export class CollegeWeightInput {
  @Field()
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'stakeholderClass must be a code such as WORKER' })
  stakeholderClass: string;

  @Field(() => Int, { description: 'A positive whole number; weights are relative (e.g. 50, 30, 20).' })
  @IsInt()
  @Min(1)
  @Max(1000)
  weight: number;
}

@InputType()
export class CreateProposalInput {
  @Field()
  @Length(1, 300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title: string;

  @Field()
  @Length(1, 100_000)
  body: string;

  @Field(() => DecisionMethodEnum)
  method: DecisionMethodEnum;

  @Field(() => [String], {
    nullable: true,
    description: 'Required for APPROVAL, RANKED_CHOICE, SCHULZE, SCORE (2 to 50 distinct labels); fixed for the others.',
  })
  @IsOptional()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @Length(1, 300, { each: true })
  options?: string[];

  @Field({ nullable: true, description: 'Secret ballot; false by default.' })
  @IsOptional()
  secret?: boolean;

  @Field(() => Float, { nullable: true, description: 'Share of eligible members who must take part, 0..1; 0 by default.' })
  @IsOptional()
  @Min(0)
  @Max(1)
  quorum?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'MAJORITY: 0.5 (more than). SUPERMAJORITY: at least this share, e.g. 0.6667 (the default).',
  })
  @IsOptional()
  @Min(0.5)
  @Max(1)
  threshold?: number;

  @Field(() => Int, { nullable: true, description: 'How many options win (multi-option methods); 1 by default.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(49)
  seats?: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it closes by itself; must be in the future when it opens.' })
  @IsOptional()
  closesAt?: Date;

  @Field(() => [CollegeWeightInput], { nullable: true, description: 'Voting colleges for multi-stakeholder co-ops.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CollegeWeightInput)
  colleges?: CollegeWeightInput[];
}

@InputType()
export class CastVoteInput {
  @Field(() => ID)
  proposalId: string;

  @Field(() => [ID], {
    description:
      'One option (MAJORITY, SUPERMAJORITY, CONSENT); a set (APPROVAL); a ranking, first = most preferred, may be partial (RANKED_CHOICE, SCHULZE); the scored options (SCORE).',
  })
  @ArrayMaxSize(50)
  optionIds: string[];

  @Field(() => [Int], { nullable: true, description: 'SCORE only: aligned with optionIds, each 0..5.' })
  @IsOptional()
  @ArrayMaxSize(50)
  scores?: number[];
}
