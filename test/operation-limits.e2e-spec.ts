import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp } from '@commons/testing';
import { openProposal } from './voting-helpers.js';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: stakeholderClasses { code }`).join(' ');

/** A sign-in attempt over HTTP, as a client behind a proxy that says it is `forwardedFor`. */
async function loginFrom(t: TestApp, forwardedFor: string): Promise<string | undefined> {
  const response = await fetch(`${t.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ query: LOGIN, variables: { email: 'nobody@coop.test', password: 'a wrong guess' } }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return body.errors?.[0]?.extensions?.code;
}

interface SocketResult {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** One operation over graphql-ws: its first result, or the errors it was refused with. */
async function overSocket(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; forwardedFor?: string } = {},
): Promise<SocketResult> {
  const headers = options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {};
  const client = createClient({
    url: t.baseUrl.replace('http', 'ws') + '/graphql',
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    },
    connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
    retryAttempts: 0,
  });
  try {
    return await new Promise<SocketResult>((resolve, reject) => {
      client.subscribe(
        { query, variables },
        {
          next: (result) => resolve(result as SocketResult),
          error: (error) =>
            Array.isArray(error) ? resolve({ errors: error }) : reject(error instanceof Error ? error : new Error(String(error))),
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** Sends one raw message of `bytes` bytes after the handshake; resolves with the close code. */
function closeCodeAfter(t: TestApp, bytes: number): Promise<number> {
  const socket = new WebSocket(t.baseUrl.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  return new Promise((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ me { id } }`, padding: 'x'.repeat(bytes) } }));
      }
    });
    socket.on('close', (code) => resolve(code));
    socket.on('error', () => undefined);
    setTimeout(() => reject(new Error('the socket stayed open')), 20_000);
  });
}

async function rateLimitRows(t: TestApp): Promise<number> {
  return (await t.sql.query('SELECT count(*)::int AS n FROM rate_limits')).rows[0].n;
}

describe('operation limits over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('refuses more than GRAPHQL_MAX_ALIASES aliased fields with BAD_USER_INPUT, and takes 30', async () => {
    const refused = await t.gql(`{ ${aliases(31)} }`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/31 aliased fields; the limit is 30/);
    expect((await t.gql(`{ ${aliases(30)} }`)).errors).toBeUndefined();
  });

  it('refuses 3,000 aliases while parsing (GRAPHQL_MAX_TOKENS), before anything else runs', async () => {
    const refused = await t.gql(`{ ${aliases(3000)} }`);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(refused.errors?.[0].message).toMatch(/more tha[nt] 5000 tokens/);
  });

  it('refuses a fragment bomb as too costly, without spreading it', async () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Query { stakeholderClasses { code } }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const refused = await t.gql(`query { ...F0 } ${fragments.join(' ')}`);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/Query complexity is at least \d+ \(its fields once fragments are spread\)/);
  });

  it('counts pages without `first` as 20 items, live tallies as recounts, and verifyAuditChain as the chain', async () => {
    const { token } = await t.admin();
    // 100 proposals with a live tally each: 100 recounts.
    const tallies = await t.gql('{ proposals(first: 100) { edges { node { id tally { eligible } } } } }', {}, token);
    expect(tallies.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tallies.errors?.[0].message).toMatch(/Query complexity is \d+; the limit is 20000/);
    // Default pages (20 proposals) with every option (up to 50 each), ten times over.
    const pages = Array.from({ length: 10 }, (_, i) => `p${i}: proposals { edges { node { id options { id label } } } }`).join(' ');
    expect((await t.gql(`{ ${pages} }`, {}, token)).errors?.[0].message).toMatch(/Query complexity is \d+; the limit/);
    expect((await t.gql(`{ proposals { edges { node { id options { id label } } } } }`, {}, token)).errors).toBeUndefined();
    const twice = await t.gql('{ a: verifyAuditChain { valid } b: verifyAuditChain { valid } }', {}, token);
    expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const once = await t.gql('{ verifyAuditChain { valid } }', {}, token);
    expect(once.errors).toBeUndefined();
  });

  it('takes one register or login per operation, refusing the whole operation before any password is hashed', async () => {
    const before = await rateLimitRows(t);
    const logins = Array.from({ length: 2 }, (_, i) => `l${i}: login(email: "x${i}@coop.test", password: "guess ${i}") { token }`);
    const refused = await t.gql(`mutation { ${logins.join(' ')} }`);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/at most one register, login or acceptInvitation/);
    const registers = Array.from(
      { length: 200 },
      (_, i) => `r${i}: register(input: { name: "R", email: "r${i}@coop.test", password: "long enough" }) { token }`,
    );
    expect((await t.gql(`mutation { ${registers.slice(0, 2).join(' ')} }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rateLimitRows(t)).toBe(before);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM members WHERE email LIKE 'r%@coop.test'`)).rows[0].n).toBe(0);
  });
});

describe('operation limits over graphql-ws', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ LOGIN_LIMIT_ADDRESS: '3/15m' });
  });
  afterAll(() => t.stop());

  it('refuses what HTTP refuses: aliases, tokens, a fragment bomb, cost, two logins, each with its code', async () => {
    const { token } = await t.admin();
    expect((await overSocket(t, `{ ${aliases(31)} }`)).errors?.[0]).toMatchObject({
      message: expect.stringMatching(/31 aliased fields/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await overSocket(t, `{ ${aliases(3000)} }`)).errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Query { stakeholderClasses { code } }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    expect((await overSocket(t, `query { ...F0 } ${fragments.join(' ')}`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const costly = await overSocket(t, '{ proposals(first: 100) { edges { node { id tally { eligible } } } } }', {}, { token });
    expect(costly.errors?.[0].message).toMatch(/Query complexity is \d+; the limit is 20000/);
    const logins = `mutation { a: login(email: "a@coop.test", password: "x") { token } b: login(email: "b@coop.test", password: "y") { token } }`;
    expect((await overSocket(t, logins)).errors?.[0].message).toMatch(/at most one register, login/);
    expect((await overSocket(t, '{ nothingHere }')).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await overSocket(t, 'subscription { tallyUpdated(proposalId: 1 2 3) }')).errors?.[0].extensions?.code).toBe(
      'GRAPHQL_PARSE_FAILED',
    );
  });

  it('throttles sign-ins over the socket by the client address, counted with those over HTTP', async () => {
    const login = (email: string) => `mutation { login(email: "${email}", password: "a wrong guess") { token } }`;
    expect((await t.gql(login('one@coop.test'))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await overSocket(t, login('two@coop.test'))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await overSocket(t, login('three@coop.test'))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const throttled = await overSocket(t, login('four@coop.test'));
    expect(throttled.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: expect.any(Number) });
    // Without TRUST_PROXY, a forwarded address is not believed.
    expect((await overSocket(t, login('five@coop.test'), {}, { forwardedFor: '203.0.113.9' })).errors?.[0].extensions?.code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect((await t.gql(login('six@coop.test'))).errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
  });

  it('runs a mutation over the socket as one unit of work with its audit entry', async () => {
    const { token } = await t.admin();
    const before = (await t.sql.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'proposal.created'`)).rows[0].n;
    const created = await overSocket(
      t,
      `mutation { createProposal(input: { title: "Over the socket", body: "b", method: MAJORITY }) { id title } }`,
      {},
      { token },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProposal.title).toBe('Over the socket');
    const after = (await t.sql.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'proposal.created'`)).rows[0].n;
    expect(after).toBe(before + 1);
    expect(
      (await overSocket(t, `mutation { createProposal(input: { title: "x", body: "b", method: MAJORITY }) { id } }`)).errors?.[0].extensions
        ?.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('runs at most 50 operations at once on one socket, refusing the next with TOO_MANY_REQUESTS', async () => {
    const admin = await t.admin();
    const proposal = await openProposal(t, admin, { method: 'MAJORITY' });
    const client = createClient({
      url: t.baseUrl.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${admin.token}` },
      retryAttempts: 0,
    });
    const query = `subscription($id: ID!) { tallyUpdated(proposalId: $id) { participants } }`;
    const refusals: unknown[] = [];
    const stops = Array.from({ length: 51 }, () =>
      client.subscribe(
        { query, variables: { id: proposal.id } },
        { next: () => undefined, error: (error) => refusals.push(error), complete: () => undefined },
      ),
    );
    try {
      for (let waited = 0; refusals.length === 0 && waited < 10_000; waited += 50) await new Promise((wake) => setTimeout(wake, 50));
      expect(refusals).toHaveLength(1);
      expect((refusals[0] as Array<{ extensions?: { code?: string } }>)[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      for (const stop of stops) stop();
      await client.dispose();
    }
  });

  it('closes the socket on a message over 1 MB (10 MB here) without reading it as an operation', async () => {
    expect(await closeCodeAfter(t, 10 * 1024 * 1024)).toBe(1009);
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For by default: every claimed address shares the real one’s sign-in limit', async () => {
    const t = await TestApp.start({ LOGIN_LIMIT_ADDRESS: '2/15m' });
    try {
      expect(await loginFrom(t, '203.0.113.1')).toBe('UNAUTHENTICATED');
      expect(await loginFrom(t, '203.0.113.2')).toBe('UNAUTHENTICATED');
      expect(await loginFrom(t, '203.0.113.3')).toBe('TOO_MANY_REQUESTS');
    } finally {
      await t.stop();
    }
  });

  it('throttles by the forwarded client address when the proxy is trusted', async () => {
    const t = await TestApp.start({ LOGIN_LIMIT_ADDRESS: '2/15m', TRUST_PROXY: 'loopback' });
    try {
      expect(await loginFrom(t, '203.0.113.1')).toBe('UNAUTHENTICATED');
      expect(await loginFrom(t, '203.0.113.1')).toBe('UNAUTHENTICATED');
      expect(await loginFrom(t, '203.0.113.1')).toBe('TOO_MANY_REQUESTS');
      // Another client behind the same proxy has limits of its own, over the socket too.
      expect(await loginFrom(t, '203.0.113.2')).toBe('UNAUTHENTICATED');
      const login = `mutation { login(email: "nobody@coop.test", password: "a wrong guess") { token } }`;
      expect((await overSocket(t, login, {}, { forwardedFor: '203.0.113.2' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await overSocket(t, login, {}, { forwardedFor: '203.0.113.2' })).errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
      expect((await overSocket(t, login, {}, { forwardedFor: '203.0.113.3' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await t.stop();
    }
  });
});
