const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Decimal places written in an exact non-negative decimal. */
export function decimalPlaces(text: string, what: string): number {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`${what} "${text}" is not a non-negative decimal`);
  return match[2]?.length ?? 0;
}

/** The decimal as a whole number of 10^-places units ("12.5", 2 -> 1250n). */
export function toUnits(text: string, places: number): bigint {
  const match = DECIMAL.exec(text) as RegExpExecArray;
  const fraction = (match[2] ?? '').padEnd(places, '0');
  return BigInt(match[1] + fraction);
}

/** Units back to decimal text with `places` decimals (1250n, 2 -> "12.50"). */
export function formatUnits(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const body = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${body}` : body;
}

/** Greatest common divisor of two non-negative BigInts (gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
