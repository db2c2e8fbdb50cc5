import { ACCOUNTS, controlAccountOf } from './accounts.js';
import type { LedgerReportOptions } from './trial-balance.js';
import { type Posting, assertBalanced } from './posting.js';

/** Cents that moved from one account to another, e.g. `surplus` → `reserve`. */
export interface SurplusFlow {
  from: string;
  to: string;
  amount: bigint;
}

/**
 * Where the year's result went, account to account: revenue into expenses and the surplus, the surplus into
 * each fund and `patronage_payable`, and that on to `member_capital` and `cash_payable`. Within a posting,
 * value flows from each debited account to each credited one; a posting must therefore have a single
 * debited or a single credited account (after rolling up). Postings that move money through `bank` are
 * skipped: they record cash coming and going, not where the surplus went.
 *
 * Opposite flows net out (a reversal cancels what it reverses) and flows of zero are left out; the order is
 * that in which each pair of accounts first appears. Member sub-accounts roll up into their control account
 * unless `rollUpMembers` is false, which gives the per-member detail.
 */
export function surplusFlows(postings: readonly Posting[], options: LedgerReportOptions = {}): SurplusFlow[] {
  const rollUp = options.rollUpMembers ?? true;
  const totals = new Map<string, { from: string; to: string; amount: bigint }>();
  for (const posting of postings) {
    assertBalanced(posting);
    if (posting.lines.some((line) => line.account === ACCOUNTS.bank)) continue;
    for (const flow of postingFlows(posting, rollUp)) {
      const forward = `${flow.from}\u0000${flow.to}`;
      const backward = `${flow.to}\u0000${flow.from}`;
      const existing = totals.get(forward) ?? totals.get(backward);
      if (existing === undefined) totals.set(forward, { ...flow });
      else existing.amount += existing.from === flow.from ? flow.amount : -flow.amount;
    }
  }
  return [...totals.values()]
    .filter((flow) => flow.amount !== 0n)
    .map((flow) => (flow.amount > 0n ? flow : { from: flow.to, to: flow.from, amount: -flow.amount }));
}

/** The flows of one posting, from its debited accounts to its credited ones. */
function postingFlows(posting: Posting, rollUp: boolean): SurplusFlow[] {
  const net = new Map<string, bigint>();
  for (const line of posting.lines) {
    const account = rollUp ? controlAccountOf(line.account) : line.account;
    net.set(account, (net.get(account) ?? 0n) + line.debit - line.credit);
  }
  const debited = [...net].filter(([, amount]) => amount > 0n);
  const credited = [...net].filter(([, amount]) => amount < 0n);
  if (debited.length === 1) return credited.map(([to, amount]) => ({ from: debited[0][0], to, amount: -amount }));
  if (credited.length === 1) return debited.map(([from, amount]) => ({ from, to: credited[0][0], amount }));
  if (debited.length === 0) return [];
  throw new RangeError(`Cannot tell what flowed where in "${posting.memo}": it debits and credits several accounts each`);
}
