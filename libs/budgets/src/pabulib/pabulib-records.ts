import { PabulibError } from './pabulib-error.js';
import { splitRecord } from './pabulib-fields.js';

/** One `;`-separated record and the line it starts on. */
export interface PabulibRecord {
  readonly line: number;
  readonly fields: string[];
}

export type PabulibSectionName = 'META' | 'PROJECTS' | 'VOTES';

/** A section's header row and its data rows (raw text, split on demand to spare the garbage collector). */
export interface PabulibSection {
  readonly name: PabulibSectionName;
  readonly line: number;
  readonly header: PabulibRecord;
  readonly rowLines: number[];
  readonly rowTexts: string[];
}

/** Splits data row `row` of a section into fields. */
export function sectionRow(section: PabulibSection, row: number): PabulibRecord {
  return { line: section.rowLines[row], fields: splitRecord(section.rowTexts[row]) as string[] };
}

const SECTION_NAMES = new Set<string>(['META', 'PROJECTS', 'VOTES']);

/** Cuts a Pabulib file into its three sections; quoted fields may span lines. */
export function readSections(text: string): Map<PabulibSectionName, PabulibSection> {
  const lines = text.split('\n');
  const sections = new Map<PabulibSectionName, PabulibSection>();
  let current: { name: PabulibSectionName; line: number; rowLines: number[]; rowTexts: string[] } | undefined;
  const close = (): void => {
    if (!current) return;
    const { name, rowLines, rowTexts } = current;
    if (rowTexts.length === 0) throw new PabulibError(current.line, `section ${name} has no header row`);
    const header = { line: rowLines.shift() as number, fields: splitRecord(rowTexts.shift() as string) as string[] };
    sections.set(name, { name, line: current.line, header, rowLines, rowTexts });
  };

  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    let record = stripLineEnd(lines[index], index === 0);
    if (record.length === 0 || (record.charCodeAt(0) <= 32 && record.trim() === '')) continue;
    const name = record.length <= 16 ? record.trim().toUpperCase() : '';
    if (SECTION_NAMES.has(name)) {
      const sectionName = name as PabulibSectionName;
      if (sections.has(sectionName) || current?.name === sectionName) {
        throw new PabulibError(line, `section ${sectionName} appears twice`);
      }
      close();
      current = { name: sectionName, line, rowLines: [], rowTexts: [] };
      continue;
    }
    if (!current) throw new PabulibError(line, 'expected a section name (META, PROJECTS or VOTES)');
    // Only a quote can make a record span lines; most rows have none.
    while (record.includes('"') && splitRecord(record) === null) {
      if (++index >= lines.length) throw new PabulibError(line, 'a quoted field is never closed');
      record += `\n${stripLineEnd(lines[index], false)}`;
    }
    current.rowLines.push(line);
    current.rowTexts.push(record);
  }
  close();

  const lastLine = Math.max(1, lines.at(-1) === '' ? lines.length - 1 : lines.length);
  for (const name of ['META', 'PROJECTS', 'VOTES'] as const) {
    if (!sections.has(name)) throw new PabulibError(lastLine, `section ${name} is missing`);
  }
  return sections;
}

function stripLineEnd(line: string, first: boolean): string {
  const text = first && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
