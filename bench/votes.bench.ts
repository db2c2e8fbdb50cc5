// Vote casting over HTTP, against the ceiling PostgreSQL itself sets for the same SQL.
// Starts the compiled API as its own process on a fresh database, creates 20,000 ACTIVE members with
// tokens and an OPEN proposal, drives castVote with autocannon at 16 and 64 connections (20 s each),
// then runs pgbench with one vote's SQL at the same concurrency.
// Usage: npm run build && node --import ./scripts/register-ts.mjs bench/votes.bench.ts [seconds]
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { findOrStartServer, withAdminClient, withDatabase } from '@commons/db';
import { API_PROCESS_ADMIN, API_PROCESS_SECRET, type ApiProcess, gqlOver, startApiProcess } from '@commons/testing';
import { migrate } from '../apps/api/src/database/migrate.js';
import { writeResult } from './support.js';

const SECONDS = Number(process.argv[2] ?? 20);
const MEMBERS = 20_000;
const CONNECTIONS = [16, 64];

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

interface BenchData {
  login: { token: string };
  createProposal: { id: string; options: Array<{ id: string }> };
}

async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<BenchData> {
  const { body } = await gqlOver(url, query, variables, token);
  if (!body || body.errors) throw new Error(JSON.stringify(body?.errors ?? 'not JSON'));
  return body.data as BenchData;
}

async function drive(url: string, connections: number, bodies: string[], tokens: string[]) {
  let next = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
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
  let api: ApiProcess | undefined;
  try {
    await migrate(databaseUrl);
    // The compiled server, as in production; BENCH_CPU_PROF=dir profiles it (node --cpu-prof).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    api = await startApiProcess(databaseUrl, {
      entry: 'dist',
      nodeArgs: profile,
      logLevel: 'warn',
      showLogs: Boolean(process.env.BENCH_API_LOG),
    });
    const url = api.url;
    const sql = new pg.Client({ connectionString: databaseUrl });
    sql.on('error', () => undefined);
    await sql.connect();
    await sql.query(
      `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
       SELECT 'Voter ' || n, 'voter' || n || '@bench.test', 'x', 'ACTIVE', '{MEMBER}', 'WORKER', now() FROM generate_series(1, $1) AS n`,
      [MEMBERS],
    );
    const { login } = await gql(url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
      e: API_PROCESS_ADMIN.email,
      p: API_PROCESS_ADMIN.password,
    });
    const { createProposal } = await gql(
      url,
      `mutation { createProposal(input: { title: "Burst", body: "b", method: MAJORITY }) { id options { id } } }`,
      {},
      login.token,
    );
    await gql(url, `mutation($id: ID!) { openProposal(id: $id) { id } }`, { id: createProposal.id }, login.token);
    const voters = (await sql.query(`SELECT id FROM members WHERE email LIKE 'voter%@bench.test' ORDER BY email`)).rows as Array<{
      id: string;
    }>;
    await sql.query('CREATE TABLE bench_voters (n int PRIMARY KEY, member_id uuid NOT NULL)');
    await sql.query('INSERT INTO bench_voters SELECT row_number() OVER (ORDER BY id), id FROM members WHERE email LIKE $1', [
      'voter%@bench.test',
    ]);
    const signer = new JwtService({ secret: API_PROCESS_SECRET, signOptions: { expiresIn: '2h' } });
    const tokens = voters.map((voter) => signer.sign({ sub: voter.id }));
    const optionIds: string[] = createProposal.options.map((option: { id: string }) => option.id);
    const bodies = voters.map((_, i) =>
      JSON.stringify({
        query: 'mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }',
        variables: { input: { proposalId: createProposal.id, optionIds: [optionIds[i % 3]] } },
      }),
    );
    await drive(url, 16, bodies, tokens.slice(0, 500)); // warm-up: JIT, pool, caches
    const rows: Array<Record<string, unknown>> = [];
    const pgbench = pgbenchPath();
    for (const connections of CONNECTIONS) {
      const measured = await drive(url, connections, bodies, tokens);
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
    await api?.stop();
    await withAdminClient(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    await server.embedded?.stop();
  }
}

await main();
