import type { AllocationInput } from './allocation-input.js';
import type { EqualSharesResult, GreedyResult } from './allocation-result.js';
import { allocateEqualShares } from './equal-shares.js';
import { allocateGreedy } from './greedy.js';

/** The budget rules of API.md's `AllocationMethod`. */
export type AllocationMethod = 'GREEDY' | 'EQUAL_SHARES';

export type AllocationResult = GreedyResult | EqualSharesResult;

/**
 * Allocates the budget by `method` (EQUAL_SHARES with the add1 completion).
 * @throws RangeError when the input is invalid (bad money, unknown or repeated project in a ballot).
 */
export function allocateBudget(method: AllocationMethod, input: AllocationInput): AllocationResult {
  switch (method) {
    case 'GREEDY':
      return allocateGreedy(input);
    case 'EQUAL_SHARES':
      return allocateEqualShares(input);
  }
}
