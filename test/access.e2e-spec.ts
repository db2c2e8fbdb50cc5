import { TokenService } from '@commons/auth';
import { type GraphQLResponse, TestApp } from '@commons/testing';

type Caller = 'anonymous' | 'applicant' | 'member' | 'suspended' | 'admin' | 'auditor';
const CALLERS: Caller[] = ['anonymous', 'applicant', 'member', 'suspended', 'admin', 'auditor'];
type Expected = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';

interface Operation {
  name: string;
  /** Who may call it; every other signed-in caller gets FORBIDDEN, anonymous gets UNAUTHENTICATED. */
  allowed: Caller[] | 'everyone' | 'signed-in';
  /** Prepares what the call acts on, before the snapshot that the refused call must leave unchanged. */
  setup?: (t: TestApp) => Promise<string>;
  call(t: TestApp, token: string | undefined, target: string): Promise<GraphQLResponse>;
}

const operations: Operation[] = [
  { name: 'me', allowed: 'signed-in', call: (t, token) => t.gql('{ me { id } }', {}, token) },
  {
    name: 'member',
    allowed: ['member', 'admin', 'auditor'],
    setup: async (t) => (await t.admin()).id,
    call: (t, token, id) => t.gql('query($id: ID!) { member(id: $id) { id } }', { id }, token),
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
    name: 'addMembers',
    allowed: ['admin'],
    call: (t, token) =>
      t.gql(
        'mutation($email: String!) { addMembers(input: { members: [{ name: "Added", email: $email }] }) { added } }',
        { email: `added-${Math.random()}@coop.test` },
        token,
      ),
  },
  {
    name: 'inviteMember',
    allowed: ['admin'],
    setup: async (t) => {
      const { rows } = await t.sql.query(
        `INSERT INTO members (name, email, status, stakeholder_class, joined_at) VALUES ('Invited', $1, 'ACTIVE', 'WORKER', now()) RETURNING id`,
        [`invited-${Math.random()}@coop.test`],
      );
      return rows[0].id;
    },
    call: (t, token, id) => t.gql('mutation($id: ID!) { inviteMember(memberId: $id) { token } }', { id }, token),
  },
  {
    name: 'acceptInvitation',
    allowed: 'everyone',
    setup: async (t) => {
      const { rows } = await t.sql.query(
        `INSERT INTO members (name, email, status, stakeholder_class, joined_at) VALUES ('Invited', $1, 'ACTIVE', 'WORKER', now()) RETURNING id`,
        [`invitee-${Math.random()}@coop.test`],
      );
      return (await t.app.get(TokenService).invitation(rows[0].id)).token;
    },
    call: (t, token, invitation) =>
      t.gql(
        'mutation($invitation: String!) { acceptInvitation(token: $invitation, password: "a long password") { token } }',
        { invitation },
        token,
      ),
  },
  {
    name: 'admitMember',
    allowed: ['admin'],
    setup: async (t) => (await t.member({ status: 'APPLICANT' as never })).id,
    call: (t, token, id) => t.gql('mutation($id: ID!) { admitMember(memberId: $id) { id } }', { id }, token),
  },
  {
    name: 'suspendMember',
    allowed: ['admin'],
    setup: async (t) => (await t.member()).id,
    call: (t, token, id) => t.gql('mutation($id: ID!) { suspendMember(memberId: $id, reason: "r") { id } }', { id }, token),
  },
  {
    name: 'reinstateMember',
    allowed: ['admin'],
    setup: async (t) => (await t.member({ status: 'SUSPENDED' as never })).id,
    call: (t, token, id) => t.gql('mutation($id: ID!) { reinstateMember(memberId: $id) { id } }', { id }, token),
  },
  {
    name: 'grantRole',
    allowed: ['admin'],
    setup: async (t) => (await t.member()).id,
    call: (t, token, id) => t.gql('mutation($id: ID!) { grantRole(memberId: $id, role: AUDITOR) { id } }', { id }, token),
  },
  {
    name: 'revokeRole',
    allowed: ['admin'],
    setup: async (t) => (await t.member({ roles: ['MEMBER', 'AUDITOR'] as never })).id,
    call: (t, token, id) => t.gql('mutation($id: ID!) { revokeRole(memberId: $id, role: AUDITOR) { id } }', { id }, token),
  },
  {
    name: 'adjustShareCapital',
    allowed: ['admin'],
    setup: async (t) => (await t.member()).id,
    call: (t, token, id) =>
      t.gql('mutation($id: ID!) { adjustShareCapital(input: { memberId: $id, amount: "10.00", memo: "m" }) { id } }', { id }, token),
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
  {
    name: 'proposal',
    allowed: ['member', 'admin', 'auditor'],
    setup: openMajority,
    call: (t, token, id) => t.gql('query($id: ID!) { proposal(id: $id) { id } }', { id }, token),
  },
  { name: 'proposals', allowed: 'signed-in', call: (t, token) => t.gql('{ proposals { totalCount } }', {}, token) },
  {
    name: 'createProposal',
    allowed: ['member', 'admin', 'auditor'],
    call: (t, token) => t.gql('mutation { createProposal(input: { title: "t", body: "b", method: MAJORITY }) { id } }', {}, token),
  },
  {
    name: 'openProposal',
    allowed: ['admin'],
    setup: async (t) => {
      const author = await t.member();
      const { createProposal } = await t.ok(
        'mutation { createProposal(input: { title: "t", body: "b", method: MAJORITY }) { id } }',
        {},
        author.token,
      );
      return createProposal.id;
    },
    call: (t, token, id) => t.gql('mutation($id: ID!) { openProposal(id: $id) { id } }', { id }, token),
  },
  {
    name: 'closeProposal',
    allowed: ['admin'],
    setup: openMajority,
    call: (t, token, id) => t.gql('mutation($id: ID!) { closeProposal(id: $id) { id } }', { id }, token),
  },
  {
    name: 'castVote',
    allowed: ['member', 'admin', 'auditor'],
    setup: openMajority,
    call: async (t, token, id) => {
      const { rows } = await t.sql.query(`SELECT id FROM proposal_options WHERE proposal_id = $1 AND label = 'FOR'`, [id]);
      return t.gql(
        'mutation($input: CastVoteInput!) { castVote(input: $input) { receipt } }',
        { input: { proposalId: id, optionIds: [rows[0].id] } },
        token,
      );
    },
  },
  {
    name: 'verifyBallot',
    allowed: 'signed-in',
    setup: openMajority,
    call: (t, token, id) => t.gql('query($id: ID!) { verifyBallot(proposalId: $id, receipt: "r") }', { id }, token),
  },
  {
    name: 'delegateVote',
    allowed: ['member', 'admin', 'auditor'],
    setup: async (t) => (await t.member()).id,
    call: async (t, token, to) => {
      const response = await t.gql('mutation($to: ID!) { delegateVote(toMemberId: $to) { id } }', { to }, token);
      // Leave no standing delegation behind for the next case.
      if (!response.errors) await t.gql('mutation { revokeDelegation }', {}, token);
      return response;
    },
  },
  { name: 'myDelegations', allowed: 'signed-in', call: (t, token) => t.gql('{ myDelegations { received { id } } }', {}, token) },
  { name: 'budgets', allowed: ['member', 'admin', 'auditor'], call: (t, token) => t.gql('{ budgets { totalCount } }', {}, token) },
  {
    name: 'budget',
    allowed: ['member', 'admin', 'auditor'],
    setup: (t) => budgetIn(t, 'DRAFT'),
    call: (t, token, id) => t.gql('query($id: ID!) { budget(id: $id) { id } }', { id }, token),
  },
  {
    name: 'createBudget',
    allowed: ['admin'],
    call: (t, token) =>
      t.gql(
        'mutation { createBudget(input: { title: "b", amount: "10.00", ballotRule: APPROVAL, allocationMethod: GREEDY }) { id } }',
        {},
        token,
      ),
  },
  {
    name: 'setBudgetPhase',
    allowed: ['admin'],
    setup: (t) => budgetIn(t, 'DRAFT'),
    call: (t, token, id) => t.gql('mutation($id: ID!) { setBudgetPhase(id: $id, phase: SUBMISSION) { id } }', { id }, token),
  },
  {
    name: 'submitProject',
    allowed: ['member', 'admin', 'auditor'],
    setup: (t) => budgetIn(t, 'SUBMISSION'),
    call: (t, token, id) =>
      t.gql('mutation($id: ID!) { submitProject(input: { budgetId: $id, title: "p", cost: "1.00" }) { id } }', { id }, token),
  },
  {
    name: 'reviewProject',
    allowed: ['admin'],
    setup: async (t) => (await budgetWithProject(t, 'REVIEW')).projectId,
    call: (t, token, id) => t.gql('mutation($id: ID!) { reviewProject(id: $id, accept: true) { id } }', { id }, token),
  },
  {
    name: 'castBudgetBallot',
    allowed: ['member', 'admin', 'auditor'],
    setup: async (t) => {
      const { budgetId, projectId } = await budgetWithProject(t, 'VOTING');
      return `${budgetId} ${projectId}`;
    },
    call: (t, token, ids) => {
      const [budgetId, projectId] = ids.split(' ');
      return t.gql(
        'mutation($b: ID!, $p: ID!) { castBudgetBallot(input: { budgetId: $b, projectIds: [$p] }) }',
        { b: budgetId, p: projectId },
        token,
      );
    },
  },
  {
    name: 'importPabulib',
    allowed: ['admin'],
    call: (t, token) => t.gql('mutation($c: String!) { importPabulib(content: $c) { id } }', { c: TINY_PABULIB }, token),
  },
  {
    name: 'exportPabulib',
    allowed: ['admin', 'auditor'],
    setup: (t) => budgetIn(t, 'DRAFT'),
    call: (t, token, id) => t.gql('mutation($id: ID!) { exportPabulib(budgetId: $id) }', { id }, token),
  },
  { name: 'auditLog', allowed: ['admin', 'auditor'], call: (t, token) => t.gql('{ auditLog { totalCount } }', {}, token) },
  { name: 'verifyAuditChain', allowed: ['admin', 'auditor'], call: (t, token) => t.gql('{ verifyAuditChain { valid } }', {}, token) },
];

/** An OPEN MAJORITY proposal by the admin; every caller made before it is on its roll. */
async function openMajority(t: TestApp): Promise<string> {
  const admin = await t.admin();
  const { createProposal } = await t.ok(
    'mutation { createProposal(input: { title: "t", body: "b", method: MAJORITY }) { id } }',
    {},
    admin.token,
  );
  await t.ok('mutation($id: ID!) { openProposal(id: $id) { id } }', { id: createProposal.id }, admin.token);
  return createProposal.id;
}

const TINY_PABULIB = [
  'META',
  'key;value',
  'budget;100',
  'vote_type;approval',
  'rule;greedy',
  'PROJECTS',
  'project_id;cost',
  '1;60',
  'VOTES',
  'voter_id;vote',
  '1;1',
  '',
].join('\n');
const PHASES = ['DRAFT', 'SUBMISSION', 'REVIEW', 'VOTING'];

/** A budget moved by the admin to `phase`. */
async function budgetIn(t: TestApp, phase: string): Promise<string> {
  const admin = await t.admin();
  const { createBudget } = await t.ok(
    'mutation { createBudget(input: { title: "b", amount: "10.00", ballotRule: APPROVAL, allocationMethod: GREEDY }) { id } }',
    {},
    admin.token,
  );
  for (const next of PHASES.slice(1, PHASES.indexOf(phase) + 1)) {
    await t.ok(
      'mutation($id: ID!, $p: BudgetPhase!) { setBudgetPhase(id: $id, phase: $p) { id } }',
      { id: createBudget.id, p: next },
      admin.token,
    );
  }
  return createBudget.id;
}

/** A budget with one project (accepted once past REVIEW), moved to `phase`. */
async function budgetWithProject(t: TestApp, phase: 'REVIEW' | 'VOTING'): Promise<{ budgetId: string; projectId: string }> {
  const admin = await t.admin();
  const budgetId = await budgetIn(t, 'SUBMISSION');
  const { submitProject } = await t.ok(
    'mutation($id: ID!) { submitProject(input: { budgetId: $id, title: "p", cost: "1.00" }) { id } }',
    { id: budgetId },
    admin.token,
  );
  await t.ok('mutation($id: ID!) { setBudgetPhase(id: $id, phase: REVIEW) { id } }', { id: budgetId }, admin.token);
  if (phase === 'VOTING') {
    await t.ok('mutation($id: ID!) { reviewProject(id: $id, accept: true) { id } }', { id: submitProject.id }, admin.token);
    await t.ok('mutation($id: ID!) { setBudgetPhase(id: $id, phase: VOTING) { id } }', { id: budgetId }, admin.token);
  }
  return { budgetId, projectId: submitProject.id };
}

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
    const target = (await operation.setup?.(t)) ?? '';
    const before = outcome === 'ok' ? null : await t.snapshot();
    const response = await operation.call(t, tokens[caller], target);
    if (outcome === 'ok') {
      expect(response.errors).toBeUndefined();
    } else {
      expect(response.errors?.[0].extensions?.code).toBe(outcome);
      // Nothing comes back: no data, or the nullable field is null.
      expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
    }
    if (before) expect(await t.snapshot()).toEqual(before);
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
