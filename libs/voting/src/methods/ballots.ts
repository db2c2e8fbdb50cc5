import { Rational } from '@commons/core';
import { ballotProblem, indexOptions } from './validation.js';
import { MAX_SCORE, SINGLE_CHOICE_METHODS, type DecisionMethod, type DecisionOption, type WeightedBallot } from './types.js';

/** A ballot in counting form (for ranked methods, all identical ones merged): option positions, and its weight in whole units of `1 / scale`. */
export interface CountedBallot {
  choice: number[];
  scores: readonly number[] | null;
  units: bigint;
}

/**
 * Ballots ready to count. Every weight is an exact multiple of `1 / scale` (the least common
 * denominator of the weights), so tallies add whole numbers instead of fractions.
 */
export interface PreparedBallots {
  ballots: CountedBallot[];
  scale: bigint;
}

/**
 * Merges ballots with the same choice (same option ids in the same order, same scores) into one
 * ballot carrying their total weight. Decisions do not depend on it; it only makes them cheaper.
 */
export function aggregateBallots(ballots: readonly WeightedBallot[]): WeightedBallot[] {
  const merged = new Map<string, WeightedBallot>();
  for (const ballot of ballots) {
    const key = ballotKey(ballot.optionIds, ballot.scores);
    const existing = merged.get(key);
    merged.set(key, existing ? { ...existing, weight: existing.weight.add(ballot.weight) } : { ...ballot });
  }
  return [...merged.values()];
}

/**
 * Validates every ballot (throwing a RangeError naming the first bad one), drops weightless ones and,
 * for ranked methods, merges identical ones. Blank ballots are kept for multi-option methods: they
 * count for nothing.
 */
export function prepareBallots(
  method: DecisionMethod,
  options: readonly DecisionOption[],
  ballots: readonly WeightedBallot[],
): PreparedBallots {
  const optionIndex = indexOptions(options);
  const scale = commonDenominator(ballots);
  const toChoice = choiceReader(method, optionIndex);
  // Ranked counts work per distinct ballot, so merging pays off there; other methods count each
  // ballot in one pass anyway, and merging (mostly distinct) score ballots would only cost time.
  const mergeable = method === 'RANKED_CHOICE' || method === 'SCHULZE';
  const merged = new Map<string, CountedBallot>();
  const counted: CountedBallot[] = [];
  ballots.forEach((ballot, position) => {
    const choice = toChoice(ballot, position);
    if (choice === null) {
      const problem = ballotProblem(method, optionIndex, options, ballot.optionIds, ballot.scores, true);
      throw new RangeError(`Ballot ${position + 1}: ${problem ?? 'it does not fit this decision method.'}`);
    }
    if (ballot.weight.num < 0n) throw new RangeError(`Ballot ${position + 1}: a weight cannot be negative.`);
    if (ballot.weight.isZero()) return;
    const units = ballot.weight.num * (scale / ballot.weight.den);
    const scores = method === 'SCORE' ? (ballot.scores ?? []) : null;
    if (!mergeable) {
      counted.push({ choice, scores, units });
      return;
    }
    const key = choice.join(',');
    const existing = merged.get(key);
    if (existing) existing.units += units;
    else merged.set(key, { choice, scores, units });
  });
  return { ballots: mergeable ? [...merged.values()] : counted, scale };
}

/** Converts whole units back to the exact weight they stand for. */
export function unitsToVotes(units: bigint, scale: bigint): Rational {
  return Rational.of(units, scale);
}

function ballotKey(optionIds: readonly string[], scores: readonly number[] | null | undefined): string {
  return JSON.stringify([optionIds, scores ?? []]);
}

/**
 * The fast check behind `prepareBallots`: a ballot's option positions, or null when it does not fit
 * (then `ballotProblem` finds the words). Duplicates are spotted by stamping each option with the
 * ballot's position, so no set is built per ballot.
 */
function choiceReader(
  method: DecisionMethod,
  optionIndex: ReadonlyMap<string, number>,
): (ballot: WeightedBallot, position: number) => number[] | null {
  const singleChoice = SINGLE_CHOICE_METHODS.includes(method);
  const scored = method === 'SCORE';
  const lastSeen = new Int32Array(optionIndex.size).fill(-1);
  return ({ optionIds, scores }, position) => {
    if (singleChoice && optionIds.length !== 1) return null;
    const scoreCount = scores?.length ?? 0;
    if (scored) {
      if (scoreCount !== optionIds.length) return null;
      if (scores?.some((score) => !Number.isInteger(score) || score < 0 || score > MAX_SCORE)) return null;
    } else if (scoreCount > 0) {
      return null;
    }
    const choice = new Array<number>(optionIds.length);
    for (let rank = 0; rank < optionIds.length; rank++) {
      const option = optionIndex.get(optionIds[rank]);
      if (option === undefined || lastSeen[option] === position) return null;
      lastSeen[option] = position;
      choice[rank] = option;
    }
    return choice;
  };
}

function commonDenominator(ballots: readonly WeightedBallot[]): bigint {
  const denominators = new Set<bigint>();
  for (const ballot of ballots) denominators.add(ballot.weight.den);
  let scale = 1n;
  for (const den of denominators) scale = (scale / gcd(scale, den)) * den;
  return scale;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
