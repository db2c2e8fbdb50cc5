/**
 * The chart of accounts of a surplus distribution. Members' balances live in per-member sub-accounts
 * (`member_capital:<memberId>`, `cash_payable:<memberId>`) under a control account: every line then says
 * whose money it is, a member's balance is just their account's balance (no extra column to keep in step),
 * settling a cash refund later is an ordinary posting against that sub-account, and reports roll the
 * sub-accounts up into the control account so 100 000 members stay one line in a trial balance.
 */
export const ACCOUNTS = Object.freeze({
  /** The co-op's money; the other side of recorded revenue and expenses. */
  bank: 'bank',
  revenue: 'revenue',
  expenses: 'expenses',
  /** The year's result: revenue and expenses are closed into it, and it is distributed from it. */
  surplus: 'surplus',
  /** Indivisible reserve: never paid out to members. */
  reserve: 'reserve',
  education: 'education',
  commons: 'commons',
  /** Refunds decided but not yet allocated to members. */
  patronagePayable: 'patronage_payable',
  /** Control account of the members' retained refunds (their capital accounts). */
  memberCapital: 'member_capital',
  /** Control account of refunds owed to members in cash. */
  cashPayable: 'cash_payable',
  /** Control account of the share register: `share_capital:<class code>:<memberId>`, each member's paid-in shares of a class. */
  shareCapital: 'share_capital',
} as const);

export type ControlAccount = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

const MEMBER_SEPARATOR = ':';

/** Accounts in the order a reader expects them: money, the year's result, the funds, then what members are owed. */
const CHART_RANK: ReadonlyMap<string, number> = new Map(Object.values(ACCOUNTS).map((account, rank) => [account, rank]));

/** The capital account holding a member's retained refunds. */
export function memberCapitalAccount(memberId: string): string {
  return memberAccount(ACCOUNTS.memberCapital, memberId);
}

/** The account holding the cash refund owed to a member until it is paid. */
export function cashPayableAccount(memberId: string): string {
  return memberAccount(ACCOUNTS.cashPayable, memberId);
}

/** The account of a member's paid-in shares of one class (`share_capital:A:<memberId>`). */
export function shareCapitalAccount(classCode: string, memberId: string): string {
  if (classCode === '' || classCode.includes(MEMBER_SEPARATOR)) throw new RangeError(`Not a share class code: "${classCode}"`);
  return memberAccount(ACCOUNTS.shareCapital, `${classCode}${MEMBER_SEPARATOR}${memberId}`);
}

function memberAccount(control: ControlAccount, memberId: string): string {
  if (memberId === '') throw new RangeError('A member account needs a memberId');
  return `${control}${MEMBER_SEPARATOR}${memberId}`;
}

/** The control account a sub-account rolls up into (`member_capital:42` → `member_capital`); other accounts map to themselves. */
export function controlAccountOf(account: string): string {
  const separator = account.indexOf(MEMBER_SEPARATOR);
  return separator < 0 ? account : account.slice(0, separator);
}

/** The member a sub-account belongs to (its last part), or undefined for an account that is not a member's. */
export function memberIdOf(account: string): string | undefined {
  const separator = account.lastIndexOf(MEMBER_SEPARATOR);
  return separator < 0 ? undefined : account.slice(separator + 1);
}

/** Where an account's control account sits in the chart; accounts outside the chart come last. */
export function chartRank(account: string): number {
  return CHART_RANK.get(controlAccountOf(account)) ?? CHART_RANK.size;
}

/** Orders accounts by the chart (control account first, then its members by id), unknown accounts last by name. */
export function compareAccounts(a: string, b: string): number {
  return chartRank(a) - chartRank(b) || compareText(a, b);
}

/** Plain code-unit order, the same on every machine (no locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
