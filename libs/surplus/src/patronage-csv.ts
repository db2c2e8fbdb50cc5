import { formatCents, parseCents } from './split/index.js';
import { MAX_CENTS } from './money-input.js';

/** The most a patronage CSV may hold: about 20 bytes a line for the most lines allowed, with room to spare. */
export const MAX_PATRONAGE_CSV_CHARS = 1_000_000;
/** The most member lines one import takes (a header and blank lines are not counted). */
export const MAX_PATRONAGE_CSV_LINES = 10_000;
const MAX_EMAIL_LENGTH = 320;

/** Why a line of a patronage CSV is refused. */
export type PatronageLineRule = 'columns' | 'email' | 'amount' | 'duplicate' | 'unknown-email';

/** One bad line: its number in the file (1 is the first line, the header if there is one) and why. */
export interface PatronageLineProblem {
  line: number;
  rule: PatronageLineRule;
  message: string;
  /** The email as written, when the line has one. */
  email?: string;
  /** For a duplicate: the line that gave this email first. */
  firstLine?: number;
}

/** A line that reads well: the email (lower-cased) and the amount in cents. */
export interface PatronageLine {
  line: number;
  email: string;
  cents: bigint;
}

/**
 * Reads a patronage CSV: `email,amount` per line, comma-separated, optionally with the header `email,amount`
 * first; a field may be quoted ("a@b.org") with quotes doubled inside; blank lines are skipped; LF or CRLF line
 * ends; a UTF-8 BOM is ignored. Amounts are 0 or more with at most 2 decimals and a dot ("1250.50").
 * Returns the good lines and every problem with the lines that do not read (wrong number of columns, an empty
 * or overlong email, a bad amount, an email given twice); emails the co-op does not know are checked later,
 * against the members (see `unknownEmailProblems`).
 */
export function readPatronageCsv(csv: string): { lines: PatronageLine[]; problems: PatronageLineProblem[] } {
  const lines: PatronageLine[] = [];
  const problems: PatronageLineProblem[] = [];
  const firstLineOf = new Map<string, number>();
  const rows = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((raw, index) => {
    const number = index + 1;
    if (raw.trim() === '') return;
    const fields = splitFields(raw);
    if (
      index === 0 &&
      fields &&
      fields.length === 2 &&
      fields[0].trim().toLowerCase() === 'email' &&
      fields[1].trim().toLowerCase() === 'amount'
    )
      return;
    if (!fields || fields.length !== 2) {
      const count = fields ? fields.length : 0;
      problems.push({
        line: number,
        rule: 'columns',
        message: fields
          ? `Line ${number} has ${count} columns; it needs 2: email,amount.`
          : `Line ${number} has an unclosed quote; it needs 2 columns: email,amount.`,
      });
      return;
    }
    const written = fields[0].trim();
    const email = written.toLowerCase();
    const amount = fields[1].trim();
    let bad = false;
    // eslint-disable-next-line no-control-regex -- control characters (NUL above all, which PostgreSQL text refuses) are no email's
    if (email === '' || email.length > MAX_EMAIL_LENGTH || !email.includes('@') || /[\u0000-\u001f\u007f]/.test(email)) {
      problems.push({ line: number, rule: 'email', email: written, message: `Line ${number}: "${written}" is not an email address.` });
      bad = true;
    }
    let cents: bigint | undefined;
    try {
      cents = /^\d+(\.\d{1,2})?$/.test(amount) ? parseCents(amount) : undefined;
    } catch {
      cents = undefined;
    }
    if (cents === undefined || cents > MAX_CENTS) {
      problems.push({
        line: number,
        rule: 'amount',
        email: written,
        message:
          cents === undefined
            ? `Line ${number}: the amount "${amount}" is not 0 or more with at most 2 decimals, e.g. "1250.50".`
            : `Line ${number}: the amount must be at most ${formatCents(MAX_CENTS)}.`,
      });
      bad = true;
    }
    if (!bad && email !== '') {
      const first = firstLineOf.get(email);
      if (first !== undefined) {
        problems.push({
          line: number,
          rule: 'duplicate',
          email: written,
          firstLine: first,
          message: `Line ${number}: ${written} is already on line ${first}.`,
        });
        return;
      }
      firstLineOf.set(email, number);
      lines.push({ line: number, email, cents: cents! });
    }
  });
  return { lines, problems };
}

/** The lines whose email is no member's. */
export function unknownEmailProblems(lines: readonly PatronageLine[], known: ReadonlySet<string>): PatronageLineProblem[] {
  return lines
    .filter((line) => !known.has(line.email))
    .map((line) => ({
      line: line.line,
      rule: 'unknown-email' as const,
      email: line.email,
      message: `Line ${line.line}: no member has the email ${line.email}.`,
    }));
}

/** One CSV record's fields, or undefined for a quote left open. */
function splitFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
    } else field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}
