import type { PabulibElection, PabulibProject, PabulibVote, PabulibVoteType } from './pabulib-election.js';
import { PabulibError } from './pabulib-error.js';
import { type PabulibRecord, type PabulibSection, readSections, sectionRow } from './pabulib-records.js';

// Amounts as the budgets store them (numeric(18,2)): at most 16 digits before the point and 2 after.
const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/;
/** Longest project_id or voter_id the budgets store. */
const MAX_ID_LENGTH = 100;
const WHOLE = /^\d+$/;
/** The budget rules keep points in 32-bit arrays. */
const MAX_POINTS = 0x7fffffff;
const SUPPORTED_VOTE_TYPES = new Set<string>(['approval', 'cumulative']);

/**
 * Parses a Pabulib `.pb` file (approval or cumulative ballots).
 * @throws PabulibError naming the line of the first problem: a missing section, a bad number,
 *   an unsupported vote type, a vote naming an unknown project, duplicate ids, misaligned points.
 */
export function parsePabulib(text: string): PabulibElection {
  const sections = readSections(text);
  const metaSection = sections.get('META') as PabulibSection;
  const { meta, lines } = parseMeta(metaSection);

  const budget = meta.budget?.trim();
  if (budget === undefined) throw new PabulibError(metaSection.line, 'META has no budget');
  if (!DECIMAL.test(budget))
    throw new PabulibError(
      lines.budget,
      `budget "${meta.budget}" is not a non-negative amount in cents at most (16 digits before the point, 2 after)`,
    );
  const voteType = meta.vote_type?.trim();
  if (voteType === undefined) throw new PabulibError(metaSection.line, 'META has no vote_type');
  if (!SUPPORTED_VOTE_TYPES.has(voteType)) {
    throw new PabulibError(lines.vote_type, `vote_type "${voteType}" is not supported (only approval and cumulative)`);
  }

  const projectSection = sections.get('PROJECTS') as PabulibSection;
  const projects = parseProjects(projectSection);
  const voteSection = sections.get('VOTES') as PabulibSection;
  const votes = parseVotes(
    voteSection,
    voteType as PabulibVoteType,
    projects.map((project) => project.id),
  );

  return {
    meta,
    budget,
    voteType: voteType as PabulibVoteType,
    projectColumns: projectSection.header.fields,
    projects,
    voteColumns: voteSection.header.fields,
    votes,
  };
}

function parseMeta(section: PabulibSection): { meta: Record<string, string>; lines: Record<string, number> } {
  expectHeader(section, ['key', 'value']);
  const meta: Record<string, string> = {};
  const lines: Record<string, number> = {};
  for (let row = 0; row < section.rowTexts.length; row++) {
    const { line, fields } = sectionRow(section, row);
    if (fields.length < 2) throw new PabulibError(line, 'META rows are key;value');
    if (fields.slice(2).some((extra) => extra !== '')) {
      throw new PabulibError(line, 'META value has an unquoted ";"');
    }
    const key = fields[0].trim();
    if (key === '') throw new PabulibError(line, 'META key is empty');
    if (Object.hasOwn(meta, key)) throw new PabulibError(line, `META key "${key}" appears twice`);
    setField(meta, key, fields[1]);
    lines[key] = line;
  }
  return { meta, lines };
}

function parseProjects(section: PabulibSection): PabulibProject[] {
  const header = section.header.fields;
  const idColumn = columnIndex(section, 'project_id');
  const costColumn = columnIndex(section, 'cost');
  const otherColumns = header.map((name, index) => ({ name, index })).filter((c) => c.index !== idColumn && c.index !== costColumn);
  const seen = new Set<string>();
  return section.rowTexts.map((_, row) => {
    const record = sectionRow(section, row);
    expectWidth(record, header.length, 'PROJECTS');
    const id = record.fields[idColumn].trim();
    if (id === '') throw new PabulibError(record.line, 'project_id is empty');
    if (id.length > MAX_ID_LENGTH) throw new PabulibError(record.line, `project_id is longer than ${MAX_ID_LENGTH} characters`);
    if (id.includes(',')) throw new PabulibError(record.line, `project_id "${id}" contains a comma`);
    if (seen.has(id)) throw new PabulibError(record.line, `project_id "${id}" appears twice`);
    seen.add(id);
    const cost = record.fields[costColumn].trim();
    if (!DECIMAL.test(cost))
      throw new PabulibError(
        record.line,
        `cost "${record.fields[costColumn]}" of project ${id} is not a non-negative amount in cents at most (16 digits before the point, 2 after)`,
      );
    const columns: Record<string, string> = {};
    for (const column of otherColumns) setField(columns, column.name, record.fields[column.index]);
    return { id, cost, columns };
  });
}

function parseVotes(section: PabulibSection, voteType: PabulibVoteType, projectIds: readonly string[]): PabulibVote[] {
  const header = section.header.fields;
  const voterColumn = columnIndex(section, 'voter_id');
  const voteColumn = columnIndex(section, 'vote');
  const pointsColumn = voteType === 'cumulative' ? columnIndex(section, 'points') : -1;
  const special = new Set([voterColumn, voteColumn, pointsColumn]);
  const otherColumns = header.map((name, index) => ({ name, index })).filter((c) => !special.has(c.index));
  const projectIndex = new Map(projectIds.map((id, index) => [id, index]));
  // lastRow[p] is the last row naming project p: finds a project named twice without a Set per ballot.
  const lastRow = new Int32Array(projectIds.length).fill(-1);
  // Cloning one template gives every row's columns object the same shape, which V8 fills fast.
  const template: Record<string, string> = Object.fromEntries(otherColumns.map((column) => [column.name, '']));
  const seen = new Set<string>();
  const votes: PabulibVote[] = new Array(section.rowTexts.length);
  for (let row = 0; row < votes.length; row++) {
    const record = sectionRow(section, row);
    expectWidth(record, header.length, 'VOTES');
    const { line, fields } = record;
    const voterId = trim(fields[voterColumn]);
    if (voterId === '') throw new PabulibError(line, 'voter_id is empty');
    if (voterId.length > MAX_ID_LENGTH) throw new PabulibError(line, `voter_id is longer than ${MAX_ID_LENGTH} characters`);
    if (seen.has(voterId)) throw new PabulibError(line, `voter_id "${voterId}" appears twice`);
    seen.add(voterId);
    const chosen = splitList(fields[voteColumn]);
    for (let k = 0; k < chosen.length; k++) {
      const id = trim(chosen[k]);
      chosen[k] = id;
      const index = projectIndex.get(id);
      if (index === undefined) throw new PabulibError(line, `vote names unknown project "${id}"`);
      if (lastRow[index] === row) throw new PabulibError(line, `vote names project "${id}" twice`);
      lastRow[index] = row;
    }
    const columns = { ...template };
    for (const column of otherColumns) columns[column.name] = fields[column.index];
    if (pointsColumn < 0) {
      votes[row] = { voterId, projectIds: chosen, columns };
      continue;
    }
    const points = splitList(fields[pointsColumn]).map((text) => {
      const trimmed = trim(text);
      if (!WHOLE.test(trimmed)) throw new PabulibError(line, `points "${text}" is not a whole number`);
      const value = Number(trimmed);
      if (value > MAX_POINTS) throw new PabulibError(line, `points ${trimmed} exceed ${MAX_POINTS}`);
      return value;
    });
    if (points.length !== chosen.length) {
      throw new PabulibError(line, `${chosen.length} projects but ${points.length} points`);
    }
    votes[row] = { voterId, projectIds: chosen, points, columns };
  }
  return votes;
}

/** Trims only when needed: most fields have no edge whitespace and trim() would copy them. */
function trim(text: string): string {
  return text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.trim() : text;
}

/** An own property even for a name like "__proto__", which plain assignment would not create. */
function setField(record: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}

function splitList(text: string): string[] {
  return text.trim() === '' ? [] : text.split(',');
}

function columnIndex(section: PabulibSection, name: string): number {
  const names = section.header.fields.map((field) => field.trim());
  const repeated = names.find((field, index) => names.indexOf(field) !== index);
  if (repeated !== undefined) throw new PabulibError(section.header.line, `${section.name} header names "${repeated}" twice`);
  const index = names.indexOf(name);
  if (index < 0) throw new PabulibError(section.header.line, `${section.name} header has no "${name}" column`);
  return index;
}

function expectHeader(section: PabulibSection, names: readonly string[]): void {
  const fields = section.header.fields.map((field) => field.trim());
  if (names.some((name, index) => fields[index] !== name)) {
    throw new PabulibError(section.header.line, `${section.name} header must be ${names.join(';')}`);
  }
}

function expectWidth(record: PabulibRecord, width: number, section: string): void {
  if (record.fields.length !== width) {
    throw new PabulibError(record.line, `${section} row has ${record.fields.length} fields, header has ${width}`);
  }
}
