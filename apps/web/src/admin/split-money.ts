// Exact money for the surplus split editor: amounts are integer cents (BigInt), percentages integer basis
// points (hundredths of a percent). Nothing goes through a float. The split follows the API's rule (libs/surplus
// split): largest remainder, a tied cent to the larger percentage, then reserve, education, commons, patronage.

export const SHARES = ['reserve', 'education', 'commons', 'patronage'] as const;
export type Share = (typeof SHARES)[number];
export type PolicyField = Share | 'patronageCash';
export const POLICY_FIELDS: readonly PolicyField[] = [...SHARES, 'patronageCash'];

const HUNDRED = 10_000n;

/** "1250.5" or "-3" (a Decimal string from the API) -> cents; undefined for more than 2 decimals or not a number. */
export function parseCents(amount: string): bigint | undefined {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) return undefined;
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** Cents -> "1250.50", a Decimal string for formatAmount or the API. */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * A percentage as typed ("30", "12,5", "7.25") -> basis points, with the decimal comma accepted; undefined when
 * it is not a plain number, has a real third decimal or is over 100.
 */
export function parsePercent(text: string): bigint | undefined {
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return undefined;
  const value = BigInt(match[1]) * 100n + BigInt(fraction.padEnd(2, '0'));
  return value > HUNDRED ? undefined : value;
}

/** Basis points -> "12.5" (what the API takes). */
export function formatPercent(basisPoints: bigint): string {
  const whole = basisPoints / 100n;
  const fraction = (basisPoints % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/**
 * Splits `totalCents` in proportion to `weights` so the parts add up to the total exactly: each part the floor
 * of its exact quota, the cents left over one each to the largest remainders (ties: larger weight, then lower index).
 */
export function apportion(totalCents: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (totalCents < 0n || sum <= 0n || weights.some((weight) => weight < 0n)) throw new RangeError('Cannot apportion');
  const parts = weights.map((weight) => (totalCents * weight) / sum);
  const remainders = weights.map((weight) => (totalCents * weight) % sum);
  let left = totalCents - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, index) => index)
    .filter((index) => remainders[index] > 0n)
    .sort((a, b) => cmp(remainders[b], remainders[a]) || cmp(weights[b], weights[a]) || a - b);
  for (const index of order) {
    if (left === 0n) break;
    parts[index] += 1n;
    left -= 1n;
  }
  return parts;
}

/** `cents × basisPoints / 100%`, rounded half up to the cent. */
export function percentOf(cents: bigint, basisPoints: bigint): bigint {
  return (cents * basisPoints * 2n + HUNDRED) / (HUNDRED * 2n);
}

export type Policy = Record<PolicyField, string>;
export type Minimums = Partial<Record<PolicyField, string | null | undefined>>;

/** What the bylaws or the form refuse, for the editor to say in words. */
export type PolicyProblem =
  | { field: PolicyField; rule: 'number' }
  | { field: PolicyField; rule: 'minimum'; minimum: string }
  | { field: 'total'; rule: 'total'; total: string };

export interface SplitPreview {
  /** Each share in cents: exactly the API's split when the percentages add up to 100, else each exact share rounded. */
  shares: Record<Share, bigint | undefined>;
  /** The shares' percentages added up, as a percentage ("100", "95.5"); undefined while one is unreadable. */
  total: string | undefined;
  problems: PolicyProblem[];
  /** The policy as the API takes it, when nothing is refused. */
  policy?: Policy;
}

/** The money each share gets from `surplus` (a Decimal string) under the typed percentages, and what is wrong with them. */
export function previewSplit(surplus: string, typed: Policy, minimums: Minimums = {}): SplitPreview {
  const surplusCents = parseCents(surplus) ?? 0n;
  const problems: PolicyProblem[] = [];
  const basisPoints: Partial<Record<PolicyField, bigint>> = {};
  for (const field of POLICY_FIELDS) {
    const value = parsePercent(typed[field]);
    if (value === undefined) {
      problems.push({ field, rule: 'number' });
      continue;
    }
    basisPoints[field] = value;
    const minimumText = minimums[field];
    const minimum = minimumText ? parsePercent(minimumText) : undefined;
    if (minimum !== undefined && value < minimum) problems.push({ field, rule: 'minimum', minimum: formatPercent(minimum) });
  }
  const known = SHARES.every((share) => basisPoints[share] !== undefined);
  const totalBasisPoints = SHARES.reduce((sum, share) => sum + (basisPoints[share] ?? 0n), 0n);
  if (known && totalBasisPoints !== HUNDRED) problems.push({ field: 'total', rule: 'total', total: formatPercent(totalBasisPoints) });
  const shares = {} as Record<Share, bigint | undefined>;
  if (known && totalBasisPoints === HUNDRED && surplusCents > 0n) {
    const parts = apportion(
      surplusCents,
      SHARES.map((share) => basisPoints[share]!),
    );
    SHARES.forEach((share, index) => (shares[share] = parts[index]));
  } else {
    for (const share of SHARES) {
      const value = basisPoints[share];
      shares[share] = value === undefined || surplusCents <= 0n ? undefined : percentOf(surplusCents, value);
    }
  }
  const policy =
    problems.length === 0
      ? (Object.fromEntries(POLICY_FIELDS.map((field) => [field, formatPercent(basisPoints[field]!)])) as Policy)
      : undefined;
  return { shares, total: known ? formatPercent(totalBasisPoints) : undefined, problems, policy };
}

function cmp(a: bigint, b: bigint): number {
  return a > b ? 1 : a < b ? -1 : 0;
}
