import { Rational } from '@commons/core';
import { prepareBallots, type PreparedBallots } from './ballots.js';
import { decideApproval, decideScore } from './highest-totals.js';
import { decideInstantRunoff } from './instant-runoff.js';
import { decideSchulze } from './schulze.js';
import { decideConsent, decideMajority, decideSupermajority } from './single-choice.js';
import { decideSingleTransferableVote } from './single-transferable-vote.js';
import type { DecisionInput, DecisionMethod, DecisionResult } from './types.js';
import { validateDecisionSetup } from './validation.js';

/**
 * Decides a proposal from its weighted ballots. Pure and exact: the same input always gives the same
 * result, whatever the order of the ballots or how identical ballots are split or merged. Quorum is
 * the caller's business. Throws a RangeError when the setup or a ballot does not fit the method
 * (blank ballots are accepted for multi-option methods and count for nothing).
 */
export function decide(method: DecisionMethod, input: DecisionInput): DecisionResult {
  const { options, ballots } = input;
  const setupProblem = validateDecisionSetup(method, options, input.seats ?? 1, input.threshold);
  if (setupProblem) throw new RangeError(setupProblem);
  return decidePrepared(method, input, prepareBallots(method, options, ballots));
}

/** Counts ballots already validated and put in counting form; `decide` is the entry point to use. */
export function decidePrepared(method: DecisionMethod, input: DecisionInput, prepared: PreparedBallots): DecisionResult {
  const { options } = input;
  const seats = input.seats ?? 1;
  switch (method) {
    case 'MAJORITY':
      return decideMajority(options, prepared, input.threshold ? Rational.parse(input.threshold) : undefined);
    case 'SUPERMAJORITY':
      return decideSupermajority(options, prepared, Rational.parse(input.threshold as string));
    case 'CONSENT':
      return decideConsent(options, prepared);
    case 'APPROVAL':
      return decideApproval(options, prepared, seats);
    case 'SCORE':
      return decideScore(options, prepared, seats);
    case 'RANKED_CHOICE':
      return seats === 1 ? decideInstantRunoff(options, prepared) : decideSingleTransferableVote(options, prepared, seats);
    case 'SCHULZE':
      return decideSchulze(options, prepared, seats);
  }
}
