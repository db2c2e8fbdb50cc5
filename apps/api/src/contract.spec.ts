import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  type IntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { contractProblems, TestApp } from '@commons/testing';

/** The project's own contract (apps/api/contract.graphql) and the committed schema (apps/api/schema.gql). */
const CONTRACT = join(process.cwd(), 'apps', 'api', 'contract.graphql');
const COMMITTED = join(process.cwd(), 'apps', 'api', 'schema.gql');

const normalised = (schema: GraphQLSchema): string => printSchema(lexicographicSortSchema(schema));

describe('the GraphQL contract', () => {
  let t: TestApp;
  /** The schema the running server serves, as a client learns it by introspection. */
  let served: GraphQLSchema;

  beforeAll(async () => {
    t = await TestApp.start();
    const response = await t.gql<IntrospectionQuery>(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }));
    expect(response.errors).toBeUndefined();
    served = buildClientSchema(response.data!);
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('is served as committed in apps/api/schema.gql', () => {
    expect(normalised(served)).toBe(normalised(buildSchema(readFileSync(COMMITTED, 'utf8'))));
  });

  it('holds every operation, argument, field and enum value of apps/api/contract.graphql with a compatible type', () => {
    const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
    // The contract is not empty: it names the operations of every part built so far.
    const operations = [
      ...Object.keys(contract.getQueryType()!.getFields()),
      ...Object.keys(contract.getMutationType()!.getFields()),
      ...Object.keys(contract.getSubscriptionType()!.getFields()),
    ];
    expect(operations).toEqual(
      expect.arrayContaining(['login', 'castVote', 'importPabulib', 'executeSurplusDistribution', 'verifyAuditChain']),
    );
    expect(operations).toEqual(expect.arrayContaining(['tallyUpdated']));
    expect(contractProblems(contract, served)).toEqual([]);
  });
});

describe('the contract check', () => {
  const contract = buildSchema(`
    enum Role { MEMBER ADMIN }
    input RegisterInput { name: String! stakeholderClass: String }
    type Member { id: ID! email: String roles: [Role!]! }
    type Query { me: Member! members(first: Int, after: String): [Member!]! }
  `);
  const check = (served: string) => contractProblems(contract, buildSchema(served));
  const base = {
    role: 'enum Role { MEMBER ADMIN }',
    input: 'input RegisterInput { name: String! stakeholderClass: String }',
    member: 'type Member { id: ID! email: String roles: [Role!]! }',
    query: 'type Query { me: Member! members(first: Int, after: String): [Member!]! }',
  };
  const schema = (changes: Partial<typeof base>) => Object.values({ ...base, ...changes }).join('\n');

  it('accepts the same schema, and additions around it', () => {
    expect(check(schema({}))).toEqual([]);
    expect(
      check(
        schema({
          role: 'enum Role { MEMBER ADMIN AUDITOR }',
          member: 'type Member { id: ID! email: String! name: String roles: [Role!]! }',
          query: 'type Query { me: Member! members(first: Int, after: String, status: String): [Member!]! proposals: [String!]! }',
        }),
      ),
    ).toEqual([]);
  });

  it('lets an output be stricter and an input more lenient, never the other way', () => {
    expect(check(schema({ input: 'input RegisterInput { name: String stakeholderClass: String }' }))).toEqual([]);
    expect(check(schema({ member: 'type Member { id: ID email: String roles: [Role!]! }' }))).toEqual(['Member.id is ID, not ID!']);
    expect(check(schema({ member: 'type Member { id: ID! email: String roles: [Role] }' }))).toEqual([
      'Member.roles is [Role], not [Role!]!',
    ]);
    expect(check(schema({ input: 'input RegisterInput { name: String! stakeholderClass: String! }' }))).toEqual([
      'input field RegisterInput.stakeholderClass is String!, not String',
    ]);
    expect(check(schema({ query: 'type Query { me: Member! members(first: Int!, after: String): [Member!]! }' }))).toEqual([
      'argument Query.members(first) is Int!, not Int',
    ]);
  });

  it('names what is missing, renamed or newly required', () => {
    expect(check(schema({ query: 'type Query { myself: Member! members(first: Int, after: String): [Member!]! }' }))).toEqual([
      'missing field Query.me',
    ]);
    expect(check(schema({ query: 'type Query { me: Member! members(first: Int): [Member!]! }' }))).toEqual([
      'missing argument Query.members(after)',
    ]);
    expect(check(schema({ query: 'type Query { me: Member! members(first: Int, after: String, status: String!): [Member!]! }' }))).toEqual([
      'new required argument Query.members(status): String!',
    ]);
    expect(check(schema({ role: 'enum Role { MEMBER }' }))).toEqual(['missing enum value Role.ADMIN']);
    expect(check(schema({ input: 'input RegisterInput { name: String! stakeholderClass: String email: String! }' }))).toEqual([
      'new required input field RegisterInput.email: String!',
    ]);
    expect(check(schema({ role: 'type Role { name: String! }' }))).toEqual(['Role is of kind object, not enum']);
  });
});
