import { BadUserInputError } from '@commons/core';
import { formatCents, parseCents } from './split/index.js';

/** The largest amount a numeric(14,2) column holds, in cents. */
export const MAX_CENTS = 99_999_999_999_999n;

/**
 * An amount of money from the API (a Decimal string) as integer cents, or BAD_USER_INPUT naming `field`:
 * at most 2 decimals (money is never rounded on the way in), within what the books can hold.
 */
export function centsArgument(amount: string, field: string, rule: 'positive' | 'non-negative'): bigint {
  let cents: bigint;
  try {
    cents = parseCents(amount.trim());
  } catch {
    throw new BadUserInputError(`${field} must be an amount with at most 2 decimals, e.g. "1250.00"; got "${amount}".`, field);
  }
  if (rule === 'positive' ? cents <= 0n : cents < 0n) {
    throw new BadUserInputError(`${field} must be ${rule === 'positive' ? 'more than 0' : '0 or more'}; got ${formatCents(cents)}.`, field);
  }
  if (cents > MAX_CENTS) throw new BadUserInputError(`${field} must be at most ${formatCents(MAX_CENTS)}.`, field);
  return cents;
}

/** A numeric column read from PostgreSQL ("1250.00") as cents. */
export function centsOf(numeric: string): bigint {
  return parseCents(numeric);
}
