import fc from 'fast-check';
import { Rational } from '@commons/core';
import { largestRemainder } from './largest-remainder.js';

/** An independent reference: exact quotas as fractions, leftover cents by fractional part, same tie-break. */
function referenceSplit(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const quotas = weights.map((weight) => Rational.of(total * weight, sum));
  const shares = quotas.map((quota) => quota.floor());
  const fractions = quotas.map((quota, index) => quota.sub(Rational.of(shares[index])));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, index) => index)
    .sort((a, b) => fractions[b].cmp(fractions[a]) || (weights[b] > weights[a] ? 1 : weights[b] < weights[a] ? -1 : 0) || a - b);
  for (const index of order) {
    if (left === 0n) break;
    shares[index] += 1n;
    left -= 1n;
  }
  return shares;
}

// Small weights and totals make tied remainders common, so the tie-break is exercised too; huge weights
// (sums past 2^53) take the all-BigInt ranking path instead of the fast Number one.
const weightList = fc
  .oneof(
    fc.array(fc.bigInt(0n, 4n), { minLength: 1, maxLength: 12 }),
    fc.array(fc.bigInt(0n, 10_000n), { minLength: 1, maxLength: 40 }),
    fc.array(fc.oneof(fc.bigInt(0n, 3n), fc.bigInt(10n ** 15n, 10n ** 16n)), { minLength: 1, maxLength: 12 }),
  )
  .filter((weights) => weights.some((w) => w > 0n));
const total = fc.oneof(fc.bigInt(0n, 50n), fc.bigInt(0n, 10_000_000_000n));

describe('largestRemainder', () => {
  it('splits 100.00 three ways as 33.34, 33.33, 33.33 (the tied cent goes to the lowest index)', () => {
    expect(largestRemainder(10_000n, [1n, 1n, 1n])).toEqual([3_334n, 3_333n, 3_333n]);
    // The same with weights whose sum is past 2^53, ranked as BigInts.
    expect(largestRemainder(10_000n, [10n ** 16n, 10n ** 16n, 10n ** 16n])).toEqual([3_334n, 3_333n, 3_333n]);
  });

  it('gives a tied cent to the larger weight before the lower index', () => {
    // Quotas 0.5 and 1.5: equal remainders, one cent left.
    expect(largestRemainder(2n, [1n, 3n])).toEqual([0n, 2n]);
    expect(largestRemainder(2n, [10n ** 18n, 3n * 10n ** 18n])).toEqual([0n, 2n]);
  });

  it('gives leftover cents to the largest remainders first', () => {
    // Quotas 1/4, 1/4, 1/2 of one cent.
    expect(largestRemainder(1n, [1n, 1n, 2n])).toEqual([0n, 0n, 1n]);
    expect(largestRemainder(7n, [2n, 3n, 5n])).toEqual([1n, 2n, 4n]);
  });

  it('gives zero weights nothing, even when cents are left over', () => {
    expect(largestRemainder(101n, [0n, 1n, 0n, 1n])).toEqual([0n, 51n, 0n, 50n]);
  });

  it('accepts exact fractions and mixes them with integers', () => {
    expect(largestRemainder(600n, [Rational.of(1, 3), Rational.of(1, 6), Rational.of(1, 2)])).toEqual([200n, 100n, 300n]);
    expect(largestRemainder(3n, [1n, Rational.of(1, 2)])).toEqual([2n, 1n]);
  });

  it('splits a zero total into zeros and a single weight takes everything', () => {
    expect(largestRemainder(0n, [1n, 2n])).toEqual([0n, 0n]);
    expect(largestRemainder(12_345n, [7n])).toEqual([12_345n]);
  });

  it('refuses negative totals, negative weights and weights that are all zero', () => {
    expect(() => largestRemainder(-1n, [1n])).toThrow(RangeError);
    expect(() => largestRemainder(10n, [1n, -1n])).toThrow(/negative/);
    expect(() => largestRemainder(10n, [Rational.of(-1, 2), 1n])).toThrow(/negative/);
    expect(() => largestRemainder(10n, [0n, 0n])).toThrow(/every weight is zero/);
    expect(() => largestRemainder(10n, [])).toThrow(/every weight is zero/);
  });

  it('always adds up exactly to the total, each share within a cent of its exact quota', () => {
    fc.assert(
      fc.property(total, weightList, (totalCents, weights) => {
        const shares = largestRemainder(totalCents, weights);
        const sum = weights.reduce((a, b) => a + b, 0n);
        expect(shares.reduce((a, b) => a + b, 0n)).toBe(totalCents);
        shares.forEach((share, index) => {
          const exact = totalCents * weights[index];
          expect(share * sum <= exact + sum - 1n && share * sum >= exact - sum + 1n).toBe(true);
        });
      }),
    );
  });

  it('agrees with an independent reference implementation', () => {
    fc.assert(
      fc.property(total, weightList, (totalCents, weights) =>
        expect(largestRemainder(totalCents, weights)).toEqual(referenceSplit(totalCents, weights)),
      ),
    );
  });

  it('never gives a zero weight anything and never gives a larger weight less', () => {
    fc.assert(
      fc.property(total, weightList, (totalCents, weights) => {
        const shares = largestRemainder(totalCents, weights);
        weights.forEach((weight, i) => {
          if (weight === 0n) expect(shares[i]).toBe(0n);
          weights.forEach((other, j) => {
            if (weight > other) expect(shares[i] >= shares[j]).toBe(true);
          });
        });
      }),
    );
  });

  it('depends only on the proportions: fractions with a common factor give the same split', () => {
    fc.assert(
      fc.property(total, weightList, fc.bigInt(1n, 1_000n), fc.bigInt(1n, 1_000n), (totalCents, weights, num, den) => {
        const scaled = weights.map((weight) => Rational.of(weight * num, den));
        expect(largestRemainder(totalCents, scaled)).toEqual(largestRemainder(totalCents, weights));
      }),
    );
  });
});
