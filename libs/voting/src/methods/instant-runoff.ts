import { Rational } from '@commons/core';
import type { PreparedBallots } from './ballots.js';
import { chooseEliminated, RankedCount } from './ranked-count.js';
import type { DecisionOption, DecisionResult, OptionVotes } from './types.js';

/**
 * RANKED_CHOICE with one seat: instant-runoff voting. Each round counts every ballot for its
 * highest-ranked option still in the count (ballots with none left are exhausted); an option with
 * more than half of the votes still counting wins, otherwise the option with fewest votes is
 * eliminated. `results` holds first preferences; `rounds` lists the options still in each round.
 */
export function decideInstantRunoff(options: readonly DecisionOption[], prepared: PreparedBallots): DecisionResult {
  const count = new RankedCount(options.length, prepared);
  const rounds: OptionVotes[][] = [];
  const exhausted: Rational[] = [];
  const notes: string[] = [];
  let winner: number | null = null;
  for (;;) {
    const tallies = count.countRound();
    const candidates = count.continuing();
    rounds.push(candidates.map((option) => ({ optionId: options[option].id, votes: tallies[option] })));
    exhausted.push(count.exhausted());
    const total = candidates.reduce((sum, option) => sum.add(tallies[option]), Rational.ZERO);
    if (total.isZero()) {
      notes.push('No ballot ranked any option, so nothing is elected.');
      break;
    }
    const leader = candidates.reduce((best, option) => (tallies[option].gt(tallies[best]) ? option : best));
    if (tallies[leader].add(tallies[leader]).gt(total)) {
      winner = leader;
      break;
    }
    const { eliminated, note } = chooseEliminated(options, count, candidates, tallies);
    if (note) notes.push(note);
    for (const option of eliminated) count.withdraw(option);
    for (const option of eliminated) count.transfer(option, Rational.ONE);
  }
  return {
    results: options.map((option, index) => ({ optionId: option.id, votes: count.history[0][index] })),
    rounds,
    exhausted,
    winners: winner === null ? [] : [options[winner].id],
    passed: winner !== null,
    notes,
  };
}
