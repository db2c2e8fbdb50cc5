export { decide } from './decide.js';
export { validateBallot, validateDecisionSetup } from './validation.js';
export { aggregateBallots } from './ballots.js';
export { TIE_BREAK_RULE } from './tie-break.js';
export {
  CONSENT_OPTION_LABELS,
  DECISION_METHODS,
  MAJORITY_OPTION_LABELS,
  MAX_SCORE,
  SINGLE_CHOICE_METHODS,
  type DecisionInput,
  type DecisionMethod,
  type DecisionOption,
  type DecisionResult,
  type OptionVotes,
  type SchulzeDetails,
  type WeightedBallot,
} from './types.js';
