import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PabulibError } from './pabulib-error.js';
import { parsePabulib } from './parse-pabulib.js';
import { writePabulib } from './write-pabulib.js';

/** Real elections from Pabulib, copied into the repository read-only (see test/fixtures/pabulib/README.md). */
const DATA = join(process.cwd(), 'test', 'fixtures', 'pabulib');
const files = readdirSync(DATA).filter((name) => name.endsWith('.pb'));
const supported = files.filter((name) => !name.includes('krakow'));

describe('Pabulib files from real elections', () => {
  it('are all here', () => {
    expect(files).toHaveLength(9);
  });

  it.each(supported)('%s parses, matches its META counts and votes column, and round-trips', (name) => {
    const text = readFileSync(join(DATA, name), 'utf8');
    const election = parsePabulib(text);
    expect(election.projects).toHaveLength(Number(election.meta.num_projects));
    expect(election.votes).toHaveLength(Number(election.meta.num_votes));

    // The file's own `votes` column counts the ballots naming each project (empty meaning none).
    const ballots = new Map<string, number>();
    for (const vote of election.votes) for (const id of vote.projectIds) ballots.set(id, (ballots.get(id) ?? 0) + 1);
    for (const project of election.projects) {
      expect([project.id, Number(project.columns.votes || 0)]).toEqual([project.id, ballots.get(project.id) ?? 0]);
    }

    const written = writePabulib(election);
    // Node's deep equality: Jest's is too slow for 131,778 voters.
    expect(isDeepStrictEqual(parsePabulib(written), election)).toBe(true);
    // Byte for byte, but for a final newline some files lack.
    expect(written).toBe(text.endsWith('\n') ? text : `${text}\n`);
  });

  it('refuses the ordinal Kraków file at its vote_type line', () => {
    const text = readFileSync(join(DATA, 'poland_krakow_2021_pradnik-bialy.pb'), 'utf8');
    expect(() => parsePabulib(text)).toThrow(PabulibError);
    expect(() => parsePabulib(text)).toThrow('Pabulib line 12: vote_type "ordinal" is not supported (only approval and cumulative)');
    expect(text.split('\n')[11]).toBe('vote_type;ordinal');
  });

  it('parses the largest file (Wrocław, 131,778 voters) without slowing down quadratically', () => {
    const text = readFileSync(join(DATA, 'poland_wroclaw_2015_150-500.pb'), 'utf8');
    parsePabulib(text);
    const started = performance.now();
    const election = parsePabulib(text);
    const elapsed = performance.now() - started;
    expect(election.votes).toHaveLength(131_778);
    // 250-500 ms in bench/pabulib.bench.ts on the 2-core machine; the bound leaves room for a busy one.
    expect(elapsed).toBeLessThan(3000);
  });
});
