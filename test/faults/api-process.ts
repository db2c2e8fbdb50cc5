import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@commons/db';

export const FAULT_SECRET = 'fault-test-secret-that-is-long-enough';
export const ADMIN = { email: 'admin@faults.test', password: 'fault admin password' };

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  url: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The real server in a process of its own (run from source), so that it can be killed. */
export async function startApi(databaseUrl: string, port?: number): Promise<ApiProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', './scripts/register-ts.mjs', 'apps/api/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(chosen),
      JWT_SECRET: FAULT_SECRET,
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'ignore', process.env.FAULT_LOGS ? 'inherit' : 'ignore'],
  });
  const url = `http://127.0.0.1:${chosen}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 200));
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers of many shapes
type Data = any;

export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
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
