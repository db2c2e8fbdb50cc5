// Runs once per test run, outside Jest's module system (so in plain JS): finds the PostgreSQL to test
// against — DATABASE_URL, else 127.0.0.1:5432 when it answers, else an embedded server started here —
// and names the run's template database, which the first spec file to need it migrates
// (test-database.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The project's own embedded PostgreSQL (libs/db), run from its TypeScript source as the benchmarks are. */
async function startEmbedded() {
  register('../../../scripts/ts-hooks.mjs', import.meta.url);
  const { startEmbeddedPostgres } = await import('../../db/src/embedded-postgres.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'commons-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    database: 'postgres',
    fast: true,
    settings: { max_connections: '300' },
    log: (message) => console.log(message),
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export default async function globalSetup() {
  let adminUrl;
  let embedded;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
    if (!(await answers(adminUrl))) throw new Error(`DATABASE_URL is set but no PostgreSQL answers at ${url.host}`);
  } else if (await answers('postgres://postgres@127.0.0.1:5432/postgres')) {
    adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  } else {
    console.log('\nNo PostgreSQL at 127.0.0.1:5432: starting an embedded one for the tests');
    embedded = await startEmbedded();
    adminUrl = embedded.url;
  }
  const template = `commons_template_${process.pid}_${Date.now()}`;
  process.env.COMMONS_TEST_ADMIN_URL = adminUrl;
  process.env.COMMONS_TEST_TEMPLATE = template;
  globalThis.__COMMONS_TEST_TEARDOWN__ = async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => undefined);
    await client.end();
    await embedded?.stop();
  };
}
