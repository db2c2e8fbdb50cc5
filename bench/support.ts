// Shared set-up for benchmarks: a PostgreSQL (DATABASE_URL, else 127.0.0.1:5432, else embedded), a
// migrated database of the benchmark's own, the real app on it, and a place to write results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findOrStartServer, withAdminClient, withDatabase } from '@commons/db';
import { TestApp } from '@commons/testing';

export interface BenchContext {
  app: TestApp;
  done(): Promise<void>;
}

export async function startBenchApp(env: Record<string, string> = {}): Promise<BenchContext> {
  const server = await findOrStartServer((message) => console.error(message));
  process.env.COMMONS_TEST_ADMIN_URL = server.adminUrl;
  process.env.COMMONS_TEST_TEMPLATE = `commons_bench_template_${process.pid}`;
  const app = await TestApp.start({ DATABASE_POOL_SIZE: '20', ...env });
  // Benchmarks close proposals as soon as the ballots are in.
  await app.foundBylaws({ minVotingHours: 0 });
  return {
    app,
    async done() {
      await app.stop();
      await withAdminClient(server.adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${process.env.COMMONS_TEST_TEMPLATE}" WITH (FORCE)`),
      );
      await server.embedded?.stop();
    },
  };
}

export function machine(): Record<string, unknown> {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** Writes `bench/results/<name>.json` with the machine it ran on. */
export function writeResult(name: string, result: Record<string, unknown>): void {
  const dir = join(process.cwd(), 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), ...result }, null, 2) + '\n',
  );
}

export { withDatabase };
