/** One side of a posting: exactly one of `debit` and `credit` is positive, in cents. */
export interface PostingLine {
  account: string;
  debit: bigint;
  credit: bigint;
}

/** A balanced journal entry. Postings are never changed once made; a correction is a new reversing posting. */
export interface Posting {
  memo: string;
  lines: readonly PostingLine[];
}

/** A posting that breaks double entry; this is a bug in the caller, not a user error. */
export class InvalidPostingError extends Error {
  constructor(
    readonly memo: string,
    readonly problems: readonly string[],
  ) {
    super(`Posting "${memo}" is invalid: ${problems.join('; ')}`);
    this.name = 'InvalidPostingError';
  }
}

/** A line debiting `account` by `cents`. */
export function debit(account: string, cents: bigint): PostingLine {
  return { account, debit: cents, credit: 0n };
}

/** A line crediting `account` by `cents`. */
export function credit(account: string, cents: bigint): PostingLine {
  return { account, debit: 0n, credit: cents };
}

/**
 * Everything wrong with a posting, in words (empty when it is sound): it needs a memo and at least two
 * lines, each naming an account and moving a positive amount on exactly one side, and its debits must
 * equal its credits.
 */
export function postingProblems(posting: Posting): string[] {
  const problems: string[] = [];
  if (posting.memo.trim() === '') problems.push('it has no memo');
  if (posting.lines.length < 2) problems.push(`it has ${posting.lines.length} line(s); double entry needs at least two`);
  let debits = 0n;
  let credits = 0n;
  posting.lines.forEach((line, index) => {
    // Words are built only for a bad line: a refund posting can have 200 000 good ones.
    const where = () => `line ${index + 1} (${line.account || 'no account'})`;
    if (line.account === '') problems.push(`${where()} names no account`);
    if (line.debit < 0n || line.credit < 0n) problems.push(`${where()} has a negative amount`);
    else if (line.debit > 0n && line.credit > 0n) problems.push(`${where()} has both a debit and a credit`);
    else if (line.debit === 0n && line.credit === 0n) problems.push(`${where()} moves nothing`);
    debits += line.debit;
    credits += line.credit;
  });
  if (debits !== credits) problems.push(`debits (${debits}) and credits (${credits}) differ`);
  return problems;
}

/** Throws InvalidPostingError unless the posting is sound (see `postingProblems`). */
export function assertBalanced(posting: Posting): void {
  const problems = postingProblems(posting);
  if (problems.length > 0) throw new InvalidPostingError(posting.memo, problems);
}

/**
 * The posting that cancels `posting`: every line with debit and credit swapped. Corrections are made by
 * posting this (and then the right posting), never by changing what was posted.
 */
export function reversingPosting(posting: Posting, memo = `Reversal of: ${posting.memo}`): Posting {
  assertBalanced(posting);
  return { memo, lines: posting.lines.map(({ account, debit, credit }) => ({ account, debit: credit, credit: debit })) };
}
