import { Rational } from '@commons/core';

/**
 * Splits `totalCents` into shares proportional to `weights` that add up exactly to the total
 * (Hamilton's largest-remainder method).
 *
 * Each share starts at the floor of its exact quota `total × weight / Σweights`; the cents left over (fewer
 * than the number of weights) go one each to the largest remainders. Ties among equal remainders go to the
 * larger weight, then to the lower index, so the result depends only on the input. A zero weight always gets
 * zero, and a larger weight never gets less than a smaller one.
 *
 * Throws a RangeError for a negative total, a negative weight, or no positive weight at all (an all-zero split
 * has no proportions to follow; callers decide what that means, see `patronageRefunds`).
 */
export function largestRemainder(totalCents: bigint, weights: readonly (bigint | Rational)[]): bigint[] {
  if (totalCents < 0n) throw new RangeError(`Cannot split a negative total (${totalCents} cents)`);
  const integerWeights = toIntegerWeights(weights);
  return apportion(totalCents, integerWeights);
}

/** The same split over integer weights already on a common scale; used directly where weights are known integers. */
export function apportion(totalCents: bigint, weights: readonly bigint[]): bigint[] {
  if (totalCents < 0n) throw new RangeError(`Cannot split a negative total (${totalCents} cents)`);
  let weightSum = 0n;
  for (const [index, weight] of weights.entries()) {
    if (weight < 0n) throw new RangeError(`Weight ${index} is negative`);
    weightSum += weight;
  }
  if (weightSum === 0n) throw new RangeError('Cannot split proportionally: every weight is zero');

  const shares = new Array<bigint>(weights.length);
  const remainders = new Array<bigint>(weights.length);
  const withRemainder: number[] = [];
  let given = 0n;
  for (let index = 0; index < weights.length; index++) {
    const product = totalCents * weights[index];
    shares[index] = product / weightSum;
    remainders[index] = product % weightSum;
    given += shares[index];
    if (remainders[index] > 0n) withRemainder.push(index);
  }

  // Fewer cents are left than there are positive remainders, so a zero weight (remainder 0) never gets one.
  const left = Number(totalCents - given);
  if (left > 0) {
    withRemainder.sort(rankByRemainder(remainders, weights, weightSum));
    for (let rank = 0; rank < left; rank++) shares[withRemainder[rank]] += 1n;
  }
  return shares;
}

/** Largest remainder first, then larger weight, then lower index; on plain numbers when they are exact (much faster for 100k members). */
function rankByRemainder(remainders: bigint[], weights: readonly bigint[], weightSum: bigint): (a: number, b: number) => number {
  if (weightSum <= BigInt(Number.MAX_SAFE_INTEGER)) {
    const remainderNumbers = Float64Array.from(remainders, Number);
    const weightNumbers = Float64Array.from(weights, Number);
    return (a, b) => remainderNumbers[b] - remainderNumbers[a] || weightNumbers[b] - weightNumbers[a] || a - b;
  }
  return (a, b) => compareDescending(remainders[a], remainders[b]) || compareDescending(weights[a], weights[b]) || a - b;
}

function compareDescending(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

/** Brings bigint and Rational weights onto one integer scale (the least common denominator). */
function toIntegerWeights(weights: readonly (bigint | Rational)[]): bigint[] {
  let commonDenominator = 1n;
  for (const weight of weights) {
    if (weight instanceof Rational) commonDenominator = leastCommonMultiple(commonDenominator, weight.den);
  }
  return weights.map((weight, index) => {
    const scaled = weight instanceof Rational ? weight.num * (commonDenominator / weight.den) : weight * commonDenominator;
    if (scaled < 0n) throw new RangeError(`Weight ${index} is negative`);
    return scaled;
  });
}

function leastCommonMultiple(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}
