/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, and a field quoted (its
 * quotes doubled) when it holds a comma, a quote, a line break or leading or trailing space.
 */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Free text typed by people (memos, names): a leading `=`, `+`, `-`, `@`, tab or carriage return would make a
 * spreadsheet run it as a formula, so it is prefixed with an apostrophe (OWASP's advice on CSV injection).
 */
export function csvText(value: string | null | undefined): string {
  const text = value ?? '';
  return csvField(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

/** One record, CRLF-terminated. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}
