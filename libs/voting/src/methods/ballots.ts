import { Rational } from '@commons/core';
import { ballotProblem, indexOptions } from './validation.js';
import type { DecisionMethod, DecisionOption, WeightedBallot } from './types.js';

/** A distinct ballot in counting form: option positions, and its weight in whole units of `1 / scale`. */
export interface CountedBallot {
  choice: number[];
  scores: number[] | null;
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
 * Validates every ballot (throwing a RangeError naming the first bad one), drops weightless ones and
 * merges identical ones. Blank ballots are kept for multi-option methods: they count for nothing.
 */
export function prepareBallots(
  method: DecisionMethod,
  options: readonly DecisionOption[],
  ballots: readonly WeightedBallot[],
): PreparedBallots {
  const optionIndex = indexOptions(options);
  ballots.forEach((ballot, position) => {
    const problem = ballotProblem(method, optionIndex, options, ballot.optionIds, ballot.scores, true);
    if (problem) throw new RangeError(`Ballot ${position + 1}: ${problem}`);
    if (ballot.weight.num < 0n) throw new RangeError(`Ballot ${position + 1}: a weight cannot be negative.`);
  });
  const scale = commonDenominator(ballots.map((ballot) => ballot.weight.den));
  const merged = new Map<string, CountedBallot>();
  for (const ballot of ballots) {
    if (ballot.weight.isZero()) continue;
    const units = ballot.weight.num * (scale / ballot.weight.den);
    const key = ballotKey(ballot.optionIds, ballot.scores);
    const existing = merged.get(key);
    if (existing) {
      existing.units += units;
    } else {
      const choice = ballot.optionIds.map((id) => optionIndex.get(id) as number);
      const scores = method === 'SCORE' ? [...(ballot.scores ?? [])] : null;
      merged.set(key, { choice, scores, units });
    }
  }
  return { ballots: [...merged.values()], scale };
}

/** Converts whole units back to the exact weight they stand for. */
export function unitsToVotes(units: bigint, scale: bigint): Rational {
  return Rational.of(units, scale);
}

function ballotKey(optionIds: readonly string[], scores: readonly number[] | null | undefined): string {
  return JSON.stringify([optionIds, scores ?? []]);
}

function commonDenominator(denominators: readonly bigint[]): bigint {
  let scale = 1n;
  for (const den of new Set(denominators)) scale = (scale / gcd(scale, den)) * den;
  return scale;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
