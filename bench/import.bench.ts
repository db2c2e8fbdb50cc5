// importPabulib over HTTP for every data file: parse, store every project and voter, allocate, in one
// transaction. Usage: node --import ./scripts/register-ts.mjs bench/import.bench.ts [method]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchApp, writeResult } from './support.js';

// The repository's copy (test/fixtures/pabulib, see its README); PABULIB_DATA points at another folder of .pb files.
const DATA = process.env.PABULIB_DATA ?? join(process.cwd(), 'test', 'fixtures', 'pabulib');
const METHODS = process.argv[2] ? [process.argv[2]] : ['GREEDY', 'EQUAL_SHARES'];

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const t = bench.app;
  const admin = await t.admin();
  const rows: Array<Record<string, unknown>> = [];
  try {
    for (const file of readdirSync(DATA)
      .filter((name) => name.endsWith('.pb') && !name.includes('krakow'))
      .sort()) {
      const content = readFileSync(join(DATA, file), 'utf8');
      for (const method of METHODS) {
        const started = performance.now();
        const response = await t.gql(
          `mutation($content: String!, $method: AllocationMethod) { importPabulib(content: $content, method: $method) { id } }`,
          { content, method },
          admin.token,
        );
        const seconds = (performance.now() - started) / 1000;
        if (response.errors) throw new Error(`${file}: ${JSON.stringify(response.errors)}`);
        rows.push({ file, method, megabytes: Number((content.length / 1e6).toFixed(1)), seconds: Number(seconds.toFixed(2)) });
        console.log(`${file.padEnd(44)} ${method.padEnd(12)} ${seconds.toFixed(2)} s`);
      }
    }
    writeResult('import', { rows });
  } finally {
    await bench.done();
  }
}

await main();
