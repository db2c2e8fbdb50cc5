import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType, DecimalScalar } from '@commons/core';
import { AllocationMethod, BallotRule, BudgetPhase } from '../entities/budget.entity.js';
import { ProjectStatus } from '../entities/budget-project.entity.js';

registerEnumType(BudgetPhase, { name: 'BudgetPhase', description: 'DRAFT -> SUBMISSION -> REVIEW -> VOTING -> CLOSED, never backward.' });
registerEnumType(BallotRule, {
  name: 'BallotRule',
  valuesMap: {
    APPROVAL: { description: 'A set of accepted projects, between minProjects and maxProjects of them.' },
    KNAPSACK: { description: "A set of accepted projects whose total cost is at most the budget's amount." },
    CUMULATIVE: { description: '`points` given to projects, at most `points` in all.' },
  },
});
registerEnumType(AllocationMethod, {
  name: 'AllocationMethod',
  valuesMap: {
    GREEDY: { description: 'Projects by support, most first; each funded if it still fits.' },
    EQUAL_SHARES: {
      description: 'The Method of Equal Shares with the add1 completion, then a greedy fill (as equalshares.net computes it).',
    },
  },
});
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

@ObjectType('BudgetProject')
export class BudgetProjectModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => DecimalScalar)
  cost: string;

  @Field(() => ProjectStatus)
  status: ProjectStatus;

  @Field(() => String, { nullable: true, description: 'The project_id of an imported Pabulib project.' })
  externalId: string | null;

  @Field(() => String, { nullable: true, description: 'Why an admin accepted or rejected it.' })
  reviewReason: string | null;
}

@ObjectType('ProjectFunding', { description: 'Why a project was or was not funded.' })
export class ProjectFundingModel {
  @Field(() => BudgetProjectModel)
  project: BudgetProjectModel;

  @Field(() => Float, { description: 'Approvals or points received.' })
  support: number;

  @Field({ description: 'funded-by-equal-shares, funded-by-greedy-fill, funded (GREEDY), did-not-fit, no-support or not-affordable.' })
  outcome: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'EQUAL_SHARES: what its supporters paid together.' })
  totalPaid: string | null;

  @Field(() => Int, { nullable: true, description: 'EQUAL_SHARES: how many supporters paid.' })
  payers: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'EQUAL_SHARES: the most one supporter paid (rounded to the cent for display).',
  })
  maxPayment: string | null;
}

@ObjectType('BudgetResult')
export class BudgetResultModel {
  @Field(() => [BudgetProjectModel], { description: 'In the order the rule funded them.' })
  funded: BudgetProjectModel[];

  @Field(() => DecimalScalar)
  spent: string;

  @Field(() => DecimalScalar)
  leftover: string;

  @Field(() => Int)
  voters: number;

  @Field(() => AllocationMethod)
  method: AllocationMethod;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "EQUAL_SHARES: each voter's share the completion settled on (rounded to the cent for display).",
  })
  perVoterBudget: string | null;

  @Field(() => [ProjectFundingModel], { description: 'Every project the rule considered, and what became of it.' })
  explanation: ProjectFundingModel[];
}

@ObjectType('Budget')
export class BudgetModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => DecimalScalar)
  amount: string;

  @Field()
  currency: string;

  @Field(() => BudgetPhase)
  phase: BudgetPhase;

  @Field(() => BallotRule)
  ballotRule: BallotRule;

  @Field(() => AllocationMethod)
  allocationMethod: AllocationMethod;

  @Field(() => Int, { nullable: true })
  minProjects: number | null;

  @Field(() => Int, { nullable: true })
  maxProjects: number | null;

  @Field(() => Int, { nullable: true, description: 'CUMULATIVE only.' })
  points: number | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The ledger posting that drew the amount from the commons fund (see ledgerPostings).' })
  commonsPostingId: string | null;
}

export const BudgetConnection = connectionType(BudgetModel, 'Budget');
