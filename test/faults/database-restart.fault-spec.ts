import { JwtService } from '@nestjs/jwt';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from '@commons/db';
import { API_PROCESS_ADMIN, API_PROCESS_SECRET, type ApiProcess, gqlOver, startApiProcess } from '@commons/testing';
import { migrate } from '../../apps/api/src/database/migrate.js';

/** Codes a request may get while the database is down: none of them internal. */
const OUTAGE_CODES = new Set(['SERVICE_UNAVAILABLE', 'UNAUTHENTICATED', 'CONFLICT']);

describe('PostgreSQL restarting under the API', () => {
  // A cluster of the test's own: the shared server is never restarted.
  const dataDir = mkdtempSync(join(tmpdir(), 'commons-restart-'));
  let database: EmbeddedDatabase;
  let api: ApiProcess | undefined;
  let port: number;
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await database?.stop().catch(() => undefined);
  });

  async function health(): Promise<number> {
    return (await fetch(`${api!.url}/health`)).status;
  }

  async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
    for (let waited = 0; waited < 30_000; waited += 250) {
      if (await condition().catch(() => false)) return;
      await new Promise((wake) => setTimeout(wake, 250));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  it('answers clean errors during the outage, reports unhealthy, then serves again without a restart', async () => {
    port = await freePort();
    database = await startEmbeddedPostgres({ dataDir, port, fast: true });
    await migrate(database.url);
    api = await startApiProcess(database.url, { showLogs: Boolean(process.env.FAULT_LOGS) });
    const pid = api.child.pid;
    const login = (
      await gqlOver(api.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
        e: API_PROCESS_ADMIN.email,
        p: API_PROCESS_ADMIN.password,
      })
    ).body!.data.login;
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    await sql.query(
      `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
       SELECT 'Voter ' || n, 'voter' || n || '@faults.test', 'x', 'ACTIVE', '{MEMBER}', 'WORKER', now() FROM generate_series(1, 200) AS n`,
    );
    const voters = (await sql.query(`SELECT id FROM members WHERE email LIKE 'voter%@faults.test'`)).rows as Array<{ id: string }>;
    await sql.end();
    const created = (
      await gqlOver(
        api.url,
        `mutation { createProposal(input: { title: "Outage", body: "b", method: MAJORITY }) { id options { id } } }`,
        {},
        login.token,
      )
    ).body!.data.createProposal;
    await gqlOver(api.url, `mutation($id: ID!) { openProposal(id: $id) { id } }`, { id: created.id }, login.token);
    const signer = new JwtService({ secret: API_PROCESS_SECRET });
    const vote = (i: number) =>
      gqlOver(
        api!.url,
        `mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }`,
        { input: { proposalId: created.id, optionIds: [created.options[i % 2].id] } },
        signer.sign({ sub: voters[i % voters.length].id }),
      );

    // A burst in the background for the whole test.
    const answers: Awaited<ReturnType<typeof vote>>[] = [];
    let running = true;
    let sent = 0;
    const burst = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (running) answers.push(await vote(sent++));
      }),
    );
    await new Promise((wake) => setTimeout(wake, 1_000));
    expect(await health()).toBe(200);

    await database.stop();
    await waitFor(async () => (await health()) === 503, '/health to report the outage');
    const duringOutage = await vote(0);
    expect(duringOutage.contentType).toMatch(/application\/json/);
    expect(duringOutage.body?.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(duringOutage.text).not.toMatch(/<html|\bat .*\.(js|ts):\d+/i);

    database = await startEmbeddedPostgres({ dataDir, port, fast: true });
    await waitFor(async () => (await health()) === 200, '/health to recover');
    await waitFor(async () => Boolean((await vote(1)).body?.data?.castVote), 'votes to succeed again');
    running = false;
    await burst;

    expect(api.child.exitCode).toBeNull();
    expect(api.child.pid).toBe(pid);
    expect(answers.length).toBeGreaterThan(20);
    for (const answer of answers) {
      expect(answer.contentType).toMatch(/application\/json/);
      expect(answer.text).not.toMatch(/<html|\bat .*\.(js|ts):\d+/i);
      for (const error of answer.body?.errors ?? []) expect(OUTAGE_CODES).toContain(error.extensions?.code);
    }
    expect(answers.some((answer) => answer.body?.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(answers.some((answer) => answer.body?.data?.castVote)).toBe(true);
  });
});
