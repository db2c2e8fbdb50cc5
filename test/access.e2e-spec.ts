import { type GraphQLResponse, TestApp } from '@commons/testing';

type Caller = 'anonymous' | 'applicant' | 'member' | 'suspended' | 'admin' | 'auditor';
const CALLERS: Caller[] = ['anonymous', 'applicant', 'member', 'suspended', 'admin', 'auditor'];
type Expected = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';

interface Operation {
  name: string;
  /** Who may call it; every other signed-in caller gets FORBIDDEN, anonymous gets UNAUTHENTICATED. */
  allowed: Caller[] | 'everyone' | 'signed-in';
  call(t: TestApp, token: string | undefined): Promise<GraphQLResponse>;
}

const operations: Operation[] = [
  { name: 'me', allowed: 'signed-in', call: (t, token) => t.gql('{ me { id } }', {}, token) },
  {
    name: 'member',
    allowed: ['member', 'admin', 'auditor'],
    call: async (t, token) => t.gql('query($id: ID!) { member(id: $id) { id } }', { id: (await t.admin()).id }, token),
  },
  { name: 'members', allowed: ['member', 'admin', 'auditor'], call: (t, token) => t.gql('{ members { totalCount } }', {}, token) },
  { name: 'stakeholderClasses', allowed: 'everyone', call: (t, token) => t.gql('{ stakeholderClasses { code } }', {}, token) },
  {
    name: 'register',
    allowed: 'everyone',
    call: (t, token) =>
      t.gql(
        'mutation($input: RegisterInput!) { register(input: $input) { token } }',
        { input: { name: 'New', email: `new-${Math.random()}@coop.test`, password: 'long enough password' } },
        token,
      ),
  },
  {
    name: 'admitMember',
    allowed: ['admin'],
    call: async (t, token) =>
      t.gql(
        'mutation($id: ID!) { admitMember(memberId: $id) { id } }',
        { id: (await t.member({ status: 'APPLICANT' as never })).id },
        token,
      ),
  },
  {
    name: 'suspendMember',
    allowed: ['admin'],
    call: async (t, token) =>
      t.gql('mutation($id: ID!) { suspendMember(memberId: $id, reason: "r") { id } }', { id: (await t.member()).id }, token),
  },
  {
    name: 'reinstateMember',
    allowed: ['admin'],
    call: async (t, token) =>
      t.gql(
        'mutation($id: ID!) { reinstateMember(memberId: $id) { id } }',
        { id: (await t.member({ status: 'SUSPENDED' as never })).id },
        token,
      ),
  },
  {
    name: 'grantRole',
    allowed: ['admin'],
    call: async (t, token) =>
      t.gql('mutation($id: ID!) { grantRole(memberId: $id, role: AUDITOR) { id } }', { id: (await t.member()).id }, token),
  },
  {
    name: 'revokeRole',
    allowed: ['admin'],
    call: async (t, token) =>
      t.gql(
        'mutation($id: ID!) { revokeRole(memberId: $id, role: AUDITOR) { id } }',
        { id: (await t.member({ roles: ['MEMBER', 'AUDITOR'] as never })).id },
        token,
      ),
  },
  {
    name: 'adjustShareCapital',
    allowed: ['admin'],
    call: async (t, token) =>
      t.gql(
        'mutation($id: ID!) { adjustShareCapital(input: { memberId: $id, amount: "10.00", memo: "m" }) { id } }',
        { id: (await t.member()).id },
        token,
      ),
  },
  {
    name: 'createStakeholderClass',
    allowed: ['admin'],
    call: (t, token) =>
      t.gql(
        'mutation($code: String!) { createStakeholderClass(input: { code: $code, name: "n" }) { code } }',
        { code: `C${Math.random().toString(36).slice(2, 10).toUpperCase()}` },
        token,
      ),
  },
  { name: 'auditLog', allowed: ['admin', 'auditor'], call: (t, token) => t.gql('{ auditLog { totalCount } }', {}, token) },
  { name: 'verifyAuditChain', allowed: ['admin', 'auditor'], call: (t, token) => t.gql('{ verifyAuditChain { valid } }', {}, token) },
];

function expected(operation: Operation, caller: Caller): Expected {
  if (operation.allowed === 'everyone') return 'ok';
  if (caller === 'anonymous') return 'UNAUTHENTICATED';
  if (operation.allowed === 'signed-in') return 'ok';
  return operation.allowed.includes(caller) ? 'ok' : 'FORBIDDEN';
}

describe('who may call what', () => {
  let t: TestApp;
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    tokens.applicant = (await t.member({ status: 'APPLICANT' as never })).token;
    tokens.member = (await t.member()).token;
    tokens.suspended = (await t.member({ status: 'SUSPENDED' as never })).token;
    tokens.admin = (await t.admin()).token;
    tokens.auditor = (await t.member({ roles: ['MEMBER', 'AUDITOR'] as never })).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  const cases = operations.flatMap((operation) =>
    CALLERS.map((caller) => [operation.name, caller, expected(operation, caller), operation] as const),
  );

  it.each(cases)('%s as %s: %s', async (_name, caller, outcome, operation) => {
    const before = outcome === 'ok' ? null : await t.snapshot();
    const response = await operation.call(t, tokens[caller]);
    if (outcome === 'ok') {
      expect(response.errors).toBeUndefined();
    } else {
      expect(response.errors?.[0].extensions?.code).toBe(outcome);
      // Nothing comes back: no data, or the nullable field is null.
      expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
    }
    if (before) {
      // Setting up the target may add a member; the refused call itself adds nothing else.
      const after = await t.snapshot();
      expect(after.audit_entries).toBe(before.audit_entries);
    }
  });

  it('lets every signed-in member withdraw themself, and nobody anonymous', async () => {
    expect((await t.gql('mutation { withdrawMembership { id } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const status of ['APPLICANT', 'ACTIVE', 'SUSPENDED'] as const) {
      const leaver = await t.member({ status: status as never });
      const { withdrawMembership } = await t.ok('mutation { withdrawMembership { id status } }', {}, leaver.token);
      expect(withdrawMembership).toEqual({ id: leaver.id, status: 'WITHDRAWN' });
    }
  });
});
