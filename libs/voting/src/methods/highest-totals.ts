import type { Rational } from '@commons/core';
import { unitsToVotes, type PreparedBallots } from './ballots.js';
import { emptySeatsNote, formatVotes, listLabels } from './tie-break.js';
import { MAX_SCORE, type DecisionOption, type DecisionResult } from './types.js';

/**
 * Elects the `seats` options with the highest totals, among options with a positive total; ties for
 * the last seats go to the options listed earlier in the proposal, and the notes say so.
 */
export function electHighest(options: readonly DecisionOption[], totals: readonly Rational[], seats: number, noun: string): DecisionResult {
  const results = options.map((option, index) => ({ optionId: option.id, votes: totals[index] }));
  const supported = options
    .map((_, index) => index)
    .filter((index) => !totals[index].isZero())
    .sort((a, b) => totals[b].cmp(totals[a]) || a - b);
  const elected = supported.slice(0, seats);
  const notes: string[] = [];
  if (supported.length === 0) {
    notes.push(`No option received any ${noun}, so nothing is elected.`);
  } else if (supported.length < seats) {
    notes.push(emptySeatsNote(supported.length, seats, `received any ${noun}`));
  } else {
    const lastTotal = totals[elected[elected.length - 1]];
    const tiedOut = supported.slice(seats).filter((index) => totals[index].eq(lastTotal));
    if (tiedOut.length > 0) {
      const tiedIn = elected.filter((index) => totals[index].eq(lastTotal));
      const seatWords = tiedIn.length === 1 ? 'the last seat' : `the last ${tiedIn.length} seats`;
      notes.push(
        `${listLabels(options, [...tiedIn, ...tiedOut])} tied with ${formatVotes(lastTotal)} ${noun} for ${seatWords}; ` +
          `${listLabels(options, tiedIn)} ${tiedIn.length === 1 ? 'was' : 'were'} elected as listed earlier in the proposal.`,
      );
    }
  }
  return { results, winners: elected.map((index) => options[index].id), passed: elected.length > 0, notes };
}

/** APPROVAL: each ballot adds its weight to every option it approves; the most approved win. */
export function decideApproval(options: readonly DecisionOption[], prepared: PreparedBallots, seats: number): DecisionResult {
  const units = options.map(() => 0n);
  for (const ballot of prepared.ballots) for (const option of ballot.choice) units[option] += ballot.units;
  const totals = units.map((sum) => unitsToVotes(sum, prepared.scale));
  return electHighest(options, totals, seats, 'approvals');
}

/** SCORE: each option's total of weight x score (unscored options get 0); the highest totals win. */
export function decideScore(options: readonly DecisionOption[], prepared: PreparedBallots, seats: number): DecisionResult {
  // Weight per option and score, multiplied out once at the end rather than per ballot.
  const byScore = new Array<bigint>(options.length * (MAX_SCORE + 1)).fill(0n);
  for (const { choice, scores, units } of prepared.ballots) {
    const given = scores ?? [];
    for (let rank = 0; rank < choice.length; rank++) byScore[choice[rank] * (MAX_SCORE + 1) + given[rank]] += units;
  }
  const totals = options.map((_, option) => {
    let points = 0n;
    for (let score = 1; score <= MAX_SCORE; score++) points += BigInt(score) * byScore[option * (MAX_SCORE + 1) + score];
    return unitsToVotes(points, prepared.scale);
  });
  return electHighest(options, totals, seats, 'points');
}
