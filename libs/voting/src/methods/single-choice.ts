import { Rational } from '@commons/core';
import { unitsToVotes, type PreparedBallots } from './ballots.js';
import { formatVotes } from './tie-break.js';
import type { DecisionOption, DecisionResult } from './types.js';

/**
 * MAJORITY: passes when FOR is more than `threshold` (default one half) of FOR + AGAINST, so with the
 * default FOR must strictly exceed AGAINST. ABSTAIN only counts toward quorum, which the caller applies.
 */
export function decideMajority(
  options: readonly DecisionOption[],
  prepared: PreparedBallots,
  threshold: Rational = Rational.of(1, 2),
): DecisionResult {
  return decideForAgainst(options, prepared, (favour, cast) => favour.gt(threshold.mul(cast)));
}

/** SUPERMAJORITY: passes when FOR / (FOR + AGAINST) is at least `threshold`; no FOR and no AGAINST does not pass. */
export function decideSupermajority(options: readonly DecisionOption[], prepared: PreparedBallots, threshold: Rational): DecisionResult {
  // Compared as FOR >= threshold x (FOR + AGAINST): exact, and no division by zero.
  return decideForAgainst(options, prepared, (favour, cast) => favour.gte(threshold.mul(cast)));
}

/** CONSENT: passes when someone took part and nobody objected; standing aside does not block. */
export function decideConsent(options: readonly DecisionOption[], prepared: PreparedBallots): DecisionResult {
  const results = totals(options, prepared);
  const { favour: consent, against: objections } = pick(options, results, 'CONSENT', 'OBJECT');
  const participation = results.reduce((sum, result) => sum.add(result.votes), Rational.ZERO);
  const notes: string[] = [];
  if (participation.isZero()) notes.push('Nobody took part, so the proposal does not pass.');
  else if (!objections.isZero()) notes.push(`There were objections (${formatVotes(objections)}), which block the proposal.`);
  else if (consent.isZero()) notes.push('Nobody objected, though everyone who took part stood aside.');
  const passed = !participation.isZero() && objections.isZero();
  return { results, winners: [], passed, notes };
}

function decideForAgainst(
  options: readonly DecisionOption[],
  prepared: PreparedBallots,
  passes: (favour: Rational, cast: Rational) => boolean,
): DecisionResult {
  const results = totals(options, prepared);
  const { favour, against } = pick(options, results, 'FOR', 'AGAINST');
  const cast = favour.add(against);
  const notes: string[] = [];
  if (cast.isZero()) notes.push('No FOR or AGAINST votes were cast, so the proposal does not pass.');
  else if (favour.eq(against)) notes.push(`FOR and AGAINST are tied at ${formatVotes(favour)}; a tie does not pass.`);
  // A tie never passes, whatever the threshold (a threshold of 0.5 "at least" would otherwise let it).
  const passed = !cast.isZero() && !favour.eq(against) && passes(favour, cast);
  return { results, winners: [], passed, notes };
}

function totals(options: readonly DecisionOption[], prepared: PreparedBallots): DecisionResult['results'] {
  const units = options.map(() => 0n);
  for (const ballot of prepared.ballots) units[ballot.choice[0]] += ballot.units;
  return options.map((option, index) => ({ optionId: option.id, votes: unitsToVotes(units[index], prepared.scale) }));
}

function pick(
  options: readonly DecisionOption[],
  results: DecisionResult['results'],
  favourLabel: string,
  againstLabel: string,
): { favour: Rational; against: Rational } {
  const votesOf = (label: string) => results[options.findIndex((option) => option.label === label)].votes;
  return { favour: votesOf(favourLabel), against: votesOf(againstLabel) };
}
