import { chartRank, compareText, controlAccountOf } from './accounts.js';
import { type Posting, assertBalanced } from './posting.js';

/** An account's net balance: at most one of `debit` and `credit` is positive; both zero for a closed account. */
export interface AccountBalance {
  account: string;
  debit: bigint;
  credit: bigint;
}

export interface LedgerReportOptions {
  /**
   * Report member sub-accounts under their control account (`member_capital`, `cash_payable`).
   * Defaults: off for `trialBalance` (every account as posted), on for `surplusFlows` (a picture, not a register).
   */
  rollUpMembers?: boolean;
}

/**
 * Each account's net balance over the postings, in chart order; accounts that net to zero are kept (an
 * auditor sees that revenue was closed). Every posting is checked first, so the debit and credit totals
 * always agree. With `rollUpMembers`, 100 000 members are two lines; per-member balances come from the
 * same call without it.
 */
export function trialBalance(postings: readonly Posting[], options: LedgerReportOptions = {}): AccountBalance[] {
  const net = new Map<string, bigint>();
  for (const posting of postings) {
    assertBalanced(posting);
    for (const line of posting.lines) {
      const account = options.rollUpMembers ? controlAccountOf(line.account) : line.account;
      net.set(account, (net.get(account) ?? 0n) + line.debit - line.credit);
    }
  }
  // Ranks are computed once per account, not per comparison: a detailed balance can have 200 000 member accounts.
  return [...net]
    .map(([account, balance]) => ({ account, balance, rank: chartRank(account) }))
    .sort((a, b) => a.rank - b.rank || compareText(a.account, b.account))
    .map(({ account, balance }) => ({ account, debit: balance > 0n ? balance : 0n, credit: balance < 0n ? -balance : 0n }));
}

/** The column totals of a trial balance; they are equal whenever the postings balance. */
export function trialBalanceTotals(balances: readonly AccountBalance[]): { debit: bigint; credit: bigint } {
  return balances.reduce((totals, row) => ({ debit: totals.debit + row.debit, credit: totals.credit + row.credit }), {
    debit: 0n,
    credit: 0n,
  });
}
