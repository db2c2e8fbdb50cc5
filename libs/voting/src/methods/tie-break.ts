import type { Rational } from '@commons/core';
import type { DecisionOption } from './types.js';

/** The published tie-break rule; the API repeats it in its schema documentation. */
export const TIE_BREAK_RULE =
  'Ties are broken by fixed rules, and every tie-break that decides an outcome is explained in the ' +
  "result's notes. MAJORITY and SUPERMAJORITY: FOR equal to AGAINST never passes. RANKED_CHOICE: when " +
  'options are tied for fewest votes, the one with fewer votes in the earliest round in which their ' +
  'counts differed is eliminated; if their counts were equal in every round, the one listed later in ' +
  'the proposal is eliminated. Options with no votes at all are eliminated together, which cannot ' +
  'change the outcome. APPROVAL and SCORE: when options are tied for the last seat, the one listed ' +
  'earlier in the proposal wins. SCHULZE: options of which none beats another by beat-path strength ' +
  'are tied; when such a tie decides a seat, the one listed earlier in the proposal wins. An option ' +
  'nobody voted for is never elected, so a seat can stay empty.';

/** Which way a tie is being broken: who leaves the count, or who goes first. */
export type TieDirection = 'eliminate' | 'elect';

/** The option a tie-break picked, and why, in words for members. */
export interface TieBreak {
  chosen: number;
  reason: string;
}

/**
 * Breaks a tie between option indices using the counts of earlier rounds: the earliest round where
 * their counts differ decides (fewer votes is eliminated, more votes is elected first); when they
 * never differed, proposal order decides (later listed is eliminated, earlier listed elected first).
 */
export function breakTieByRounds(tied: readonly number[], history: readonly (readonly Rational[])[], direction: TieDirection): TieBreak {
  let remaining = [...tied];
  let decidingRound = -1;
  for (let round = 0; round < history.length && remaining.length > 1; round++) {
    const counts = history[round];
    let best = counts[remaining[0]];
    for (const option of remaining) {
      const better = direction === 'eliminate' ? counts[option].lt(best) : counts[option].gt(best);
      if (better) best = counts[option];
    }
    const narrowed = remaining.filter((option) => counts[option].eq(best));
    if (narrowed.length < remaining.length) {
      remaining = narrowed;
      decidingRound = round;
    }
  }
  if (remaining.length === 1) {
    const comparison = direction === 'eliminate' ? 'fewer' : 'more';
    return { chosen: remaining[0], reason: `it had ${comparison} votes in round ${decidingRound + 1}` };
  }
  return direction === 'eliminate'
    ? { chosen: Math.max(...remaining), reason: 'it is listed later in the proposal' }
    : { chosen: Math.min(...remaining), reason: 'it is listed earlier in the proposal' };
}

/** Labels of the given option indices joined for a sentence: "A", "A and B", "A, B and C". */
export function listLabels(options: readonly DecisionOption[], indices: readonly number[]): string {
  const labels = indices.map((index) => `"${options[index].label}"`);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** A vote count for a sentence: whole numbers as they are, fractions to three decimals. */
export function formatVotes(votes: Rational): string {
  if (votes.den === 1n) return votes.num.toString();
  return votes.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}

/** "1 option", "3 options". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The sentence for seats left empty because too few options had any support. */
export function emptySeatsNote(filled: number, seats: number, support: string): string {
  const empty = seats - filled;
  return `Only ${plural(filled, 'option')} ${support}, so ${plural(empty, 'seat')} ${empty === 1 ? 'stays' : 'stay'} empty.`;
}
