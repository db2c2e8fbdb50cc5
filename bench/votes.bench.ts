// Vote casting over HTTP, against the ceiling PostgreSQL itself sets for the same SQL.
// Starts the compiled API as its own process on a fresh database, creates 20,000 ACTIVE members with
// tokens and an OPEN proposal, drives castVote with autocannon at 16 and 64 connections (20 s each),
// then runs pgbench with one vote's SQL at the same concurrency.
// Usage: npm run build && node --import ./scripts/register-ts.mjs bench/votes.bench.ts [seconds]
import autocannon from 'autocannon';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { findOrStartServer, freePort, withAdminClient, withDatabase } from '@commons/db';
import { migrate } from '../apps/api/src/database/migrate.js';
import { writeResult } from './support.js';

const SECONDS = Number(process.argv[2] ?? 20);
const MEMBERS = 20_000;
const CONNECTIONS = [16, 64];
const SECRET = 'bench-secret-that-is-long-enough-for-hs256';

function pgbenchPath(): string | null {
  try {
    return execFileSync('which', ['pgbench']).toString().trim() || null;
  } catch {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return null;
    const versions = readdirSync(root).sort().reverse();
    const found = versions.map((version) => join(root, version, 'bin', 'pgbench')).find((path) => existsSync(path));
    return found ?? null;
  }
}

async function startApi(databaseUrl: string, port: number): Promise<ChildProcess> {
  // BENCH_CPU_PROF=dir: profile the API (node --cpu-prof) to see where a vote's time goes.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', './apps/api/runtime/register.mjs', 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JWT_SECRET: SECRET,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'admin@bench.test',
      ADMIN_PASSWORD: 'bench admin password',
    },
    stdio: ['ignore', 'inherit', process.env.BENCH_API_LOG ? 'inherit' : 'ignore'],
  });
  for (let waited = 0; waited < 60_000; waited += 200) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  child.kill('SIGKILL');
  throw new Error('The API did not start within a minute');
}

interface BenchData {
  login: { token: string };
  createProposal: { id: string; options: Array<{ id: string }> };
}

async function gql(port: number, query: string, variables: Record<string, unknown>, token?: string): Promise<BenchData> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: BenchData; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function drive(port: number, connections: number, bodies: string[], tokens: string[]) {
  let next = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (request) => {
          const i = next++ % tokens.length;
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` }, body: bodies[i] };
        },
        onResponse: (_status, body) => {
          if (body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  return {
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts + graphqlErrors,
    total: result.requests.total,
  };
}

function ceiling(pgbench: string, databaseUrl: string, proposalId: string, connections: number): number {
  const script = join(mkdtempSync(join(tmpdir(), 'commons-pgbench-')), 'vote.sql');
  // One vote's SQL, as BallotsService runs it: share the proposal's lock, read it and its options, mark the roll,
  // upsert the ballot, append the audit entry, notify live tallies.
  writeFileSync(
    script,
    `\\set n random(1, ${MEMBERS})
BEGIN;
SELECT pg_advisory_xact_lock_shared(7271, hashtext('${proposalId}'));
SELECT status, method, secret, seats, closes_at, colleges FROM proposals WHERE id = '${proposalId}';
SELECT id, label FROM proposal_options WHERE proposal_id = '${proposalId}' ORDER BY position;
UPDATE proposal_voters SET has_voted = true WHERE proposal_id = '${proposalId}' AND member_id = (SELECT member_id FROM bench_voters WHERE n = :n) RETURNING 1;
INSERT INTO ballots (proposal_id, member_id, option_ids, scores, receipt_hash, cast_at)
  SELECT '${proposalId}', member_id, '["x"]', NULL, md5(random()::text) || md5(random()::text), now() FROM bench_voters WHERE n = :n
  ON CONFLICT (proposal_id, member_id) DO UPDATE SET option_ids = EXCLUDED.option_ids, scores = EXCLUDED.scores, receipt_hash = EXCLUDED.receipt_hash, cast_at = EXCLUDED.cast_at;
INSERT INTO audit_entries (at, actor_id, action, entity_type, entity_id, data) SELECT now(), member_id, 'vote.cast', 'Proposal', '${proposalId}', '{"secret": false}' FROM bench_voters WHERE n = :n;
SELECT pg_notify('commons_tally', '${proposalId}');
END;
`,
  );
  const output = execFileSync(pgbench, ['-n', '-c', String(connections), '-j', '2', '-T', String(SECONDS), '-f', script, databaseUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
  const match = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(output);
  return match ? Math.round(Number(match[1])) : NaN;
}

async function main(): Promise<void> {
  const server = await findOrStartServer((message) => console.error(message));
  const database = `commons_bench_votes_${process.pid}`;
  await withAdminClient(server.adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
  const databaseUrl = withDatabase(server.adminUrl, database);
  let api: ChildProcess | undefined;
  try {
    await migrate(databaseUrl);
    const port = await freePort();
    api = await startApi(databaseUrl, port);
    const sql = new pg.Client({ connectionString: databaseUrl });
    sql.on('error', () => undefined);
    await sql.connect();
    await sql.query(
      `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
       SELECT 'Voter ' || n, 'voter' || n || '@bench.test', 'x', 'ACTIVE', '{MEMBER}', 'WORKER', now() FROM generate_series(1, $1) AS n`,
      [MEMBERS],
    );
    const { login } = await gql(port, `mutation { login(email: "admin@bench.test", password: "bench admin password") { token } }`, {});
    const { createProposal } = await gql(
      port,
      `mutation { createProposal(input: { title: "Burst", body: "b", method: MAJORITY }) { id options { id } } }`,
      {},
      login.token,
    );
    await gql(port, `mutation($id: ID!) { openProposal(id: $id) { id } }`, { id: createProposal.id }, login.token);
    const voters = (await sql.query(`SELECT id FROM members WHERE email LIKE 'voter%@bench.test' ORDER BY email`)).rows as Array<{
      id: string;
    }>;
    await sql.query('CREATE TABLE bench_voters (n int PRIMARY KEY, member_id uuid NOT NULL)');
    await sql.query('INSERT INTO bench_voters SELECT row_number() OVER (ORDER BY id), id FROM members WHERE email LIKE $1', [
      'voter%@bench.test',
    ]);
    const signer = new JwtService({ secret: SECRET, signOptions: { expiresIn: '2h' } });
    const tokens = voters.map((voter) => signer.sign({ sub: voter.id }));
    const optionIds: string[] = createProposal.options.map((option: { id: string }) => option.id);
    const bodies = voters.map((_, i) =>
      JSON.stringify({
        query: 'mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }',
        variables: { input: { proposalId: createProposal.id, optionIds: [optionIds[i % 3]] } },
      }),
    );
    await drive(port, 16, bodies, tokens.slice(0, 500)); // warm-up: JIT, pool, caches
    const rows: Array<Record<string, unknown>> = [];
    const pgbench = pgbenchPath();
    for (const connections of CONNECTIONS) {
      const measured = await drive(port, connections, bodies, tokens);
      const ceilingTps = pgbench ? ceiling(pgbench, databaseUrl, createProposal.id, connections) : NaN;
      const row = {
        ...measured,
        ceilingTps,
        ratio: Number.isFinite(ceilingTps) ? Number((measured.requestsPerSecond / ceilingTps).toFixed(3)) : null,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    const ballots = (await sql.query('SELECT count(*)::int AS n FROM ballots WHERE proposal_id = $1', [createProposal.id])).rows[0].n;
    await sql.end();
    writeResult('votes', { seconds: SECONDS, members: MEMBERS, ballots, pgbench: pgbench ?? 'not found', rows });
  } finally {
    api?.kill('SIGTERM');
    await new Promise((wake) => setTimeout(wake, 1_000));
    await withAdminClient(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    await server.embedded?.stop();
  }
}

await main();
