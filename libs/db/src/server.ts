import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

export interface PostgresServer {
  /** A URL to the server's maintenance database (`postgres`), for creating and dropping databases. */
  adminUrl: string;
  /** The server this process started itself, if it had to. */
  embedded?: EmbeddedDatabase;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
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

/** `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * The PostgreSQL to run tests and checks on: DATABASE_URL when set, else the server at
 * 127.0.0.1:5432 when one answers, else an embedded one started here in a temporary folder.
 */
export async function findOrStartServer(log: (message: string) => void = () => undefined): Promise<PostgresServer> {
  if (process.env.DATABASE_URL) {
    const adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    if (!(await answers(adminUrl))) throw new Error(`DATABASE_URL is set but no PostgreSQL answers at ${new URL(adminUrl).host}.`);
    return { adminUrl };
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await answers(local)) return { adminUrl: local };
  log('No PostgreSQL at 127.0.0.1:5432: starting an embedded one');
  const embedded = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'commons-pg-')),
    database: 'postgres',
    fast: true,
    log,
  });
  return { adminUrl: embedded.url, embedded };
}

/** Runs `work` with a client on the maintenance database. */
export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
