import { Rational } from '@commons/core';
import type { PreparedBallots } from './ballots.js';
import { breakTieByRounds, formatVotes, listLabels } from './tie-break.js';
import type { DecisionOption } from './types.js';

/** Identical ballots sitting with one option of their ranking, worth `value` votes between them. */
interface Parcel {
  choice: readonly number[];
  position: number;
  value: Rational;
}

/** Adds many fractions cheaply: numerators are summed per denominator, fractions combined once. */
export class RationalSum {
  private readonly numerators = new Map<bigint, bigint>();

  add(value: Rational): void {
    this.numerators.set(value.den, (this.numerators.get(value.den) ?? 0n) + value.num);
  }

  value(): Rational {
    let sum = Rational.ZERO;
    for (const [den, num] of this.numerators) sum = sum.add(Rational.of(num, den));
    return sum;
  }
}

/**
 * The piles of a ranked count (instant runoff or STV). Each parcel sits with its highest-ranked option
 * still in the count; parcels with none left are exhausted. Options leave the count by `withdraw`,
 * and their pile moves on by `transfer`. `history` keeps every round's counts for tie-breaks.
 */
export class RankedCount {
  readonly inCount: boolean[];
  readonly history: Rational[][] = [];
  private readonly piles: Parcel[][];
  private readonly pileSums: RationalSum[];
  private readonly exhaustedSum = new RationalSum();
  private readonly scale: Rational;

  // Parcel values are kept in units of 1 / scale (whole numbers until a surplus is split), which
  // keeps the fractions small; counts are converted to votes when reported.
  constructor(optionCount: number, prepared: PreparedBallots) {
    this.scale = Rational.of(prepared.scale);
    this.inCount = Array.from({ length: optionCount }, () => true);
    this.piles = Array.from({ length: optionCount }, () => []);
    this.pileSums = Array.from({ length: optionCount }, () => new RationalSum());
    for (const ballot of prepared.ballots) {
      this.place({ choice: ballot.choice, position: 0, value: Rational.of(ballot.units) });
    }
  }

  /** The options still in the count, in proposal order. */
  continuing(): number[] {
    return this.inCount.flatMap((inCount, option) => (inCount ? [option] : []));
  }

  /** Counts each option's pile and records the round; options out of the count have 0. */
  countRound(): Rational[] {
    const tallies = this.pileSums.map((sum) => sum.value().div(this.scale));
    this.history.push(tallies);
    return tallies;
  }

  /** Weight of the ballots with no option left in the count. */
  exhausted(): Rational {
    return this.exhaustedSum.value().div(this.scale);
  }

  /** Takes an option out of the count (elected or eliminated); its pile stays until transferred. */
  withdraw(option: number): void {
    this.inCount[option] = false;
  }

  /** Moves a withdrawn option's pile to each parcel's next choice, each parcel's value times `factor`. */
  transfer(option: number, factor: Rational): void {
    const pile = this.piles[option];
    this.piles[option] = [];
    this.pileSums[option] = new RationalSum();
    if (factor.isZero()) return;
    for (const parcel of pile) {
      const value = factor.eq(Rational.ONE) ? parcel.value : parcel.value.mul(factor);
      this.place({ choice: parcel.choice, position: parcel.position + 1, value });
    }
  }

  private place(parcel: Parcel): void {
    let { position } = parcel;
    while (position < parcel.choice.length && !this.inCount[parcel.choice[position]]) position++;
    if (position === parcel.choice.length) {
      this.exhaustedSum.add(parcel.value);
      return;
    }
    const option = parcel.choice[position];
    this.piles[option].push({ ...parcel, position });
    this.pileSums[option].add(parcel.value);
  }
}

/**
 * Picks who leaves the count this round: every option without votes at once (harmless: they hold no
 * ballots), otherwise the option with fewest votes, ties broken by earlier rounds then proposal order.
 */
export function chooseEliminated(
  options: readonly DecisionOption[],
  count: RankedCount,
  candidates: readonly number[],
  tallies: readonly Rational[],
): { eliminated: number[]; note: string | null } {
  const round = count.history.length;
  const without = candidates.filter((option) => tallies[option].isZero());
  if (without.length > 0) {
    const note = without.length > 1 ? `Round ${round}: ${listLabels(options, without)} had no votes and were eliminated together.` : null;
    return { eliminated: without, note };
  }
  const fewest = candidates.reduce((low, option) => (tallies[option].lt(low) ? tallies[option] : low), tallies[candidates[0]]);
  const tied = candidates.filter((option) => tallies[option].eq(fewest));
  if (tied.length === 1) return { eliminated: tied, note: null };
  const { chosen, reason } = breakTieByRounds(tied, count.history, 'eliminate');
  const note =
    `Round ${round}: ${listLabels(options, tied)} were tied for fewest votes (${formatVotes(fewest)}); ` +
    `${listLabels(options, [chosen])} was eliminated because ${reason}.`;
  return { eliminated: [chosen], note };
}
