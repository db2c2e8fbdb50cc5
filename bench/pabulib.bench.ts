// Parses and allocates every Pabulib file in the data folder, one run each, and prints the timings.
// Usage: node --import ./scripts/register-ts.mjs bench/pabulib.bench.ts [name-filter]
// Wall time and this process's CPU time are both shown: on a shared machine wall time includes waiting.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocateEqualShares, allocateGreedy } from '../libs/budgets/src/allocation/index.js';
import { pabulibAllocationInput, parsePabulib, PabulibError } from '../libs/budgets/src/pabulib/index.js';
import { writeResult } from './support.js';

// The repository's copy (test/fixtures/pabulib, see its README); PABULIB_DATA points at another folder of .pb files.
const DATA = process.env.PABULIB_DATA ?? join(process.cwd(), 'test', 'fixtures', 'pabulib');
const filter = process.argv[2] ?? '';
/** The goal for the largest file: EQUAL_SHARES with completion under 10 seconds. */
const WROCLAW_LIMIT_MS = 10_000;

interface Timing {
  wall: number;
  cpu: number;
}

function timed<T>(work: () => T): [T, Timing] {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return [result, { wall, cpu: (cpu.user + cpu.system) / 1000 }];
}

const show = (timing: Timing): string => `${timing.wall.toFixed(0).padStart(6)} ms (cpu ${timing.cpu.toFixed(0)})`;

let failed = false;
const rows: Array<Record<string, unknown>> = [];
for (const name of readdirSync(DATA)
  .filter((file) => file.endsWith('.pb') && file.includes(filter))
  .sort()) {
  const text = readFileSync(join(DATA, name), 'utf8');
  let election;
  let parse: Timing;
  try {
    [election, parse] = timed(() => parsePabulib(text));
  } catch (error) {
    if (!(error instanceof PabulibError)) throw error;
    console.log(`${name}\n  refused: ${error.message}`);
    continue;
  }
  const input = pabulibAllocationInput(election);
  const [greedy, greedyTime] = timed(() => allocateGreedy(input));
  const [shares, sharesTime] = timed(() => allocateEqualShares(input));
  console.log(
    [
      `${name}: ${election.votes.length} voters, ${election.projects.length} projects, ${(text.length / 1e6).toFixed(1)} M chars`,
      `  parse        ${show(parse)}`,
      `  GREEDY       ${show(greedyTime)}  funds ${greedy.funded.length}, spends ${greedy.spent}`,
      `  EQUAL_SHARES ${show(sharesTime)}  funds ${shares.funded.length}, spends ${shares.spent}; ${shares.runs} runs (${(sharesTime.wall / shares.runs).toFixed(1)} ms each), share ${shares.perVoterBudget.toFixed(2)}`,
    ].join('\n'),
  );
  rows.push({
    file: name,
    voters: election.votes.length,
    projects: election.projects.length,
    parseMs: Math.round(parse.wall),
    greedyMs: Math.round(greedyTime.wall),
    equalSharesMs: Math.round(sharesTime.wall),
    equalSharesRuns: shares.runs,
  });
  if (name.startsWith('poland_wroclaw_2015') && sharesTime.wall > WROCLAW_LIMIT_MS) {
    console.log(`  over the ${WROCLAW_LIMIT_MS} ms goal`);
    failed = true;
  }
}
if (!filter) writeResult('pabulib', { rows });
process.exitCode = failed ? 1 : 0;
