import { type PolicyProblem, checkPolicyPercent } from './allocation-policy.js';
import { apportion } from './largest-remainder.js';
import { percentOfCents } from './money.js';
import { InvalidAllocationPolicyError, InvalidPatronageError, NoPatronageRecordedError } from './surplus-errors.js';

/** The business a member did with the co-op in the period (hours, purchases…), as a decimal string. */
export interface MemberPatronage {
  memberId: string;
  patronage: string;
}

/** A member's patronage refund in cents: `cash + retained = refund`. */
export interface PatronageRefund {
  memberId: string;
  patronage: string;
  refund: bigint;
  /** Paid out in cash. */
  cash: bigint;
  /** Credited to the member's capital account. */
  retained: bigint;
}

const PATRONAGE_PATTERN = /^(\d+)(?:\.(\d+))?$/;

/**
 * Shares the patronage pool among members in proportion to their patronage, by largest remainder, so the
 * refunds add up exactly to the pool. A member with zero patronage gets nothing, and more patronage never
 * gets a smaller refund. A cent two members could equally claim goes to the one with more patronage, then
 * to the lower memberId (compared as text), so the result does not depend on the order of `members`.
 *
 * Each refund is then split: `cash = refund × patronageCashPercent / 100` rounded half up to the cent, and
 * `retained = refund − cash`, so the two always add up to the refund.
 *
 * Results come back in the order of `members`. A pool of zero gives everyone zero. A positive pool with no
 * patronage recorded at all throws NoPatronageRecordedError (CONFLICT) rather than going anywhere else.
 * Malformed or negative patronage, or a member listed twice, throws InvalidPatronageError (BAD_USER_INPUT).
 */
export function patronageRefunds(poolCents: bigint, members: readonly MemberPatronage[], patronageCashPercent: string): PatronageRefund[] {
  if (poolCents < 0n) throw new RangeError(`The patronage pool cannot be negative (${poolCents} cents)`);
  const problems: PolicyProblem[] = [];
  const cashBasisPoints = checkPolicyPercent('patronageCash', patronageCashPercent, problems);
  if (cashBasisPoints === undefined) throw new InvalidAllocationPolicyError(problems);

  const weights = patronageWeights(members);
  const byMemberId = members.map((_, index) => index).sort((a, b) => compareText(members[a].memberId, members[b].memberId));
  for (let rank = 1; rank < byMemberId.length; rank++) {
    const memberId = members[byMemberId[rank]].memberId;
    if (memberId === members[byMemberId[rank - 1]].memberId) throw new InvalidPatronageError(memberId, 'is listed twice');
  }

  const refunds = new Array<bigint>(members.length).fill(0n);
  if (poolCents > 0n) {
    if (!weights.some((weight) => weight > 0n)) throw new NoPatronageRecordedError();
    const shares = apportion(
      poolCents,
      byMemberId.map((index) => weights[index]),
    );
    byMemberId.forEach((index, rank) => (refunds[index] = shares[rank]));
  }

  return members.map(({ memberId, patronage }, index) => {
    const refund = refunds[index];
    const cash = percentOfCents(refund, cashBasisPoints);
    return { memberId, patronage, refund, cash, retained: refund - cash };
  });
}

/** Patronage as integers on one decimal scale, so proportions stay exact without fractions per member. */
function patronageWeights(members: readonly MemberPatronage[]): bigint[] {
  const parts: [string, string][] = [];
  let decimals = 0;
  for (const { memberId, patronage } of members) {
    const match = PATRONAGE_PATTERN.exec(patronage);
    if (!match) {
      const reason = /^-\d/.test(patronage) ? 'is negative' : `is not a decimal number: "${patronage}"`;
      throw new InvalidPatronageError(memberId, reason);
    }
    const fraction = (match[2] ?? '').replace(/0+$/, '');
    decimals = Math.max(decimals, fraction.length);
    parts.push([match[1], fraction]);
  }
  return parts.map(([whole, fraction]) => BigInt(whole + fraction.padEnd(decimals, '0')));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
