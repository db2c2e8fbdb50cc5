// Dates, amounts and durations in the member's locale. Amounts stay exact: the API's Decimal string goes to
// Intl.NumberFormat as a string (formatted as the exact decimal it spells), never through a float.

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** "1234.5" -> "1,234.50" (en) or "1 234,50" (pl); with a currency, "€1,234.50" / "1234,50 €". */
export function formatAmount(amount: string, locale: string, currency?: string): string {
  if (!DECIMAL.test(amount)) return amount;
  const digits = amount.split('.')[1]?.length ?? 0;
  const fraction = Math.max(digits, currency ? 2 : 0);
  const format = new Intl.NumberFormat(locale, {
    ...(currency ? { style: 'currency', currency } : {}),
    minimumFractionDigits: fraction,
    maximumFractionDigits: fraction,
  });
  return format.format(amount as Intl.StringNumericLiteral);
}

/** A number of votes or points (weighted votes may have decimals). */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A coefficient such as a Gini, with two decimals in the reader's notation (0.75, 0,75). */
export function formatCoefficient(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export function formatPercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** "in 3 hours", "za 2 dni"; undefined once past. */
export function formatTimeLeft(iso: string, locale: string, now = Date.now()): string | undefined {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (seconds <= 0) return undefined;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  if (seconds < 3600) return format.format(Math.max(1, Math.round(seconds / 60)), 'minute');
  if (seconds < 172800) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/** Sum of Decimal strings, exactly (in hundredths of a unit or finer), as a Decimal string. */
export function addDecimals(amounts: string[]): string {
  const scale = Math.max(0, ...amounts.map((amount) => amount.split('.')[1]?.length ?? 0));
  let total = 0n;
  for (const amount of amounts) total += toScaled(amount, scale);
  return fromScaled(total, scale);
}

/** a - b, exactly. */
export function subtractDecimals(a: string, b: string): string {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  return fromScaled(toScaled(a, scale) - toScaled(b, scale), scale);
}

export function compareDecimals(a: string, b: string): number {
  const difference = subtractDecimals(a, b);
  return difference.startsWith('-') ? -1 : /[1-9]/.test(difference) ? 1 : 0;
}

function toScaled(amount: string, scale: number): bigint {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -value : value;
}

function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
