// The pure decision methods over 100,000 individual (not aggregated) ballots with fractional college
// weights, 10 options: milliseconds per decision, best of three.
// Usage: node --import ./scripts/register-ts.mjs bench/decision.bench.ts
import { Rational } from '@commons/core';
import { decide, type DecisionMethod, type WeightedBallot } from '../libs/voting/src/methods/index.js';
import { writeResult } from './support.js';

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

const options = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((label) => ({ id: `option-${label}`, label }));
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

const ranked = manyBallots(false);
const scored = manyBallots(true);
const cases: [DecisionMethod, number, WeightedBallot[]][] = [
  ['RANKED_CHOICE', 1, ranked],
  ['RANKED_CHOICE', 3, ranked],
  ['SCHULZE', 3, ranked],
  ['APPROVAL', 3, ranked],
  ['SCORE', 3, scored],
];

const rows: Array<Record<string, unknown>> = [];
for (const [method, seats, ballots] of cases) {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const result = decide(method, { options, ballots, seats });
    fastest = Math.min(fastest, performance.now() - started);
    if (result.winners.length !== seats) throw new Error(`${method} elected ${result.winners.length} of ${seats}`);
  }
  rows.push({ method, seats, ballots: ballots.length, milliseconds: Math.round(fastest) });
  console.log(`${method.padEnd(14)} ${seats} seat(s), ${ballots.length} ballots: ${Math.round(fastest)} ms`);
}
writeResult('decision', { rows });
