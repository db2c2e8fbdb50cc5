import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { loadConfig } from '@commons/core';
import { operationComplexity, unboundedLists } from './operation-cost.js';
import { checkOperationShape, operationLimits, prepareOperation } from './operation-limits.js';

/** The committed schema, so these run without a server. */
const schema = buildSchema(readFileSync(join(process.cwd(), 'apps', 'api', 'schema.gql'), 'utf8'));
const limits = operationLimits(
  loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: '/nonexistent',
    JWT_SECRET: 'x'.repeat(32),
    AUDIT_KEY: 'y'.repeat(32),
    BALLOT_KEY: 'z'.repeat(32),
  }),
);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  return operationComplexity(schema, document, getOperationAST(document)!, variables);
}

/** Fragments F0…F(n-1), each spreading the next twice: 2^n copies of the last one's fields. */
function fragmentBomb(levels: number, aliased = false): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on Query { ${aliased ? 'x: ' : ''}stakeholderClasses { code } }`
      : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query { ...F0 } ${fragments.join(' ')}`;
}

describe('what an operation costs', () => {
  it('counts a page without `first` as the default page of 20, not 1', () => {
    const page = 'edges { node { id title } }';
    expect(cost(`{ proposals { ${page} } }`)).toBe(cost(`{ proposals(first: 20) { ${page} } }`));
    expect(cost(`{ proposals { ${page} } }`)).toBe(20 * cost(`{ proposals(first: 1) { ${page} } }`));
    expect(cost(`query($n: Int) { proposals(first: $n) { ${page} } }`, { n: 100 })).toBe(100 * cost(`{ proposals(first: 1) { ${page} } }`));
  });

  it('counts an unpaged list as its bound: 50 options a proposal, 50 stakeholder classes', () => {
    expect(cost('{ stakeholderClasses { code name } }')).toBe(50 * 3);
    expect(cost('{ proposal(id: "x") { options { id label } } }')).toBe(1 + 50 * 3);
  });

  it('charges a live tally a recount per proposal', () => {
    const withTally = cost('{ proposals(first: 10) { edges { node { id tally { notes } } } } }');
    const without = cost('{ proposals(first: 10) { edges { node { id } } } }');
    expect(withTally - without).toBeGreaterThanOrEqual(10 * 200);
  });

  it('charges verifyAuditChain for rehashing the chain: one fits in an operation, two do not', () => {
    expect(cost('{ verifyAuditChain { valid entries } }')).toBeLessThanOrEqual(limits.maxComplexity);
    expect(cost('{ a: verifyAuditChain { valid } b: verifyAuditChain { valid } }')).toBeGreaterThan(limits.maxComplexity);
  });

  it('costs every list of objects in the schema on purpose', () => {
    expect(unboundedLists(schema)).toEqual([]);
  });

  it('lets an ordinary page of the web app through: 20 proposals with options, live tallies and authors', () => {
    const page = `{ proposals { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
      id title status closesAt author { id name } options { id label } myVote { id }
      tally { eligible results { option { id label } votes } notes } } } } me { id name roles } }`;
    expect(cost(page)).toBeLessThanOrEqual(limits.maxComplexity);
  });

  it('lets addMembers answer with an invitation for each of its most members', () => {
    expect(
      cost('mutation($input: AddMembersInput!) { addMembers(input: $input) { added invitations { token member { id email } } } }'),
    ).toBeLessThanOrEqual(limits.maxComplexity);
  });
});

describe('the shape of an operation', () => {
  it('refuses more aliases than GRAPHQL_MAX_ALIASES, counting those spread from fragments', () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: stakeholderClasses { code }`).join(' ');
    expect(checkOperationShape(parse(`{ ${aliases(30)} }`), undefined, limits)).toBeUndefined();
    expect(checkOperationShape(parse(`{ ${aliases(31)} }`), undefined, limits)?.message).toMatch(/31 aliased fields; the limit is 30/);
    const spread = `{ ...A ...B } fragment A on Query { ${aliases(16)} } fragment B on Query { ...A }`;
    expect(checkOperationShape(parse(spread), undefined, limits)?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('measures a fragment bomb without spreading it, and refuses it', () => {
    const refused = checkOperationShape(parse(fragmentBomb(60)), undefined, limits);
    expect(refused?.message).toMatch(/Query complexity is more than 2\^53/);
    expect(checkOperationShape(parse(fragmentBomb(40, true)), undefined, limits)?.message).toMatch(/aliased fields/);
  });

  it('allows one password field per operation, through fragments too', () => {
    const login = (alias: string) => `${alias}: login(email: "a@b.c", password: "x") { token }`;
    expect(checkOperationShape(parse(`mutation { ${login('a')} }`), undefined, limits)).toBeUndefined();
    expect(checkOperationShape(parse(`mutation { ${login('a')} ${login('b')} }`), undefined, limits)?.message).toMatch(/at most one/);
    const throughFragment = `mutation { ${login('a')} ...M } fragment M on Mutation { register(input: { name: "n", email: "e@x.y", password: "12345678" }) { token } }`;
    expect(checkOperationShape(parse(throughFragment), undefined, limits)?.message).toMatch(/at most one/);
  });

  it('refuses a document over GRAPHQL_MAX_TOKENS while parsing it, and lets an introspection through', () => {
    const huge = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect(prepareOperation(schema, { query: huge }, limits).errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(prepareOperation(schema, { query: getIntrospectionQuery() }, limits).errors).toBeUndefined();
  });
});
