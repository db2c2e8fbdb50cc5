import { BadUserInputError } from '@commons/core';

/** What numeric(18,2) holds: 16 digits before the point. */
const MAX_WHOLE_DIGITS = 16;

/** A non-negative amount in whole cents at most, written as the database stores it ("1250.50"). */
export function moneyInput(value: string, field: string): string {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new BadUserInputError(`${field} must be zero or more, in cents at most (e.g. "1250.50").`, field);
  const whole = BigInt(match[1]).toString();
  if (whole.length > MAX_WHOLE_DIGITS) throw new BadUserInputError(`${field} must be less than 10^${MAX_WHOLE_DIGITS}.`, field);
  return `${whole}.${(match[2] ?? '').padEnd(2, '0')}`;
}
