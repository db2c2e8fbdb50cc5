import { BadUserInputError } from '@commons/core';
import { formatCents, parseCents } from '@commons/surplus';

/** What numeric(18,2) holds: less than 10^16 whole units. */
const LIMIT_CENTS = 10n ** 18n;

/** A non-negative amount in whole cents at most, written as the database stores it ("1250.50"). */
export function moneyInput(value: string, field: string): string {
  let cents: bigint;
  try {
    cents = parseCents(value);
  } catch {
    cents = -1n;
  }
  if (cents < 0n) throw new BadUserInputError(`${field} must be zero or more, in cents at most (e.g. "1250.50").`, field);
  if (cents >= LIMIT_CENTS) throw new BadUserInputError(`${field} must be less than 10^16.`, field);
  return formatCents(cents);
}
