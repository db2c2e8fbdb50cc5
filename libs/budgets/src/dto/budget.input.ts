import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { DecimalScalar } from '@commons/core';
import { AllocationMethod, BallotRule } from '../entities/budget.entity.js';

@InputType()
export class CreateBudgetInput {
  @Field()
  @Length(1, 300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(0, 20_000)
  description?: string;

  @Field(() => DecimalScalar)
  amount: string;

  @Field({ nullable: true, description: 'ISO 4217 code; EUR by default.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter code such as EUR' })
  currency?: string;

  @Field(() => BallotRule)
  ballotRule: BallotRule;

  @Field(() => AllocationMethod)
  allocationMethod: AllocationMethod;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  minProjects?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxProjects?: number;

  @Field({ nullable: true, description: 'Draw the amount from the commons fund (a ledger posting); CONFLICT if the fund holds less.' })
  @IsOptional()
  fundFromCommons?: boolean;

  @Field(() => Int, { nullable: true, description: 'CUMULATIVE: points each voter may give in all.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  points?: number;
}

@InputType()
export class SubmitProjectInput {
  @Field(() => ID)
  budgetId: string;

  @Field()
  @Length(1, 500)
  @Matches(/\S/, { message: 'title must not be blank' })
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(0, 20_000)
  description?: string;

  @Field(() => DecimalScalar)
  cost: string;
}

@InputType()
export class BudgetBallotInput {
  @Field(() => ID)
  budgetId: string;

  @Field(() => [ID])
  @ArrayMaxSize(10_000)
  projectIds: string[];

  @Field(() => [Int], { nullable: true, description: 'CUMULATIVE: points aligned with projectIds.' })
  @IsOptional()
  @ArrayMaxSize(10_000)
  points?: number[];
}
