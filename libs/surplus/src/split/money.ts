/** Money crosses the API as decimal strings ("1250.00") and is held as integer cents (BigInt) inside. */

const MONEY_PATTERN = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
const PERCENT_PATTERN = /^(\d+)(?:\.(\d+))?$/;

/** One hundred percent in hundredths of a percent (basis points). */
export const HUNDRED_PERCENT_BASIS_POINTS = 10_000n;

/**
 * Parses an exact decimal amount of money ("1250.00", "-3.5", "7") into integer cents.
 * Throws a RangeError for anything that is not a decimal with at most two decimals: money is never rounded on the way in.
 */
export function parseCents(amount: string): bigint {
  const match = MONEY_PATTERN.exec(amount);
  if (!match) throw new RangeError(`Not an amount of money with at most 2 decimals: "${amount}"`);
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** Formats integer cents as a decimal string with exactly two decimals ("1250.00", "-0.05"). */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Parses a non-negative percentage written as a decimal string ("30", "12.5", "7.25") into basis points
 * (hundredths of a percent). Returns undefined when the text is not a plain decimal or is finer than 0.01:
 * trailing zeros are fine ("30.000" is 30), a real third decimal ("30.001") is not.
 */
export function parsePercentBasisPoints(percent: string): bigint | undefined {
  const match = PERCENT_PATTERN.exec(percent);
  if (!match) return undefined;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return undefined;
  return BigInt(match[1]) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** `cents × basisPoints / 10 000`, rounded half up to the cent (amounts here are never negative). */
export function percentOfCents(cents: bigint, basisPoints: bigint): bigint {
  if (cents < 0n || basisPoints < 0n) throw new RangeError('percentOfCents takes non-negative amounts only');
  return (cents * basisPoints * 2n + HUNDRED_PERCENT_BASIS_POINTS) / (HUNDRED_PERCENT_BASIS_POINTS * 2n);
}
