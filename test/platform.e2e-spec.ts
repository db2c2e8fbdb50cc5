import { TestApp } from '@commons/testing';

describe('the HTTP and GraphQL platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COMPLEXITY: '500' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers GET /health with the database status', async () => {
    const response = await fetch(`${t.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('refuses a query deeper than the limit, following fragments, before running it', async () => {
    const admin = await t.admin();
    const four = '{ auditLog { edges { node { seq } } } }';
    expect((await t.gql(four, {}, admin.token)).errors).toBeUndefined();
    const five = '{ auditLog { edges { node { actor { id } } } } }';
    const viaFragments =
      'fragment N on AuditEntry { actor { ...M } } fragment M on Member { ... on Member { id } } { auditLog { edges { node { ...N } } } }';
    for (const query of [five, viaFragments]) {
      const response = await t.gql(query, {}, admin.token);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]).toMatchObject({
        message: 'Query is 5 levels deep; the limit is 4.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });

  it('refuses over-complex queries with BAD_USER_INPUT and status 400', async () => {
    const admin = await t.admin();
    // Each list costs its page size times its items' cost.
    const costly = `{ ${Array.from({ length: 10 }, (_, i) => `m${i}: members(first: 100) { edges { node { id name status } } }`).join(' ')} }`;
    const response = await t.gql(costly, {}, admin.token);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/complexity/);
    expect(response.data).toBeUndefined();
  });

  it('accepts request bodies far larger than the default 100 kB (Pabulib imports)', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($big: String!) { login(email: $big, password: "x") { token } }', variables: { big } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('never leaks internals: malformed JSON and syntax errors get clean errors', async () => {
    const malformed = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/at .*\.(js|ts):\d+/);
    const syntax = await t.gql('{ me { id ');
    expect(syntax.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(syntax)).not.toMatch(/stacktrace|\.ts:\d+/);
    const unknownField = await t.gql('{ nope }');
    expect(unknownField.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
