import { Rational } from '@commons/core';
import { optionsLabelled } from './ballot-fixtures.js';
import { decide } from './decide.js';
import type { DecisionMethod, WeightedBallot } from './types.js';

/** Deterministic pseudo-random numbers (mulberry32), so the workload is the same on every run. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const options = optionsLabelled(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']);
// Three voting colleges: members' weights are the college's weight over its membership.
const collegeWeights = [
  Rational.of(1, 3).div(Rational.of(41)),
  Rational.of(1, 3).div(Rational.of(7)),
  Rational.of(1, 3).div(Rational.of(113)),
];

/** 100,000 individual (not aggregated) ballots: random partial rankings, with scores for SCORE. */
function manyBallots(withScores: boolean): WeightedBallot[] {
  const random = randomSource(2024);
  return Array.from({ length: 100_000 }, () => {
    const ids = options.map((option) => option.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    const optionIds = ids.slice(0, 1 + Math.floor(random() * ids.length));
    const scores = withScores ? optionIds.map(() => Math.floor(random() * 6)) : undefined;
    return { optionIds, scores, weight: collegeWeights[Math.floor(random() * collegeWeights.length)] };
  });
}

describe('decision performance', () => {
  const ranked = manyBallots(false);
  const scored = manyBallots(true);
  const cases: [DecisionMethod, number, WeightedBallot[]][] = [
    ['RANKED_CHOICE', 1, ranked],
    ['RANKED_CHOICE', 3, ranked],
    ['SCHULZE', 3, ranked],
    ['APPROVAL', 3, ranked],
    ['SCORE', 3, scored],
  ];

  it.each(cases)('decides %s (%i seats) over 100,000 individual ballots in well under a second', (method, seats, ballots) => {
    // Best of three, so a busy shared machine or a cold JIT does not decide the outcome.
    let fastest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const result = decide(method, { options, ballots, seats });
      fastest = Math.min(fastest, performance.now() - started);
      expect(result.winners).toHaveLength(seats);
    }
    expect(fastest).toBeLessThan(1000);
  });
});
