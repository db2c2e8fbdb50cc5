// Vote casting over HTTP, against the ceiling PostgreSQL itself sets for the same SQL.
// Starts the compiled API as its own process on a fresh database, creates 20,000 ACTIVE members with
// tokens and an OPEN proposal, drives castVote with autocannon at 16 and 64 connections (20 s each),
// then runs pgbench with the work a vote needs (ballot upsert, audit insert, commit) at the same concurrency.
// Then starts a second API process on the same database and drives both (connections split across them)
// with a live-tally subscriber on each, and checks that both subscribers saw every vote and that the two
// processes' closers close the proposal once (exit code 1 otherwise).
// Usage: npm run build && node --import ./scripts/register-ts.mjs bench/votes.bench.ts [seconds]
// (BENCH_CONNECTIONS=16 one level only; BENCH_PROCESSES=1 one process only; BENCH_CPU_PROF=dir profiles the API.)
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { findOrStartServer, withAdminClient, withDatabase } from '@commons/db';
import { API_PROCESS_ADMIN, API_PROCESS_SECRET, type ApiProcess, gqlOver, startApiProcess } from '@commons/testing';
import { migrate } from '../apps/api/src/database/migrate.js';
import { CAST_OPEN } from '../libs/voting/src/ballots.service.js';
import { writeResult } from './support.js';

const SECONDS = Number(process.argv[2] ?? 20);
const MEMBERS = 20_000;
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '16,64').split(',').map(Number);
/** 1: one API process; 2: then also two API processes on the same database (BENCH_PROCESSES=1 skips it). */
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number);
const BEFORE = process.env.BENCH_BEFORE;
/** With BENCH_BEFORE: rounds of each build per connection count, alternating (the machine is shared and noisy). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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

async function drive(urls: string[], connections: number, bodies: string[], tokens: string[], from = 0) {
  let next = 0;
  let graphqlErrors = 0;
  let firstError: string | undefined;
  // Several targets: autocannon spreads the connections over them, round robin, in one histogram (its
  // types know only one).
  const result = await autocannon({
    url: (urls.length === 1 ? urls[0] : urls) as string,
    connections,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (request) => {
          const i = (from + next++) % tokens.length;
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` }, body: bodies[i] };
        },
        onResponse: (_status, body) => {
          if (body.includes('"errors"')) {
            graphqlErrors += 1;
            firstError ??= body.slice(0, 300);
          }
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
    // autocannon counts timeouts among its errors.
    errors: result.errors + graphqlErrors,
    total: result.requests.total,
    ...(firstError ? { firstError } : {}),
    ...(result.timeouts ? { timeouts: result.timeouts } : {}),
  };
}

function pgbenchTps(pgbench: string, databaseUrl: string, body: string, connections: number): number {
  const script = join(mkdtempSync(join(tmpdir(), 'commons-pgbench-')), 'vote.sql');
  writeFileSync(script, `\\set n random(1, ${MEMBERS})\n${body}`);
  // The server is shared: when it has no connection slots left for a moment, try again a little later.
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    try {
      const output = execFileSync(
        pgbench,
        ['-M', 'prepared', '-n', '-c', String(connections), '-j', '2', '-T', String(SECONDS), '-f', script, databaseUrl],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ).toString();
      const match = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(output);
      if (match) return Math.round(Number(match[1]));
    } catch (error) {
      console.error(`pgbench failed (try ${attempt} of 6): ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`);
      execFileSync('sleep', ['10']);
    }
  }
  return NaN;
}

const voter = '(SELECT member_id FROM bench_voters WHERE n = :n)';

/**
 * The ceiling: the work a vote needs and nothing of this project's own path, on the same server, at the
 * same concurrency, in the same run: upsert the ballot, append the audit entry, commit. Prepared
 * statements, as the API's own vote statement is.
 */
function ceiling(pgbench: string, databaseUrl: string, proposalId: string, optionId: string, connections: number): number {
  const optionIds = JSON.stringify([optionId]);
  return pgbenchTps(
    pgbench,
    databaseUrl,
    `BEGIN;
INSERT INTO ballots (proposal_id, member_id, option_ids, scores, receipt_hash, cast_at)
  SELECT '${proposalId}', member_id, '${optionIds}', NULL, md5(random()::text) || md5(random()::text), now() FROM bench_voters WHERE n = :n
  ON CONFLICT (proposal_id, member_id) DO UPDATE SET option_ids = EXCLUDED.option_ids, scores = EXCLUDED.scores, receipt_hash = EXCLUDED.receipt_hash, cast_at = EXCLUDED.cast_at;
INSERT INTO audit_entries (at, actor_id, action, entity_type, entity_id, data)
  SELECT now(), member_id, 'vote.cast', 'Proposal', '${proposalId}', '{"secret": false, "optionIds": ${optionIds}, "scores": null}' FROM bench_voters WHERE n = :n;
END;
`,
    connections,
  );
}

/**
 * The API's own vote statement (BallotsService, CAST_OPEN) alone, as pgbench runs it (autocommit, like
 * castVote): how close the statement itself comes to the ceiling, without Node, HTTP and GraphQL.
 */
function statementAlone(pgbench: string, databaseUrl: string, proposalId: string, optionId: string, connections: number): number {
  const optionIds = JSON.stringify([optionId]);
  const values: Record<number, string> = {
    1: `'${proposalId}'`,
    2: voter,
    3: `'${optionIds}'`,
    4: 'NULL',
    5: 'md5(random()::text) || md5(random()::text)',
    6: 'now()',
    7: 'now()',
    8: voter,
    9: `'vote.cast'`,
    10: `'Proposal'`,
    11: `'${proposalId}'`,
    12: `'{"secret": false, "optionIds": ${optionIds}, "scores": null}'`,
  };
  const sql = CAST_OPEN.replace(/\$(\d+)/g, (_, n: string) => values[Number(n)]).replace(/\s+/g, ' ');
  return pgbenchTps(pgbench, databaseUrl, `${sql};\n`, connections);
}

/** A graphql-ws subscriber to a proposal's live tally on one process: the last count of participants it was sent. */
function follow(url: string, token: string, proposalId: string) {
  const client = createClient({
    url: url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const state = { participants: -1, updates: 0, error: undefined as string | undefined };
  client.subscribe(
    { query: 'subscription($id: ID!) { tallyUpdated(proposalId: $id) { participants } }', variables: { id: proposalId } },
    {
      next: (message) => {
        if (message.errors) state.error ??= JSON.stringify(message.errors);
        const tally = message.data?.tallyUpdated as { participants: number } | undefined;
        if (tally) {
          state.participants = tally.participants;
          state.updates += 1;
        }
      },
      error: (error) => (state.error ??= String(error instanceof Error ? error.message : JSON.stringify(error))),
      complete: () => undefined,
    },
  );
  return { state, stop: () => client.dispose() };
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 500) {
    if (await check()) return true;
    await new Promise((wake) => setTimeout(wake, 500));
  }
  return check();
}

async function main(): Promise<void> {
  const server = await findOrStartServer((message) => console.error(message));
  const database = `commons_bench_votes_${process.pid}`;
  await withAdminClient(server.adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
  const databaseUrl = withDatabase(server.adminUrl, database);
  const apis: ApiProcess[] = [];
  const followers: Array<ReturnType<typeof follow>> = [];
  try {
    await migrate(databaseUrl);
    // The compiled server, as in production; BENCH_CPU_PROF=dir profiles it (node --cpu-prof).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const start = (root?: string, env?: Record<string, string>) =>
      startApiProcess(databaseUrl, {
        entry: 'dist',
        root,
        env,
        nodeArgs: profile,
        logLevel: 'warn',
        showLogs: Boolean(process.env.BENCH_API_LOG),
      });
    apis.push(await start());
    // BENCH_BEFORE=folder: an earlier build (its dist/ and apps/api/runtime/) measured in the same run, for before/after ratios.
    // BENCH_BEFORE_ENV="NAME=value ...": its environment (BENCH_BEFORE=. with it compares settings of this build).
    const beforeEnv = Object.fromEntries(
      (process.env.BENCH_BEFORE_ENV ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    const before = BEFORE ? await start(BEFORE, beforeEnv) : undefined;
    const url = apis[0].url;
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
    // Votes may close as soon as the closer gets to them (the two-process run checks the closer).
    await gql(url, 'mutation { foundBylaws(changes: { minVotingHours: 0 }) { version } }', {}, login.token);
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
    const pgbench = pgbenchPath();
    const ceilings = new Map<number, { ceilingTps: number; statementTps: number }>();
    const rows: Array<Record<string, unknown>> = [];
    const record = (processes: number, measured: { connections: number; requestsPerSecond: number }) => {
      const { ceilingTps, statementTps } = ceilings.get(measured.connections)!;
      const row = {
        processes,
        ...measured,
        ceilingTps,
        ratio: Number.isFinite(ceilingTps) ? Number((measured.requestsPerSecond / ceilingTps).toFixed(3)) : null,
        ...(processes === 1
          ? { statementTps, statementRatio: Number.isFinite(ceilingTps) ? Number((statementTps / ceilingTps).toFixed(3)) : null }
          : {}),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    };

    // Transactions committed on the benchmark's database per vote answered: round trips that commit (the
    // vote, a member looked up outside a transaction) plus background work; independent of the load.
    const commits = async () =>
      Number(
        (await sql.query('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()')).rows[0].xact_commit as string,
      );
    const measure = async (urls: string[], connections: number, from: number) => {
      const first = await commits();
      const measured = await drive(urls, connections, bodies, tokens, from);
      // pg_stat_database is updated by backends when idle, at most every half second or so.
      await new Promise((wake) => setTimeout(wake, 1_500));
      return { ...measured, commitsPerVote: Number(((await commits()) - first) / Math.max(1, measured.total)).toFixed(2) };
    };
    const sum = (runs: Array<Awaited<ReturnType<typeof measure>>>) => {
      const total = runs.reduce((n, run) => n + run.total, 0);
      return {
        connections: runs[0].connections,
        requestsPerSecond: Math.round(total / (SECONDS * runs.length)),
        // The worst round's, so never better than a single run would say.
        p50ms: Math.max(...runs.map((run) => run.p50ms)),
        p99ms: Math.max(...runs.map((run) => run.p99ms)),
        non2xx: runs.reduce((n, run) => n + run.non2xx, 0),
        errors: runs.reduce((n, run) => n + run.errors, 0),
        total,
        commitsPerVote: runs.map((run) => run.commitsPerVote).join(' '),
        ...(runs.length > 1 ? { rounds: runs.map((run) => run.requestsPerSecond) } : {}),
      };
    };

    // One process; with BENCH_BEFORE the earlier build too, in alternating rounds (before, after, after,
    // before, ...), each pair on voters no process has seen yet (as in a vote of all members, each once).
    await drive([url], 16, bodies, tokens.slice(0, 500)); // warm-up: JIT, pool, caches
    if (before) await drive([before.url], 16, bodies, tokens.slice(0, 500));
    let cursor = 500;
    const measuredOne = new Map<number, { after: ReturnType<typeof sum>; before?: ReturnType<typeof sum> }>();
    for (const connections of CONNECTIONS) {
      const afterRuns: Array<Awaited<ReturnType<typeof measure>>> = [];
      const beforeRuns: Array<Awaited<ReturnType<typeof measure>>> = [];
      for (let round = 0; round < (before ? ROUNDS : 1); round += 1) {
        const order = before ? (round % 2 ? ['after', 'before'] : ['before', 'after']) : ['after'];
        let used = 0;
        for (const build of order) {
          const run = await measure([build === 'before' ? before!.url : url], connections, cursor);
          (build === 'before' ? beforeRuns : afterRuns).push(run);
          used = Math.max(used, run.total);
        }
        cursor += used;
      }
      measuredOne.set(connections, { after: sum(afterRuns), ...(before ? { before: sum(beforeRuns) } : {}) });
    }
    await before?.stop();
    // pgbench's ceiling appends audit entries too (tens of thousands): the API seals them and fans them out
    // afterwards. That is the ceiling's work, not a vote's, so the next drive waits until it is done.
    const settle = async () => {
      const done = await until(async () => {
        const [row] = (
          await sql.query(
            `SELECT (SELECT count(*) FROM audit_entries WHERE seq IS NULL)::int AS unsealed,
                    coalesce((SELECT max(seq) FROM audit_entries), 0) - coalesce((SELECT min(last_seq) FROM notification_cursor), 0) AS behind`,
          )
        ).rows;
        return row.unsealed === 0 && Number(row.behind) <= 0;
      }, 180_000);
      if (!done) console.error('The audit sealer or the notifications worker did not catch up within 3 minutes');
    };
    // The ceilings, once the earlier build's connections are gone (the server is shared and has few slots).
    for (const connections of CONNECTIONS) {
      ceilings.set(connections, {
        ceilingTps: pgbench ? ceiling(pgbench, databaseUrl, createProposal.id, optionIds[0], connections) : NaN,
        statementTps: pgbench ? statementAlone(pgbench, databaseUrl, createProposal.id, optionIds[0], connections) : NaN,
      });
      const { after, before: earlier } = measuredOne.get(connections)!;
      if (earlier) {
        const { ceilingTps } = ceilings.get(connections)!;
        rows.push({
          build: 'before',
          processes: 1,
          ...earlier,
          ceilingTps,
          ratio: Number((earlier.requestsPerSecond / ceilingTps).toFixed(3)),
        });
        console.log(JSON.stringify(rows.at(-1)));
      }
      record(1, after);
      if (earlier) {
        const ratio = Number((after.requestsPerSecond / earlier.requestsPerSecond).toFixed(3));
        Object.assign(rows.at(-1)!, { afterOverBefore: ratio });
        console.log(JSON.stringify({ connections, afterOverBefore: ratio }));
      }
    }

    // Two processes on the same database, autocannon's connections split across them, a live-tally
    // subscriber on each; then the closers of both race to close the proposal.
    let twoProcesses: Record<string, unknown> | undefined;
    if (PROCESSES.includes(2)) {
      await settle();
      apis.push(await start());
      const urls = apis.map((api) => api.url);
      for (const api of apis) followers.push(follow(api.url, login.token, createProposal.id));
      await drive(urls, 16, bodies, tokens.slice(0, 500)); // warm-up of the second process
      for (const connections of CONNECTIONS) {
        const measured = await measure(urls, connections, cursor);
        cursor += measured.total;
        record(2, measured);
      }
      // What the tally counts: voters on the roll who voted (pgbench's ceiling writes ballots, not the roll).
      const voted = async () =>
        (await sql.query('SELECT count(*)::int AS n FROM proposal_voters WHERE proposal_id = $1 AND has_voted', [createProposal.id]))
          .rows[0].n as number;
      // Every vote reached the subscribers of both processes: each one's last tally counts every voter
      // (autocannon stops with requests in flight, so the count is read again until they agree).
      let cast = await voted();
      const tallied = await until(async () => {
        cast = await voted();
        return followers.every((follower) => follower.state.participants === cast);
      }, 15_000);
      const subscribers = followers.map((follower) => ({ ...follower.state }));
      // Both processes' closers find the proposal due; it must close once, and no vote lands after it.
      await sql.query(`UPDATE proposals SET closes_at = now() + interval '1 second' WHERE id = $1`, [createProposal.id]);
      const closed = await until(
        async () => (await sql.query('SELECT status FROM proposals WHERE id = $1', [createProposal.id])).rows[0].status === 'CLOSED',
        15_000,
      );
      const closes = (
        await sql.query(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action LIKE 'proposal.closed%'`, [
          createProposal.id,
        ])
      ).rows[0].n as number;
      const { query: castQuery, variables: castVariables } = JSON.parse(bodies[0]);
      const votedAtClose = await voted();
      const lateVotes = await Promise.all(
        urls.map(
          async (target) => (await gqlOver(target, castQuery, castVariables, tokens[0])).body?.errors?.[0]?.extensions?.code ?? 'OK',
        ),
      );
      const votedAfterClose = await voted();
      twoProcesses = { voted: cast, subscribers, everyVoteTallied: tallied, closed, closes, votedAtClose, votedAfterClose, lateVotes };
      console.log(JSON.stringify({ twoProcesses }));
      const ok = tallied && closed && closes === 1 && lateVotes.every((code) => code === 'CONFLICT') && votedAfterClose === votedAtClose;
      if (!ok) process.exitCode = 1;
    }
    const ballots = (await sql.query('SELECT count(*)::int AS n FROM ballots WHERE proposal_id = $1', [createProposal.id])).rows[0].n;
    await sql.end();
    writeResult('votes', {
      seconds: SECONDS,
      members: MEMBERS,
      ballots,
      loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
      pgbench: pgbench ?? 'not found',
      rows,
      ...(twoProcesses ? { twoProcesses } : {}),
    });
  } finally {
    for (const follower of followers) await follower.stop();
    for (const api of apis) await api.stop();
    await withAdminClient(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    await server.embedded?.stop();
  }
}

await main();
