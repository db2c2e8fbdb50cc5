import type { AllocationInput } from './allocation-input.js';
import type { GreedyResult, GreedyStep } from './allocation-result.js';
import { formatUnits } from './money.js';
import { type PreparedElection, prepareElection } from './prepared-election.js';

/**
 * GREEDY: projects by support (approvals, or points), most first; each is funded if it still fits
 * in what is left, otherwise skipped. Projects no ballot supports are never funded.
 * Ties: the cheaper project, then the lower id.
 */
export function allocateGreedy(input: AllocationInput): GreedyResult {
  const election = prepareElection(input);
  const steps: GreedyStep[] = [];
  const funded: string[] = [];
  let left = election.budget;
  for (const position of election.greedyOrder) {
    const project = election.projects[position];
    const fits = project.cost <= left;
    const outcome = project.support === 0 ? 'no-support' : fits ? 'funded' : 'did-not-fit';
    if (outcome === 'funded') {
      left -= project.cost;
      funded.push(project.id);
    }
    steps.push({ projectId: project.id, cost: project.costText, support: project.support, outcome });
  }
  return {
    method: 'GREEDY',
    funded,
    spent: formatUnits(election.budget - left, election.places),
    leftover: formatUnits(left, election.places),
    voters: election.voters,
    steps,
  };
}

/** Funds, in GREEDY order, every supported project not yet funded that fits in `left` units. */
export function fillGreedily(election: PreparedElection, isFunded: Uint8Array, left: bigint): { funded: number[]; left: bigint } {
  const funded: number[] = [];
  for (const position of election.greedyOrder) {
    const project = election.projects[position];
    if (isFunded[position] || project.support === 0 || project.cost > left) continue;
    left -= project.cost;
    funded.push(position);
  }
  return { funded, left };
}
