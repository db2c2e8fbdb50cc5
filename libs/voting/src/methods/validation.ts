import { Rational } from '@commons/core';
import { plural } from './tie-break.js';
import {
  CONSENT_OPTION_LABELS,
  DECISION_METHODS,
  MAJORITY_OPTION_LABELS,
  MAX_SCORE,
  SINGLE_CHOICE_METHODS,
  type DecisionMethod,
  type DecisionOption,
} from './types.js';

/**
 * Checks that a proposal's method, options, seats and threshold can be decided; returns a problem in
 * plain words, or null. Call it when a proposal is created; `decide` throws on the same problems.
 */
export function validateDecisionSetup(
  method: string,
  options: readonly DecisionOption[],
  seats?: number | null,
  threshold?: string | null,
): string | null {
  return optionsProblem(method, options, seats) ?? thresholdProblem(method as DecisionMethod, threshold);
}

/**
 * Checks one member's ballot against the method and the proposal's options; returns a problem in
 * plain words (to show the member), or null when the ballot fits.
 */
export function validateBallot(
  method: DecisionMethod,
  options: readonly DecisionOption[],
  optionIds: readonly string[],
  scores?: readonly number[] | null,
  seats?: number | null,
): string | null {
  const setupProblem = optionsProblem(method, options, seats);
  if (setupProblem) return setupProblem;
  return ballotProblem(method, indexOptions(options), options, optionIds, scores, false);
}

/** Option id to its position in the proposal. */
export function indexOptions(options: readonly DecisionOption[]): Map<string, number> {
  return new Map(options.map((option, index) => [option.id, index]));
}

/** The checks behind `validateBallot`; `allowBlank` lets a tally count blank ballots as counting for nothing. */
export function ballotProblem(
  method: DecisionMethod,
  optionIndex: ReadonlyMap<string, number>,
  options: readonly DecisionOption[],
  optionIds: readonly string[],
  scores: readonly number[] | null | undefined,
  allowBlank: boolean,
): string | null {
  const unknown = optionIds.find((id) => !optionIndex.has(id));
  if (unknown !== undefined) return `"${unknown}" is not an option of this proposal.`;
  if (method !== 'SCORE' && scores && scores.length > 0) return 'Scores are only given on SCORE ballots.';
  if (SINGLE_CHOICE_METHODS.includes(method)) {
    return optionIds.length === 1 ? null : 'Choose exactly one option.';
  }
  if (optionIds.length === 0 && !allowBlank) return blankProblem(method);
  const seen = new Set<string>();
  for (const id of optionIds) {
    if (seen.has(id)) return `"${options[optionIndex.get(id) as number].label}" is chosen more than once.`;
    seen.add(id);
  }
  return method === 'SCORE' ? scoresProblem(optionIndex, options, optionIds, scores) : null;
}

function optionsProblem(method: string, options: readonly DecisionOption[], seats?: number | null): string | null {
  if (!(DECISION_METHODS as readonly string[]).includes(method)) return `Unknown decision method "${method}".`;
  if (new Set(options.map((option) => option.id)).size !== options.length) return 'Each option needs its own id.';
  if (options.some((option) => option.id === '' || option.label.trim() === '')) {
    return 'Every option needs an id and a label.';
  }
  const decisionMethod = method as DecisionMethod;
  if (SINGLE_CHOICE_METHODS.includes(decisionMethod)) return labelsProblem(decisionMethod, options);
  if (options.length < 2) return 'Give at least two options to choose from.';
  if (seats !== undefined && seats !== null && !(Number.isInteger(seats) && seats >= 1 && seats <= options.length)) {
    return `Seats must be a whole number from 1 to ${options.length} (the number of options).`;
  }
  return null;
}

function blankProblem(method: DecisionMethod): string {
  if (method === 'APPROVAL') return 'Approve at least one option.';
  if (method === 'SCORE') return 'Score at least one option.';
  return 'Rank at least one option.';
}

function scoresProblem(
  optionIndex: ReadonlyMap<string, number>,
  options: readonly DecisionOption[],
  optionIds: readonly string[],
  scores: readonly number[] | null | undefined,
): string | null {
  const given = scores ?? [];
  if (given.length !== optionIds.length) {
    return `Give one score for each option scored (${plural(optionIds.length, 'option')}, ${plural(given.length, 'score')}).`;
  }
  const bad = given.findIndex((score) => !Number.isInteger(score) || score < 0 || score > MAX_SCORE);
  if (bad < 0) return null;
  const label = options[optionIndex.get(optionIds[bad]) as number].label;
  return `Scores are whole numbers from 0 to ${MAX_SCORE}; "${label}" has ${given[bad]}.`;
}

function labelsProblem(method: DecisionMethod, options: readonly DecisionOption[]): string | null {
  const allowed: readonly string[] = method === 'CONSENT' ? CONSENT_OPTION_LABELS : MAJORITY_OPTION_LABELS;
  const labels = options.map((option) => option.label);
  const stray = labels.find((label) => !allowed.includes(label));
  if (stray !== undefined) return `${method} options are ${allowed.join(', ')}; "${stray}" is not one of them.`;
  if (new Set(labels).size !== labels.length) return 'Each option label may appear only once.';
  const missing = allowed.slice(0, 2).find((label) => !labels.includes(label));
  return missing === undefined ? null : `${method} needs the "${missing}" option.`;
}

function thresholdProblem(method: DecisionMethod, threshold: string | null | undefined): string | null {
  if (method !== 'MAJORITY' && method !== 'SUPERMAJORITY') return null;
  if (threshold === undefined || threshold === null) {
    return method === 'SUPERMAJORITY' ? 'SUPERMAJORITY needs a threshold, such as "0.6667".' : null;
  }
  let share: Rational;
  try {
    share = Rational.parse(threshold);
  } catch {
    return `The threshold must be a decimal number such as "0.6667", not "${threshold}".`;
  }
  // Below one half a measure could pass with more AGAINST than FOR; MAJORITY passes above its
  // threshold, SUPERMAJORITY at or above it, so both must stay reachable.
  const half = Rational.of(1, 2);
  if (method === 'MAJORITY') {
    return share.gte(half) && share.lt(Rational.ONE) ? null : 'The MAJORITY threshold must be at least 0.5 and below 1.';
  }
  return share.gte(half) && share.lte(Rational.ONE) ? null : 'The SUPERMAJORITY threshold must be from 0.5 to 1.';
}
