import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@commons/db';

/** The JWT secret and first admin of servers started here, so callers can sign tokens and sign in. */
export const API_PROCESS_SECRET = 'api-process-secret-that-is-long-enough';
const API_PROCESS_AUDIT_KEY = 'api-process-audit-key-that-is-long-enough';
const API_PROCESS_BALLOT_KEY = 'api-process-ballot-key-that-is-long-enough';
export const API_PROCESS_ADMIN = { email: 'admin@api-process.test', password: 'api process admin password' };

export interface ApiProcessOptions {
  port?: number;
  /** `source` runs the TypeScript through swc (no build); `dist` runs the compiled server, as in production. */
  entry?: 'source' | 'dist';
  /** Another compiled copy of the server (a folder holding its `dist/` and `apps/api/runtime/`), e.g. an earlier build to compare with. */
  root?: string;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  logLevel?: string;
  /** More environment for the server (e.g. DATABASE_POOL_SIZE). */
  env?: Record<string, string>;
  /** Show the server's error output (stderr). */
  showLogs?: boolean;
}

const ENTRIES = {
  source: ['--import', './scripts/register-ts.mjs', 'apps/api/src/main.ts'],
  dist: ['--import', './apps/api/runtime/register.mjs', 'dist/apps/api/src/main.js'],
};

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  url: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The real server in a process of its own (for fault tests, which kill it, and load benchmarks, which
 * must not share its event loop), on `databaseUrl`; resolves once `/health` answers.
 */
export async function startApiProcess(databaseUrl: string, options: ApiProcessOptions = {}): Promise<ApiProcess> {
  const chosen = options.port ?? (await freePort());
  const entry = options.root
    ? ['--import', `${options.root}/apps/api/runtime/register.mjs`, `${options.root}/dist/apps/api/src/main.js`]
    : ENTRIES[options.entry ?? 'source'];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(chosen),
      JWT_SECRET: API_PROCESS_SECRET,
      AUDIT_KEY: API_PROCESS_AUDIT_KEY,
      BALLOT_KEY: API_PROCESS_BALLOT_KEY,
      NODE_ENV: 'production',
      LOG_LEVEL: options.logLevel ?? 'error',
      ADMIN_EMAIL: API_PROCESS_ADMIN.email,
      ADMIN_PASSWORD: API_PROCESS_ADMIN.password,
      ...options.env,
    },
    stdio: ['ignore', 'ignore', options.showLogs ? 'inherit' : 'ignore'],
  });
  const url = `http://127.0.0.1:${chosen}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let up = false;
  for (let waited = 0; waited < 60_000 && !up; waited += 200) {
    if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode} while starting`);
    up = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
    if (!up) await new Promise((wake) => setTimeout(wake, 200));
  }
  if (!up) {
    child.kill('SIGKILL');
    throw new Error('The API did not start within a minute');
  }
  return {
    child,
    port: chosen,
    url,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** GraphQL answers come in many shapes; tests read what they asked for. */
type Data = any;

/** The headers of a GraphQL POST as the holder of `token` (anonymous without one). */
export function graphqlHeaders(token?: string): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/** POST /graphql to a server process; the answer as text and, when it is JSON, parsed. */
export async function gqlOver(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: graphqlHeaders(token),
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: Data; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null = null;
  try {
    body = JSON.parse(text);
  } catch {
    // left null: the caller asserts that answers are JSON
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body };
}
