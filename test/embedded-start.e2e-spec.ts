import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@commons/db';
import { gqlOver } from '@commons/testing';

/**
 * The server as a newcomer starts it: no DATABASE_URL, so on the embedded PostgreSQL in DATA_DIR, here
 * inside a folder made as `mktemp -d` makes it (mode 700), as root when the tests run as root (CI does).
 */
interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const ADMIN = { email: 'founder@coop.test', password: 'founder password' };
/** Time allowed for one start: the server is compiled from source as it starts, slow on a busy machine. */
const STARTS = 100_000;

function startServer(env: Record<string, string>): Started {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const port = env.PORT;
  const child = spawn(process.execPath, ['--import', './scripts/register-ts.mjs', 'apps/api/src/main.ts'], {
    env: { ...inherited, LOG_LEVEL: 'log', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, stdout: () => stdout, stderr: () => stderr, exited };
}

async function healthy(server: Started): Promise<void> {
  for (let waited = 0; waited < STARTS; waited += 250) {
    if (server.child.exitCode !== null) throw new Error(`The server exited with ${server.child.exitCode}: ${server.stderr()}`);
    const up = await fetch(`${server.url}/health`).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
    if (up) return;
    await new Promise((wake) => setTimeout(wake, 250));
  }
  throw new Error(`The server did not answer /health: ${server.stderr()}`);
}

const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { member { name } } }';
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { member { name status } } }';

const privateFolder = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'commons-newcomer-'));
  chmodSync(folder, 0o700);
  return realpathSync(folder);
};

describe('npm start wherever a newcomer puts it', () => {
  const running: Started[] = [];
  afterAll(async () => {
    for (const server of running) {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it(
    'serves from a private folder (mode 700) on its embedded database, keeping the data across a restart and a kill -9',
    async () => {
      const home = privateFolder();
      const env = { DATA_DIR: join(home, 'data'), PORT: String(await freePort()) };

      const first = startServer(env);
      running.push(first);
      await healthy(first);
      const registered = await gqlOver(first.url, REGISTER, {
        input: { name: 'Newcomer', email: 'newcomer@coop.test', password: 'newcomer password' },
      });
      expect(registered.body?.data).toEqual({ register: { member: { name: 'Newcomer', status: 'APPLICANT' } } });
      if (process.getuid?.() === 0) {
        // PostgreSQL ran as the OS user postgres, reaching the data through the traverse bit alone.
        expect(statSync(home).mode & 0o777).toBe(0o701);
        expect(first.stdout()).toContain(`Opened ${home} for traversal only (o+x, no listing)`);
      }
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = startServer(env);
      running.push(second);
      await healthy(second);
      const afterRestart = await gqlOver(second.url, LOGIN, { email: 'newcomer@coop.test', password: 'newcomer password' });
      expect(afterRestart.body?.data).toEqual({ login: { member: { name: 'Newcomer' } } });
      second.child.kill('SIGKILL'); // leaves its PostgreSQL running, holding the data folder
      await second.exited;

      const third = startServer(env);
      running.push(third);
      await healthy(third);
      const afterKill = await gqlOver(third.url, LOGIN, { email: 'newcomer@coop.test', password: 'newcomer password' });
      expect(afterKill.body?.data).toEqual({ login: { member: { name: 'Newcomer' } } });
      expect(third.stdout()).toMatch(/Stopping a PostgreSQL \(pid \d+\) left running by an earlier process/);
      third.child.kill('SIGTERM');
      expect(await third.exited).toBe(0);
      rmSync(home, { recursive: true, force: true });
    },
    STARTS * 3,
  );

  describe('when the embedded database cannot start', () => {
    /** The server exits non-zero, having printed one sentence and no stack trace. */
    async function refusal(env: Record<string, string>): Promise<string> {
      const server = startServer({ PORT: String(await freePort()), ...env });
      running.push(server);
      expect(await server.exited).toBe(1);
      const printed = server.stderr().trim();
      expect(printed.split('\n')).toHaveLength(1);
      expect(`${server.stdout()}\n${printed}`).not.toMatch(/^\s+at /m);
      expect(printed).toMatch(/^[A-Z].*\.$/);
      return printed;
    }

    it(
      'says in one sentence that the data folder is a file',
      async () => {
        const file = join(privateFolder(), 'data');
        writeFileSync(file, 'not a folder');
        expect(await refusal({ DATA_DIR: file })).toBe(
          `Invalid configuration: DATA_DIR ${file} must be a folder this user can write (it is a file), as it keeps the development secrets and the embedded database.`,
        );
        // With every secret given, the embedded database is the first to need the folder.
        const secrets = {
          JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
          AUDIT_KEY: 'an-audit-key-of-at-least-thirty-two-characters',
          BALLOT_KEY: 'a-ballot-key-of-at-least-thirty-two-characters',
          NOTIFICATIONS_SECRET: 'a-notifications-secret-of-at-least-thirty-two-characters',
        };
        expect(await refusal({ DATA_DIR: file, ...secrets })).toBe(
          `The data folder ${file} is a file, not a folder: set DATA_DIR to a folder, or set DATABASE_URL to use another PostgreSQL.`,
        );
      },
      STARTS * 2,
    );

    it(
      'says in one sentence that its port is taken',
      async () => {
        const port = await freePort();
        const taken: Server = createServer();
        await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
        try {
          expect(await refusal({ DATA_DIR: join(privateFolder(), 'data'), EMBEDDED_PG_PORT: String(port) })).toBe(
            `Port ${port} is already in use, so the embedded PostgreSQL cannot listen on it: set EMBEDDED_PG_PORT to a free port or leave it unset to have one chosen, or set DATABASE_URL to use another PostgreSQL.`,
          );
        } finally {
          taken.close();
        }
      },
      STARTS * 2,
    );

    it(
      'says in one sentence that its data folder is damaged',
      async () => {
        const dataDir = join(privateFolder(), 'data');
        await (await startEmbeddedPostgres({ dataDir, fast: true })).stop();
        rmSync(join(dataDir, 'postgres', 'global', 'pg_control'));
        expect(await refusal({ DATA_DIR: dataDir })).toBe(
          `The data in ${dataDir}/postgres looks damaged, so the embedded PostgreSQL did not start (could not find the database system): restore that folder from a backup, or move it aside to start with an empty database.`,
        );
      },
      STARTS * 2,
    );
  });
});
