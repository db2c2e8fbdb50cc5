import { Rational } from '@commons/core';
import { unitsToVotes, type PreparedBallots } from './ballots.js';
import { chooseEliminated, RankedCount } from './ranked-count.js';
import { emptySeatsNote, formatVotes, listLabels } from './tie-break.js';
import type { DecisionOption, DecisionResult, OptionVotes } from './types.js';

/**
 * RANKED_CHOICE with several seats: single transferable vote. Quota (Droop), over the weight of
 * ballots ranking at least one option: when that weight is a whole number, floor(valid / (seats + 1))
 * + 1, reached at or above it; otherwise the exact Droop quota valid / (seats + 1), reached only
 * above it. Either way at most `seats` options can reach it. An option reaching the quota is elected
 * and keeps exactly the quota; its surplus moves on by the Gregory method (every ballot on its pile
 * passes on at value x surplus / its votes, exact). When nobody reaches the quota the option with
 * fewest votes is eliminated; when the options left equal the seats left, those with votes are
 * elected. `rounds` lists, per round, the options still in the count and those elected (at the
 * value they keep); `results` holds first preferences.
 */
export function decideSingleTransferableVote(options: readonly DecisionOption[], prepared: PreparedBallots, seats: number): DecisionResult {
  const valid = unitsToVotes(
    prepared.ballots.reduce((sum, ballot) => (ballot.choice.length > 0 ? sum + ballot.units : sum), 0n),
    prepared.scale,
  );
  const { quota, reaches, explanation } = droopQuota(valid, seats);
  const count = new RankedCount(options.length, prepared);
  const kept = new Map<number, Rational>();
  const elected: number[] = [];
  const rounds: OptionVotes[][] = [];
  const exhausted: Rational[] = [];
  const notes = [explanation];
  while (elected.length < seats) {
    const tallies = count.countRound();
    const candidates = count.continuing();
    rounds.push(
      options.flatMap((option, index) => {
        const votes = count.inCount[index] ? tallies[index] : kept.get(index);
        return votes === undefined ? [] : [{ optionId: option.id, votes }];
      }),
    );
    exhausted.push(count.exhausted());

    const reached = candidates.filter((option) => reaches(tallies[option])).sort(byVotes(tallies));
    for (const option of reached) {
      count.withdraw(option);
      elected.push(option);
      kept.set(option, tallies[option].min(quota));
    }
    const left = candidates.filter((option) => count.inCount[option]);
    const seatsLeft = seats - elected.length;
    if (seatsLeft === 0) break;
    if (reached.length > 0) {
      // Parcels never return to an elected option, so simultaneous surpluses can move in any order.
      for (const option of reached) {
        const surplus = tallies[option].sub(quota);
        count.transfer(option, surplus.gt(Rational.ZERO) ? surplus.div(tallies[option]) : Rational.ZERO);
      }
      continue;
    }
    if (left.length <= seatsLeft || left.every((option) => tallies[option].isZero())) {
      const filling = left.filter((option) => !tallies[option].isZero()).sort(byVotes(tallies));
      elected.push(...filling);
      if (filling.length > 0) {
        notes.push(
          `${listLabels(options, filling)} ${filling.length === 1 ? 'is' : 'are'} elected without reaching the quota, ` +
            'as no more options were left in the count than seats to fill.',
        );
      }
      if (valid.isZero()) notes.push('No ballot ranked any option, so nothing is elected.');
      else if (elected.length < seats) {
        notes.push(emptySeatsNote(elected.length, seats, 'could be elected with the votes cast'));
      }
      break;
    }
    const { eliminated, note } = chooseEliminated(options, count, left, tallies);
    if (note) notes.push(note);
    for (const option of eliminated) count.withdraw(option);
    for (const option of eliminated) count.transfer(option, Rational.ONE);
  }
  return {
    results: options.map((option, index) => ({ optionId: option.id, votes: count.history[0][index] })),
    rounds,
    exhausted,
    quota,
    winners: elected.map((index) => options[index].id),
    passed: elected.length > 0,
    notes,
  };
}

function droopQuota(valid: Rational, seats: number): { quota: Rational; reaches: (votes: Rational) => boolean; explanation: string } {
  const divisor = BigInt(seats + 1);
  if (valid.den === 1n) {
    const quota = Rational.of(valid.num / divisor + 1n);
    return {
      quota,
      reaches: (votes) => votes.gte(quota),
      explanation: `The quota is ${formatVotes(quota)} votes (Droop: ${valid.num} valid votes / ${divisor}, rounded down, plus 1).`,
    };
  }
  const quota = valid.div(Rational.of(divisor));
  return {
    quota,
    reaches: (votes) => votes.gt(quota),
    explanation:
      `The quota is ${formatVotes(quota)} votes (exact Droop: ${formatVotes(valid)} valid votes / ${divisor}); ` +
      'an option is elected when its votes exceed it.',
  };
}

/** Most votes first, then proposal order: only the order of election depends on it, not who is elected. */
function byVotes(tallies: readonly Rational[]): (a: number, b: number) => number {
  return (a, b) => tallies[b].cmp(tallies[a]) || a - b;
}
