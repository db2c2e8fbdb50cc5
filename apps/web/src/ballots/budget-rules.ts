import { addDecimals, compareDecimals, subtractDecimals } from '../format';
import type { BallotRule } from '../graphql/generated/graphql';

export interface BudgetForBallot {
  amount: string;
  ballotRule: BallotRule;
  minProjects?: number | null;
  maxProjects?: number | null;
  points?: number | null;
}

export interface ProjectForBallot {
  id: string;
  cost: string;
}

export type BudgetBallotProblem = 'none' | 'tooFew' | 'tooMany' | 'overBudget' | 'overPoints';

export interface BudgetBallotStatus {
  chosen: number;
  /** KNAPSACK: the cost of the chosen projects and what is left of the amount (negative when over). */
  spent: string;
  left: string;
  /** CUMULATIVE: points given and left. */
  pointsUsed: number;
  pointsLeft: number;
  problem: BudgetBallotProblem;
}

/**
 * Live feedback on a budget ballot against its rule, as the API will judge it: APPROVAL between minProjects (1 by
 * default) and maxProjects, KNAPSACK at most the amount in cost, CUMULATIVE at most `points` in all on at most
 * maxProjects projects. Exact decimals.
 */
export function budgetBallotStatus(
  budget: BudgetForBallot,
  projects: ProjectForBallot[],
  chosen: ReadonlySet<string>,
  points: Readonly<Record<string, number>>,
): BudgetBallotStatus {
  const selected =
    budget.ballotRule === 'CUMULATIVE'
      ? projects.filter((project) => (points[project.id] ?? 0) > 0)
      : projects.filter((project) => chosen.has(project.id));
  const spent = addDecimals(['0', ...selected.map((project) => project.cost)]);
  const left = subtractDecimals(budget.amount, spent);
  const pointsUsed = selected.reduce((sum, project) => sum + (points[project.id] ?? 0), 0);
  const pointsLeft = (budget.points ?? 0) - pointsUsed;
  let problem: BudgetBallotProblem = 'none';
  const minimum = budget.ballotRule === 'APPROVAL' ? (budget.minProjects ?? 1) : 1;
  const limited = budget.ballotRule !== 'KNAPSACK' && budget.maxProjects != null;
  if (selected.length < minimum) problem = 'tooFew';
  else if (limited && selected.length > budget.maxProjects!) problem = 'tooMany';
  else if (budget.ballotRule === 'KNAPSACK' && compareDecimals(spent, budget.amount) > 0) problem = 'overBudget';
  else if (budget.ballotRule === 'CUMULATIVE' && pointsLeft < 0) problem = 'overPoints';
  return { chosen: selected.length, spent, left, pointsUsed, pointsLeft, problem };
}
