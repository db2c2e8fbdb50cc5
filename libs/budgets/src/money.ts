import { BadUserInputError } from '@commons/core';

/** A non-negative amount in whole cents at most, written as the database stores it ("1250.50"). */
export function moneyInput(value: string, field: string): string {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new BadUserInputError(`${field} must be zero or more, in cents at most (e.g. "1250.50").`, field);
  return `${BigInt(match[1])}.${(match[2] ?? '').padEnd(2, '0')}`;
}
