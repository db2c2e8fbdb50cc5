import type { PatronageRefund, SurplusSplit } from '../split/index.js';
import { ACCOUNTS, cashPayableAccount, memberCapitalAccount } from './accounts.js';
import { type Posting, type PostingLine, credit, debit } from './posting.js';

/** What an entry recorded during the period is (the API's EntryKind). */
export type EntryKind = 'REVENUE' | 'EXPENSE';

/**
 * The posting for revenue or an expense recorded during the period, against the bank account:
 * revenue is `Dr bank / Cr revenue`, an expense `Dr expenses / Cr bank`.
 */
export function entryPosting(kind: EntryKind, amountCents: bigint, memo: string): Posting {
  if (amountCents <= 0n) throw new RangeError(`An entry must be a positive amount (${amountCents} cents)`);
  const lines =
    kind === 'REVENUE'
      ? [debit(ACCOUNTS.bank, amountCents), credit(ACCOUNTS.revenue, amountCents)]
      : [debit(ACCOUNTS.expenses, amountCents), credit(ACCOUNTS.bank, amountCents)];
  return { memo, lines };
}

/**
 * Closes the period's revenue and expenses into the surplus account, in one posting: `Dr revenue`,
 * `Cr expenses`, and the difference to `surplus` (a credit for a surplus, a debit for a loss). Lines of
 * zero are left out; with no revenue and no expenses there is nothing to close and the list is empty.
 */
export function closePeriodPostings(revenueCents: bigint, expenseCents: bigint, period = ''): Posting[] {
  if (revenueCents < 0n || expenseCents < 0n) throw new RangeError('Revenue and expenses are closed as non-negative totals');
  const result = revenueCents - expenseCents;
  const lines = nonZero([
    debit(ACCOUNTS.revenue, revenueCents),
    result < 0n ? debit(ACCOUNTS.surplus, -result) : credit(ACCOUNTS.surplus, result),
    credit(ACCOUNTS.expenses, expenseCents),
  ]);
  return lines.length === 0 ? [] : [{ memo: memo(period, 'Close revenue and expenses into the surplus'), lines }];
}

/**
 * The postings that execute an approved distribution:
 * 1. `Dr surplus` for the whole surplus, `Cr reserve`, `education`, `commons` and `patronage_payable`;
 * 2. `Dr patronage_payable` for the pool, `Cr member_capital:<id>` with each retained part and
 *    `Cr cash_payable:<id>` with each cash part (only when there is a pool).
 * Zero lines are left out. Throws a RangeError when the refunds do not add up to the split's patronage
 * share, a refund's parts do not add up to it, or a member appears twice.
 */
export function distributionPostings(split: SurplusSplit, refunds: readonly PatronageRefund[], period = ''): Posting[] {
  const total = split.reserve + split.education + split.commons + split.patronage;
  if ([split.reserve, split.education, split.commons, split.patronage].some((share) => share < 0n) || total <= 0n) {
    throw new RangeError('A distribution splits a positive surplus into non-negative shares');
  }
  const postings: Posting[] = [
    {
      memo: memo(period, 'Distribute the surplus'),
      lines: nonZero([
        debit(ACCOUNTS.surplus, total),
        credit(ACCOUNTS.reserve, split.reserve),
        credit(ACCOUNTS.education, split.education),
        credit(ACCOUNTS.commons, split.commons),
        credit(ACCOUNTS.patronagePayable, split.patronage),
      ]),
    },
  ];
  checkRefunds(split.patronage, refunds);
  if (split.patronage > 0n) {
    const lines: PostingLine[] = [debit(ACCOUNTS.patronagePayable, split.patronage)];
    for (const refund of refunds) {
      if (refund.retained > 0n) lines.push(credit(memberCapitalAccount(refund.memberId), refund.retained));
      if (refund.cash > 0n) lines.push(credit(cashPayableAccount(refund.memberId), refund.cash));
    }
    postings.push({ memo: memo(period, 'Allocate patronage refunds to members'), lines });
  }
  return postings;
}

function checkRefunds(poolCents: bigint, refunds: readonly PatronageRefund[]): void {
  const seen = new Set<string>();
  let sum = 0n;
  for (const refund of refunds) {
    if (seen.has(refund.memberId)) throw new RangeError(`Member ${refund.memberId} has two refunds`);
    seen.add(refund.memberId);
    if (refund.cash < 0n || refund.retained < 0n || refund.cash + refund.retained !== refund.refund) {
      throw new RangeError(`The refund of member ${refund.memberId} is not its cash plus its retained part`);
    }
    sum += refund.refund;
  }
  if (sum !== poolCents) throw new RangeError(`Refunds add up to ${sum} cents, not the patronage share of ${poolCents}`);
}

function nonZero(lines: PostingLine[]): PostingLine[] {
  return lines.filter((line) => line.debit !== 0n || line.credit !== 0n);
}

function memo(period: string, what: string): string {
  return period ? `${period}: ${what}` : what;
}
