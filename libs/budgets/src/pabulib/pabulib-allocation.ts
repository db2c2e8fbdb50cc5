import type { AllocationInput, AllocationMethod } from '../allocation/index.js';
import type { PabulibElection } from './pabulib-election.js';

/** The rule input of a parsed election: one ballot per voter (the rules group identical ones). */
export function pabulibAllocationInput(election: PabulibElection): AllocationInput {
  return {
    budget: election.budget,
    ballotKind: election.voteType,
    projects: election.projects.map((project) => ({ id: project.id, cost: project.cost })),
    ballots: election.votes.map((vote) =>
      vote.points ? { projectIds: vote.projectIds, points: vote.points } : { projectIds: vote.projectIds },
    ),
  };
}

/** The method a file's META `rule` names: greedy -> GREEDY, equalshares… -> EQUAL_SHARES; otherwise undefined. */
export function pabulibMethod(election: PabulibElection): AllocationMethod | undefined {
  const rule = election.meta.rule?.trim().toLowerCase() ?? '';
  if (rule === 'greedy') return 'GREEDY';
  if (rule.startsWith('equalshares')) return 'EQUAL_SHARES';
  return undefined;
}

/** Ids of the projects the file marks `selected` (any value other than empty or 0). */
export function pabulibSelected(election: PabulibElection): string[] {
  return election.projects.filter((project) => isSelected(project.columns.selected)).map((project) => project.id);
}

function isSelected(value: string | undefined): boolean {
  const text = value?.trim() ?? '';
  return text !== '' && text !== '0';
}
