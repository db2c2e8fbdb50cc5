import { Rational } from '@commons/core';
import fc from 'fast-check';
import { optionsLabelled } from './ballot-fixtures.js';
import type { PreparedBallots } from './ballots.js';
import { decide, decidePrepared } from './decide.js';
import type { DecisionInput, DecisionMethod, DecisionOption, WeightedBallot } from './types.js';

const MULTI_OPTION_METHODS: DecisionMethod[] = ['APPROVAL', 'RANKED_CHOICE', 'SCHULZE', 'SCORE'];
const ALL_METHODS: DecisionMethod[] = ['MAJORITY', 'SUPERMAJORITY', 'CONSENT', ...MULTI_OPTION_METHODS];

const weight = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(1, 1, 2, 3, 7, 12)).map(([num, den]) => Rational.of(num, den));

function labelsFor(method: DecisionMethod, count: number): string[] {
  if (method === 'MAJORITY' || method === 'SUPERMAJORITY') return ['FOR', 'AGAINST', 'ABSTAIN'];
  if (method === 'CONSENT') return ['CONSENT', 'OBJECT', 'STAND_ASIDE'];
  return ['A', 'B', 'C', 'D', 'E', 'F'].slice(0, count);
}

function choiceFor(method: DecisionMethod, ids: string[]): fc.Arbitrary<Pick<WeightedBallot, 'optionIds' | 'scores'>> {
  switch (method) {
    case 'MAJORITY':
    case 'SUPERMAJORITY':
    case 'CONSENT':
      return fc.constantFrom(...ids).map((id) => ({ optionIds: [id] }));
    case 'APPROVAL':
      return fc.subarray(ids).map((optionIds) => ({ optionIds }));
    case 'SCORE':
      return fc
        .shuffledSubarray(ids)
        .chain((optionIds) =>
          fc
            .array(fc.integer({ min: 0, max: 5 }), { minLength: optionIds.length, maxLength: optionIds.length })
            .map((scores) => ({ optionIds, scores })),
        );
    default:
      // Rankings, possibly partial or blank, in any order.
      return fc.shuffledSubarray(ids).map((optionIds) => ({ optionIds }));
  }
}

/** A whole election for `method`: options, weighted ballots, seats and (when needed) a threshold. */
function election(method: DecisionMethod, maxBallots = 12): fc.Arbitrary<DecisionInput> {
  return fc.integer({ min: 2, max: 5 }).chain((count) => {
    const options = optionsLabelled(labelsFor(method, count));
    const ids = options.map((option) => option.id);
    const ballot = fc.tuple(choiceFor(method, ids), weight).map(([choice, ballotWeight]) => ({ ...choice, weight: ballotWeight }));
    return fc.record({
      options: fc.constant(options),
      ballots: fc.array(ballot, { maxLength: maxBallots }),
      seats: fc.integer({ min: 1, max: options.length }),
      threshold: fc.integer({ min: 5000, max: 9999 }).map((share) => `0.${share}`),
    });
  });
}

const totalWeight = (ballots: readonly WeightedBallot[]) => ballots.reduce((sum, ballot) => sum.add(ballot.weight), Rational.ZERO);
const sumOf = (values: readonly Rational[]) => values.reduce((sum, value) => sum.add(value), Rational.ZERO);

describe('decision properties', () => {
  it('never counts a ballot twice: every total matches the weight that went in', () => {
    for (const method of ALL_METHODS) {
      fc.assert(
        fc.property(election(method), (input) => {
          const result = decide(method, input);
          const votes = result.results.map((entry) => entry.votes);
          const all = totalWeight(input.ballots);
          const ranked = totalWeight(input.ballots.filter((ballot) => ballot.optionIds.length > 0));
          if (method === 'APPROVAL') {
            const approvals = input.ballots.map((ballot) => ballot.weight.mul(Rational.of(ballot.optionIds.length)));
            expect(sumOf(votes)).toEqual(sumOf(approvals));
          } else if (method === 'SCORE') {
            const points = input.ballots.map((ballot) => ballot.weight.mul(Rational.of((ballot.scores ?? []).reduce((a, b) => a + b, 0))));
            expect(sumOf(votes)).toEqual(sumOf(points));
          } else if (method === 'RANKED_CHOICE' || method === 'SCHULZE') {
            expect(sumOf(votes)).toEqual(ranked);
          } else {
            expect(sumOf(votes)).toEqual(all);
          }
          // Every round of a ranked count holds each ballot once: with an option, or exhausted.
          (result.rounds ?? []).forEach((round, index) => {
            expect(sumOf(round.map((entry) => entry.votes)).add(result.exhausted?.[index] ?? Rational.ZERO)).toEqual(all);
          });
          // Each pair of options splits a ballot's weight at most once between its two directions.
          const preferences = result.schulze?.preferences ?? [];
          preferences.forEach((row, i) => row.forEach((_, j) => expect(row[j].add(preferences[j][i]).lte(ranked)).toBe(true)));
        }),
        { numRuns: 60 },
      );
    }
  });

  it('elects at most `seats` distinct options, each with some support', () => {
    for (const method of MULTI_OPTION_METHODS) {
      fc.assert(
        fc.property(election(method), (input) => {
          const result = decide(method, input);
          expect(result.winners.length).toBeLessThanOrEqual(input.seats ?? 1);
          expect(new Set(result.winners).size).toBe(result.winners.length);
          for (const winner of result.winners) {
            expect(input.ballots.some((ballot) => ballot.optionIds.includes(winner))).toBe(true);
          }
          expect(result.passed).toBe(result.winners.length > 0);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('gives the same result whatever the order of the ballots', () => {
    for (const method of ALL_METHODS) {
      const shuffled = election(method).chain((input) =>
        fc
          .shuffledSubarray([...input.ballots], { minLength: input.ballots.length, maxLength: input.ballots.length })
          .map((ballots) => [input, { ...input, ballots }] as const),
      );
      fc.assert(
        fc.property(shuffled, ([input, permuted]) => {
          const expected = decide(method, input);
          expect(decide(method, permuted)).toEqual(expected);
          expect(decidePrepared(method, permuted, unmerged(permuted))).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('gives the same result when one weighted ballot is split into two with the same choice', () => {
    for (const method of ALL_METHODS) {
      const split = election(method)
        .filter((input) => input.ballots.length > 0)
        .chain((input) =>
          fc
            .tuple(fc.nat({ max: input.ballots.length - 1 }), fc.integer({ min: 1, max: 9 }), fc.nat({ max: input.ballots.length }))
            .map(([which, tenths, where]) => {
              const original = input.ballots[which];
              const part = original.weight.mul(Rational.of(tenths, 10));
              const rest = input.ballots.filter((_, index) => index !== which);
              rest.splice(
                Math.min(where, rest.length),
                0,
                { ...original, weight: part },
                { ...original, weight: original.weight.sub(part) },
              );
              return [input, { ...input, ballots: rest }] as const;
            }),
        );
      fc.assert(
        fc.property(split, ([input, divided]) => {
          const expected = decide(method, input);
          expect(decide(method, divided)).toEqual(expected);
          // Also count the two halves as separate parcels, as `decide` would merge them first.
          expect(decidePrepared(method, divided, unmerged(divided))).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('never turns a passing MAJORITY or SUPERMAJORITY into a failing one by adding a FOR vote', () => {
    for (const method of ['MAJORITY', 'SUPERMAJORITY'] as const) {
      fc.assert(
        fc.property(election(method, 20), weight, (input, extra) => {
          const before = decide(method, input);
          const more = [...input.ballots, { optionIds: ['id-for'], weight: extra }];
          const after = decide(method, { ...input, ballots: more });
          if (before.passed) expect(after.passed).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('always elects the Condorcet winner under SCHULZE when there is one', () => {
    let elections = 0;
    let withCondorcetWinner = 0;
    fc.assert(
      fc.property(election('SCHULZE', 9), (input) => {
        elections++;
        const winner = condorcetWinner(input.options, input.ballots);
        if (winner === null) return;
        withCondorcetWinner++;
        expect(decide('SCHULZE', { ...input, seats: 1 }).winners).toEqual([winner]);
      }),
      { numRuns: 300 },
    );
    // The property must not hold vacuously.
    expect(withCondorcetWinner).toBeGreaterThan(elections / 10);
  });
});

/** Counting form without merging identical ballots, so each generated ballot stays its own parcel. */
function unmerged(input: DecisionInput): PreparedBallots {
  const scale = input.ballots.reduce((lcm, ballot) => (lcm * ballot.weight.den) / gcd(lcm, ballot.weight.den), 1n);
  const index = new Map(input.options.map((option, position) => [option.id, position]));
  return {
    scale,
    ballots: input.ballots.map((ballot) => ({
      choice: ballot.optionIds.map((id) => index.get(id) as number),
      scores: ballot.scores ? [...ballot.scores] : null,
      units: ballot.weight.num * (scale / ballot.weight.den),
    })),
  };
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** A naive, independent pairwise count: the option beating every other head to head, if any. */
function condorcetWinner(options: readonly DecisionOption[], ballots: readonly WeightedBallot[]): string | null {
  const rank = (ballot: WeightedBallot, id: string) => {
    const position = ballot.optionIds.indexOf(id);
    return position < 0 ? Number.POSITIVE_INFINITY : position;
  };
  const prefer = (a: string, b: string) =>
    ballots.filter((ballot) => rank(ballot, a) < rank(ballot, b)).reduce((sum, ballot) => sum.add(ballot.weight), Rational.ZERO);
  const winner = options.find((option) =>
    options.every((other) => other.id === option.id || prefer(option.id, other.id).gt(prefer(other.id, option.id))),
  );
  return winner?.id ?? null;
}
