/** Splits one `;`-separated record; returns null when a quoted field runs past the end (it spans lines). */
export function splitRecord(record: string): string[] | null {
  if (!record.includes('"')) return record.split(';');
  const fields: string[] = [];
  let field = '';
  let i = 0;
  while (i <= record.length) {
    if (record[i] === '"') {
      i++;
      for (;;) {
        const quote = record.indexOf('"', i);
        if (quote < 0) return null;
        field += record.slice(i, quote);
        if (record[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
    }
    const end = record.indexOf(';', i);
    const stop = end < 0 ? record.length : end;
    // Text after a closing quote is kept, as Python's csv module does.
    field += record.slice(i, stop);
    fields.push(field);
    field = '';
    i = stop + 1;
  }
  return fields;
}

const NEEDS_QUOTES = /[;"\r\n]/;

/** Quotes a field when it holds a separator, a quote or a line break (as Python's csv module does). */
export function quoteField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Joins fields into one `;`-separated record. */
export function joinRecord(values: readonly string[]): string {
  return values.map(quoteField).join(';');
}
