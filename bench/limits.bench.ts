// What one oversized operation costs the server before it is refused, over HTTP and over graphql-ws, and
// the pool under 100 concurrent refused secret re-votes.
// Usage: node --import ./scripts/register-ts.mjs bench/limits.bench.ts
import WebSocket from 'ws';
import type { TestApp } from '@commons/testing';
import { members, openProposal, vote } from '../test/voting-helpers.js';
import { startBenchApp, writeResult } from './support.js';

const RUNS = 5;

const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: stakeholderClasses { code }`).join(' ');
const fragmentBomb = (levels: number) =>
  `query { ...F0 } ${Array.from({ length: levels }, (_, i) =>
    i === levels - 1 ? `fragment F${i} on Query { stakeholderClasses { code } }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  ).join(' ')}`;

const OPERATIONS: Record<string, string> = {
  '3,000 aliases': `{ ${aliases(3000)} }`,
  '31 aliases': `{ ${aliases(31)} }`,
  'fragment bomb (2^40 fields)': fragmentBomb(40),
  'cost over the limit (100 live tallies)': '{ proposals(first: 100) { edges { node { id tally { eligible } } } } }',
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A graphql-ws connection, acknowledged, that sends operations one at a time and waits for each first answer. */
async function socketTo(t: TestApp, token: string) {
  const socket = new WebSocket(t.baseUrl.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  const waiting = new Map<string, (message: { type: string; payload: unknown }) => void>();
  await new Promise<void>((ready, fail) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'connection_ack') ready();
      else waiting.get(message.id)?.(message);
    });
    socket.on('error', fail);
  });
  let next = 0;
  return {
    run(query: string): Promise<{ type: string; payload: unknown }> {
      const id = String(++next);
      return new Promise((answer) => {
        waiting.set(id, answer);
        socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
      });
    },
    close: () => socket.close(),
  };
}

/** Milliseconds from sending a 10 MB message to the server closing the socket. */
async function oversizedMessage(t: TestApp): Promise<{ ms: number; code: number }> {
  const socket = new WebSocket(t.baseUrl.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  await new Promise<void>((ready) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data) => JSON.parse(String(data)).type === 'connection_ack' && ready());
  });
  const body = JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ me { id } }', padding: 'x'.repeat(10 * 1024 * 1024) } });
  const started = performance.now();
  const code = await new Promise<number>((closed) => {
    socket.on('close', (closeCode) => closed(closeCode));
    socket.send(body);
  });
  return { ms: performance.now() - started, code };
}

async function apiConnections(t: TestApp): Promise<number> {
  const { rows } = await t.sql.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'commons'`,
  );
  return rows[0].n;
}

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const t = bench.app;
  const admin = await t.admin();
  const rows: Array<Record<string, unknown>> = [];
  try {
    const socket = await socketTo(t, admin.token);
    for (const [name, query] of Object.entries(OPERATIONS)) {
      const http: number[] = [];
      const ws: number[] = [];
      let httpCode: unknown;
      let wsCode: unknown;
      for (let run = 0; run < RUNS; run += 1) {
        let started = performance.now();
        const response = await t.gql(query, {}, admin.token);
        http.push(performance.now() - started);
        httpCode = response.errors?.[0].extensions?.code;
        started = performance.now();
        const answer = await socket.run(query);
        ws.push(performance.now() - started);
        wsCode = (answer.payload as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code;
      }
      rows.push({
        operation: name,
        bytes: query.length,
        httpMs: Number(median(http).toFixed(1)),
        httpCode,
        socketMs: Number(median(ws).toFixed(1)),
        socketCode: wsCode,
      });
    }
    socket.close();
    const oversized = await oversizedMessage(t);
    rows.push({
      operation: '10 MB socket message',
      bytes: 10 * 1024 * 1024,
      socketMs: Number(oversized.ms.toFixed(1)),
      socketCode: `close ${oversized.code}`,
    });

    // 100 concurrent refused re-votes on a secret ballot, against a pool of 20.
    const voters = await members(t, 20);
    const proposal = await openProposal(t, admin, { method: 'MAJORITY', secret: true });
    for (const voter of voters) await vote(t, voter, proposal, ['FOR']);
    let most = 0;
    let done = false;
    const sampling = (async () => {
      while (!done) {
        most = Math.max(most, await apiConnections(t));
        await new Promise((wake) => setTimeout(wake, 5));
      }
    })();
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => vote(t, voters[i % voters.length], proposal, ['AGAINST'])));
    const seconds = (performance.now() - started) / 1000;
    done = true;
    await sampling;
    const codes = [...new Set(answers.map((answer) => answer.errors?.[0].extensions?.code))];
    const pool = { concurrent: 100, poolSize: 20, mostConnections: most, seconds: Number(seconds.toFixed(2)), codes };
    console.table(rows);
    console.log(pool);
    writeResult('limits', { rows, pool });
  } finally {
    await bench.done();
  }
}

void main();
