export type { AllocationBallot, AllocationInput, AllocationProject, BallotKind } from './allocation-input.js';
export type {
  AllocationOutcome,
  EqualSharesFunding,
  EqualSharesPurchase,
  EqualSharesResult,
  GreedyFillPurchase,
  GreedyResult,
  GreedyStep,
} from './allocation-result.js';
export { allocateBudget, type AllocationMethod, type AllocationResult } from './allocate-budget.js';
export { allocateEqualShares, type EqualSharesCompletion, type EqualSharesOptions } from './equal-shares.js';
export { allocateGreedy } from './greedy.js';
export { compareProjectIds } from './project-order.js';
