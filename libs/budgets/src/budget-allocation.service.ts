import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '@commons/core';
import {
  allocateEqualShares,
  allocateGreedy,
  type AllocationBallot,
  type EqualSharesResult,
  type GreedyResult,
} from './allocation/index.js';
import {
  AllocationMethod,
  BallotRule,
  type BudgetEntity,
  type StoredBudgetResult,
  type StoredProjectExplanation,
} from './entities/budget.entity.js';
import { BudgetProjectEntity, ProjectStatus } from './entities/budget-project.entity.js';

/**
 * The add1 completion re-runs the method once per currency unit raised; real elections need hundreds of
 * runs (Toulouse 2019: 739), a hostile file could ask for millions.
 */
const MAX_COMPLETION_RUNS = 5_000;

interface BallotGroup {
  project_numbers: number[];
  points: number[] | null;
  voters: number;
}

/** The id the rules see, and break ties on: the Pabulib project_id, or the submission number. */
export function ruleId(project: Pick<BudgetProjectEntity, 'externalId' | 'number'>): string {
  return project.externalId ?? String(project.number);
}

/**
 * Runs the budget's allocation rule over its ACCEPTED projects and its ballots (identical ballots
 * grouped in SQL), stores the result with its explanation and marks projects FUNDED or NOT_FUNDED.
 */
@Injectable()
export class BudgetAllocationService {
  async allocate(manager: EntityManager, budget: BudgetEntity): Promise<StoredBudgetResult> {
    const projects = await manager
      .getRepository(BudgetProjectEntity)
      .find({ where: { budgetId: budget.id, status: ProjectStatus.ACCEPTED }, order: { number: 'ASC' } });
    const groups: BallotGroup[] = await manager.query(
      `SELECT project_numbers, points, count(*)::int AS voters FROM budget_ballots WHERE budget_id = $1 GROUP BY project_numbers, points`,
      [budget.id],
    );
    const byNumber = new Map(projects.map((project) => [project.number, project]));
    const ballots: AllocationBallot[] = groups.map((group) => {
      const kept = group.project_numbers.map((number, index) => ({ number, index })).filter(({ number }) => byNumber.has(number));
      return {
        projectIds: kept.map(({ number }) => ruleId(byNumber.get(number)!)),
        ...(group.points ? { points: kept.map(({ index }) => group.points![index]) } : {}),
        voters: group.voters,
      };
    });
    const support = new Map<string, number>();
    for (const ballot of ballots) {
      ballot.projectIds.forEach((id, index) =>
        support.set(id, (support.get(id) ?? 0) + (ballot.points ? ballot.points[index] : 1) * (ballot.voters ?? 1)),
      );
    }
    const input = {
      budget: budget.amount,
      ballotKind: budget.ballotRule === BallotRule.CUMULATIVE ? ('cumulative' as const) : ('approval' as const),
      projects: projects.map((project) => ({ id: ruleId(project), cost: project.cost })),
      ballots,
    };
    let outcome: GreedyResult | EqualSharesResult;
    try {
      outcome =
        budget.allocationMethod === AllocationMethod.EQUAL_SHARES
          ? allocateEqualShares(input, { maxRuns: MAX_COMPLETION_RUNS })
          : allocateGreedy(input);
    } catch (error) {
      // The rules refuse input they cannot count (e.g. a completion that would run without end).
      if (error instanceof RangeError) throw new BadUserInputError(`The budget cannot be allocated: ${error.message}.`);
      throw error;
    }

    const byRuleId = new Map(projects.map((project) => [ruleId(project), project]));
    const funded = new Set(outcome.funded);
    const result: StoredBudgetResult = {
      funded: outcome.funded.map((id) => byRuleId.get(id)!.id),
      spent: outcome.spent,
      leftover: outcome.leftover,
      voters: outcome.voters,
      method: budget.allocationMethod,
      perVoterBudget: outcome.method === 'EQUAL_SHARES' ? outcome.perVoterBudget.toFixed(2) : null,
      raises: outcome.method === 'EQUAL_SHARES' ? outcome.raises : null,
      projects: explain(outcome, projects, support, funded),
    };

    for (const project of projects) {
      project.status = funded.has(ruleId(project)) ? ProjectStatus.FUNDED : ProjectStatus.NOT_FUNDED;
      project.support = String(support.get(ruleId(project)) ?? 0);
    }
    await manager.getRepository(BudgetProjectEntity).save(projects, { chunk: 500 });
    return result;
  }
}

function explain(
  outcome: GreedyResult | EqualSharesResult,
  projects: BudgetProjectEntity[],
  support: Map<string, number>,
  funded: Set<string>,
): StoredProjectExplanation[] {
  const fundings = new Map(outcome.method === 'EQUAL_SHARES' ? outcome.fundings.map((funding) => [funding.projectId, funding]) : []);
  const steps = new Map(outcome.method === 'GREEDY' ? outcome.steps.map((step) => [step.projectId, step]) : []);
  return projects.map((project) => {
    const id = ruleId(project);
    const base = { projectId: project.id, support: support.get(id) ?? 0 };
    if (outcome.method === 'GREEDY') {
      const step = steps.get(id);
      return { ...base, outcome: step?.outcome === 'did-not-fit' ? 'did-not-fit' : step?.outcome === 'funded' ? 'funded' : 'no-support' };
    }
    const funding = fundings.get(id);
    if (!funding) return { ...base, outcome: base.support > 0 ? 'not-affordable' : 'no-support' };
    if (funding.fundedBy === 'greedy-fill') return { ...base, outcome: 'funded-by-greedy-fill' };
    return {
      ...base,
      outcome: funded.has(id) ? 'funded-by-equal-shares' : 'not-affordable',
      totalPaid: funding.totalPaid,
      payers: funding.payers,
      maxPayment: funding.maxPayment.toFixed(2),
      pricePerUtility: funding.rho.toString(),
    };
  });
}
