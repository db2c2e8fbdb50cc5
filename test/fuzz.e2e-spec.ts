import fc from 'fast-check';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLScalarType,
  type GraphQLSchema,
  isLeafType,
} from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type GraphQLResponse, TestApp } from '@commons/testing';

/**
 * Random GraphQL documents and variables built from the schema — wrong types, huge strings, deep
 * nesting, unknown ids, negative and enormous amounts — sent by random roles. No answer may be an
 * internal error, every refused mutation must leave the data as it was, and the server must stay up.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);

interface Pools {
  ids: string[];
}

const strings = fc.oneof(
  fc.constantFrom('', ' ', 'x', 'WORKER', 'FOR', '"; DROP TABLE members; --', 'ü✓🙂', '\u0000', 'a'.repeat(100_000)),
  fc.string({ maxLength: 40 }),
);
const decimals = fc.constantFrom('-1', '0', '0.00', '1.5', '100.00', '12.345', '1e5', 'abc', '99999999999999999999.99', '-0.01', '1000000');
const ints = fc.oneof(fc.constantFrom(0, -1, 1, 5, 100, 101, 2 ** 31 - 1, -(2 ** 31)), fc.integer({ min: -1000, max: 1000 }));
const floats = fc.oneof(fc.constantFrom(0, -1, 0.5, 0.6667, 1, 1.5, 1e308, -1e308), fc.double({ noNaN: true, noDefaultInfinity: true }));

function valueFor(type: GraphQLInputType, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull)
    return fc.oneof({ weight: 9, arbitrary: valueFor(type.ofType, pools, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  const wrong = fc.oneof(strings, ints, fc.boolean(), fc.constant({ unexpected: true }), fc.constant([1, 2]));
  const choose = (right: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 8, arbitrary: right }, { weight: 1, arbitrary: wrong }, { weight: 1, arbitrary: fc.constant(null) });
  if (type instanceof GraphQLList) {
    return choose(
      fc.oneof(
        { weight: 9, arbitrary: fc.array(valueFor(type.ofType, pools, depth + 1), { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.array(fc.constant('x'), { minLength: 2000, maxLength: 2000 }) },
      ),
    );
  }
  if (type instanceof GraphQLEnumType)
    return choose(fc.oneof(fc.constantFrom(...type.getValues().map((value) => value.name)), fc.constant('NOT_A_VALUE')));
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    return choose(
      fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, pools, depth + 1)])), { requiredKeys: [] }),
    );
  }
  if (type instanceof GraphQLScalarType) {
    switch (type.name) {
      case 'ID':
        return choose(
          fc.oneof(fc.constantFrom(...pools.ids), fc.uuid(), fc.constantFrom('not-a-uuid', '', '00000000-0000-0000-0000-000000000000')),
        );
      case 'Int':
        return choose(ints);
      case 'Float':
        return choose(floats);
      case 'Boolean':
        return choose(fc.boolean());
      case 'Decimal':
        return choose(decimals);
      case 'DateTime':
        return choose(
          fc.constantFrom('2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'yesterday', new Date(Date.now() + 3_600_000).toISOString()),
        );
      default:
        return choose(strings);
    }
  }
  return fc.constant(null);
}

/** A selection set for a type: some leaf fields, some nested objects, sometimes far too deep. */
function selection(type: GraphQLOutputType, depth: number, maxDepth: number, random: () => number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!(named instanceof GraphQLObjectType) || depth >= maxDepth) return '{ __typename }';
  const fields = Object.values(named.getFields()).filter((field) => field.args.every((arg) => !(arg.type instanceof GraphQLNonNull)));
  const picked = fields.filter(() => random() < 0.5).slice(0, 6);
  const parts = picked.map((field) => `${field.name} ${selection(field.type, depth + 1, maxDepth, random)}`);
  return `{ __typename ${parts.join(' ')} }`;
}

function variableType(type: GraphQLInputType): string {
  return type.toString();
}

describe('fuzzing the GraphQL API, over HTTP and over graphql-ws', () => {
  let t: TestApp;
  const sockets = new Map<string, Client>();

  /** One operation over a socket of the token's own (kept open across runs): its result, or its refusal. */
  function overSocket(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse> {
    const key = token ?? 'anonymous';
    let client = sockets.get(key);
    if (!client) {
      client = createClient({
        url: t.baseUrl.replace('http', 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      sockets.set(key, client);
    }
    const socket = client;
    return new Promise((resolve, reject) => {
      let first: GraphQLResponse | undefined;
      const stop = socket.subscribe(
        { query, variables },
        {
          // A subscription that is accepted keeps running; its first answer (or its acceptance) is enough.
          next: (result) => (first ??= { ...(result as GraphQLResponse), status: 200 }),
          error: (error) =>
            Array.isArray(error)
              ? resolve({ errors: error as GraphQLResponse['errors'], status: 200 })
              : reject(new Error(`the socket failed: ${String((error as { code?: number }).code ?? error)}`)),
          complete: () => resolve(first ?? { data: null, status: 200 }),
        },
      );
      if (query.startsWith('subscription')) {
        setTimeout(() => {
          stop();
          resolve(first ?? { data: null, status: 200 });
        }, 50);
      }
    });
  }
  let schema: GraphQLSchema;
  const tokens: Array<string | undefined> = [undefined];
  const pools: Pools = { ids: [] };

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    schema = t.app.get(GraphQLSchemaHost).schema;
    const admin = await t.admin();
    tokens.push(admin.token);
    for (const options of [{ status: 'APPLICANT' }, {}, { status: 'SUSPENDED' }, { roles: ['MEMBER', 'AUDITOR'] }] as const) {
      const member = await t.member(options as never);
      tokens.push(member.token);
      pools.ids.push(member.id);
    }
    const { createProposal } = await t.ok(
      `mutation { createProposal(input: { title: "t", body: "b", method: MAJORITY }) { id options { id } } }`,
      {},
      admin.token,
    );
    await t.ok(`mutation($id: ID!) { openProposal(id: $id) { id } }`, { id: createProposal.id }, admin.token);
    pools.ids.push(createProposal.id, ...createProposal.options.map((option: { id: string }) => option.id));
    const { createBudget } = await t.ok(
      `mutation { createBudget(input: { title: "b", amount: "100.00", ballotRule: APPROVAL, allocationMethod: GREEDY }) { id } }`,
      {},
      admin.token,
    );
    pools.ids.push(createBudget.id);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...sockets.values()].map((client) => client.dispose()));
    await t.stop();
  });

  /** Everything a refused call must not change, in one round trip (the audit sealer's own writes aside). */
  async function digest(): Promise<string> {
    const { rows } = await t.sql.query(
      // The notifications worker writes its tables in the background from committed audit entries: not the request's change.
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'rate_limits', 'audit_entries', 'audit_chain_head',
         'notification_cursor', 'notifications', 'mails', 'webhook_deliveries', 'closing_soon_reminders') ORDER BY tablename`,
    );
    const parts = rows.map(
      (row: { tablename: string }) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM "${row.tablename}" x)`,
    );
    const { rows: result } = await t.sql.query(
      `SELECT concat_ws('|', ${parts.join(', ')}, (SELECT count(*) FROM audit_entries)) AS digest`,
    );
    return result[0].digest;
  }

  it(`survives ${RUNS} random requests without an internal error or a half-done change`, async () => {
    const roots = [
      ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
      ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
      ...Object.values(schema.getSubscriptionType()!.getFields()).map((field) => ({ kind: 'subscription' as const, field })),
    ];
    const request = fc.constantFrom(...roots).chain(({ kind, field }) =>
      fc.record({
        kind: fc.constant(kind),
        name: fc.constant(field.name),
        variables: fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueFor(arg.type, pools, 0)])), { requiredKeys: [] }),
        token: fc.constantFrom(...tokens),
        transport: kind === 'subscription' ? fc.constant('socket' as const) : fc.constantFrom('http' as const, 'socket' as const),
        maxDepth: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constant(30) }),
        seed: fc.integer(),
      }),
    );
    let internal = 0;
    let bySocket = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ kind, name, variables, token, transport, maxDepth, seed }) => {
        const field = roots.find((root) => root.kind === kind && root.field.name === name)!.field;
        let state = seed;
        const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
        const declared = field.args.map((arg) => `$${arg.name}: ${variableType(arg.type)}`).join(', ');
        const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
        const document = `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection(field.type, 0, maxDepth, random)} }`;
        const before = kind === 'mutation' ? await digest() : null;
        if (transport === 'socket') bySocket += 1;
        const response = transport === 'http' ? await t.gql(document, variables, token) : await overSocket(document, variables, token);
        const codes = (response.errors ?? []).map((error) => error.extensions?.code);
        if (codes.includes('INTERNAL_SERVER_ERROR') || response.status >= 500) internal += 1;
        expect({ transport, document, codes, status: response.status }).toEqual({
          transport,
          document,
          codes: codes.filter((code) => code !== 'INTERNAL_SERVER_ERROR'),
          status: response.status < 500 ? response.status : 'no 5xx',
        });
        const refused = !response.data || Object.values(response.data).every((value) => value === null);
        if (before !== null && refused) expect(await digest()).toBe(before);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000) },
    );
    expect(internal).toBe(0);
    expect(bySocket).toBeGreaterThan(RUNS / 4);
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
  }, 600_000);
});
