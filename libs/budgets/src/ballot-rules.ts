import { Rational } from '@commons/core';

export interface BallotRuleSetup {
  ballotRule: 'APPROVAL' | 'KNAPSACK' | 'CUMULATIVE';
  amount: string;
  minProjects: number | null;
  maxProjects: number | null;
  points: number | null;
}

export interface VotableProject {
  id: string;
  cost: string;
}

/**
 * What is wrong with a budget ballot, in words that name the rule broken, or null when it fits. Only
 * the given (ACCEPTED) projects can be chosen, each at most once.
 */
export function budgetBallotProblem(
  setup: BallotRuleSetup,
  projects: readonly VotableProject[],
  projectIds: readonly string[],
  points: readonly number[] | null | undefined,
): string | null {
  const byId = new Map(projects.map((project) => [project.id, project]));
  if (new Set(projectIds).size !== projectIds.length) return 'A project may appear only once on a ballot.';
  const unknown = projectIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) return `Only accepted projects of this budget can be chosen; not: ${unknown.join(', ')}.`;
  if (setup.ballotRule !== 'CUMULATIVE' && points && points.length > 0)
    return `points are for CUMULATIVE ballots only; this budget uses ${setup.ballotRule}.`;

  switch (setup.ballotRule) {
    case 'APPROVAL': {
      const min = setup.minProjects ?? 1;
      if (projectIds.length < min)
        return `APPROVAL: choose at least ${min} project${min === 1 ? '' : 's'} (you chose ${projectIds.length}).`;
      if (setup.maxProjects !== null && projectIds.length > setup.maxProjects) {
        return `APPROVAL: choose at most ${setup.maxProjects} projects (you chose ${projectIds.length}).`;
      }
      return null;
    }
    case 'KNAPSACK': {
      if (projectIds.length === 0) return 'KNAPSACK: choose at least one project.';
      const total = projectIds.reduce((sum, id) => sum.add(Rational.parse(byId.get(id)!.cost)), Rational.ZERO);
      if (total.gt(Rational.parse(setup.amount))) {
        return `KNAPSACK: the projects you chose cost ${total.toFixed(2)} in all, more than the budget of ${Rational.parse(setup.amount).toFixed(2)}.`;
      }
      return null;
    }
    case 'CUMULATIVE': {
      if (!points || points.length !== projectIds.length)
        return 'CUMULATIVE: give points to each project you choose, in the same order (points aligned with projectIds).';
      if (projectIds.length === 0) return 'CUMULATIVE: give points to at least one project.';
      if (points.some((value) => !Number.isInteger(value) || value < 1)) return 'CUMULATIVE: points must be whole numbers of at least 1.';
      const total = points.reduce((sum, value) => sum + value, 0);
      const allowed = setup.points ?? 0;
      if (total > allowed) return `CUMULATIVE: you gave ${total} points; at most ${allowed} may be given in all.`;
      if (setup.maxProjects !== null && projectIds.length > setup.maxProjects) {
        return `CUMULATIVE: give points to at most ${setup.maxProjects} projects (you chose ${projectIds.length}).`;
      }
      return null;
    }
  }
}
