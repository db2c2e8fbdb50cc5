import { TokenService } from '@commons/auth';
import { TestApp } from '@commons/testing';
import { type Caller, CALLERS, callerTokens, itCallsAsEveryone, type Operation } from './access-helpers.js';

const operations: Operation[] = [
  { name: 'me', allowed: 'signed-in', call: (t, token) => t.gql('{ me { id } }', {}, token) },
  // Bylaws first: foundBylaws works only until a first proposal closes (closeProposal below).
  { name: 'bylaws', allowed: 'signed-in', call: (t, token) => t.gql('{ bylaws { version } }', {}, token) },
  { name: 'bylawsHistory', allowed: 'signed-in', call: (t, token) => t.gql('{ bylawsHistory { version } }', {}, token) },
  {
    name: 'foundBylaws',
    allowed: ['admin'],
    call: (t, token) => t.gql('mutation { foundBylaws(changes: { noticeDays: 0 }) { version } }', {}, token),
  },
  {
    name: 'proposeBylawsAmendment',
    allowed: ['member', 'admin', 'auditor'],
    call: (t, token) => t.gql('mutation { proposeBylawsAmendment(title: "t", body: "b", changes: { noticeDays: 7 }) { id } }', {}, token),
  },
  { name: 'assemblies', allowed: ['member', 'admin', 'auditor'], call: (t, token) => t.gql('{ assemblies { totalCount } }', {}, token) },
  {
    name: 'assembly',
    allowed: ['member', 'admin', 'auditor'],
    setup: (t) => assemblyIn(t, 'CONVENED'),
    call: (t, token, id) => t.gql('query($id: ID!) { assembly(id: $id) { id roll proxies { id } } }', { id }, token),
  },
  {
    name: 'conveneAssembly',
    allowed: ['admin'],
    call: (t, token) =>
      t.gql(
        'mutation($at: DateTime!) { conveneAssembly(input: { title: "GA", kind: ANNUAL, startsAt: $at, agenda: [{ title: "AOB" }] }) { id } }',
        { at: new Date(Date.now() + 60_000).toISOString() },
        token,
      ),
  },
  {
    name: 'grantProxy',
    allowed: ['member', 'admin', 'auditor'],
    setup: async (t) => `${await assemblyIn(t, 'CONVENED')} ${(await t.member()).id}`,
    call: (t, token, ids) => {
      const [a, h] = ids.split(' ');
      return t.gql('mutation($a: ID!, $h: ID!) { grantProxy(assemblyId: $a, holderId: $h) { id } }', { a, h }, token);
    },
  },
  {
    name: 'revokeProxy',
    allowed: ['member', 'admin', 'auditor'],
    setup: async (t) => `${await assemblyIn(t, 'CONVENED')} ${(await t.member()).id}`,
    call: async (t, token, ids) => {
      const [a, h] = ids.split(' ');
      // Those allowed give a proxy first (those refused are refused that too, changing nothing).
      await t.gql('mutation($a: ID!, $h: ID!) { grantProxy(assemblyId: $a, holderId: $h) { id } }', { a, h }, token);
      return t.gql('mutation($a: ID!) { revokeProxy(assemblyId: $a) }', { a }, token);
    },
  },
  {
    name: 'checkIn (REMOTE, oneself)',
    allowed: ['member', 'admin', 'auditor'],
    setup: (t) => assemblyIn(t, 'IN_SESSION'),
    call: async (t, token, a) => {
      const me = token ? (await t.gql('{ me { id } }', {}, token)).data?.me?.id : undefined;
      return t.gql(
        'mutation($a: ID!, $m: ID!) { checkIn(assemblyId: $a, memberId: $m, mode: REMOTE) { id } }',
        { a, m: me ?? '00000000-0000-4000-8000-000000000000' },
        token,
      );
    },
  },
  {
    name: 'checkIn (IN_PERSON, at the door)',
    allowed: ['admin'],
    setup: async (t) => {
      const member = await t.member();
      return `${await assemblyIn(t, 'IN_SESSION')} ${member.id}`;
    },
    call: (t, token, ids) => {
      const [a, m] = ids.split(' ');
      return t.gql('mutation($a: ID!, $m: ID!) { checkIn(assemblyId: $a, memberId: $m, mode: IN_PERSON) { id } }', { a, m }, token);
    },
  },
  {
    name: 'openAssembly',
    allowed: ['admin'],
    setup: (t) => assemblyIn(t, 'CONVENED'),
    call: (t, token, id) => t.gql('mutation($id: ID!) { openAssembly(id: $id) { id } }', { id }, token),
  },
  {
    name: 'closeAssembly',
    allowed: ['admin'],
    setup: (t) => assemblyIn(t, 'IN_SESSION'),
    call: (t, token, id) => t.gql('mutation($id: ID!) { closeAssembly(id: $id) { id } }', { id }, token),
  },
  {
    name: 'cancelAssembly',
    allowed: ['admin'],
    setup: (t) => assemblyIn(t, 'CONVENED'),
    call: (t, token, id) => t.gql('mutation($id: ID!) { cancelAssembly(id: $id, reason: "r") { id } }', { id }, token),
  },
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
  {
    name: 'governanceHealth',
    allowed: ['member', 'admin', 'auditor'],
    call: (t, token) => t.gql('{ governanceHealth { decisions alerts } }', {}, token),
  },
  {
    name: 'governanceHealthSeries',
    allowed: ['member', 'admin', 'auditor'],
    call: (t, token) => t.gql('{ governanceHealthSeries { proposalId } }', {}, token),
  },
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

/** An assembly with one agenda item, convened by the admin (starting now), and opened when asked. */
async function assemblyIn(t: TestApp, status: 'CONVENED' | 'IN_SESSION'): Promise<string> {
  const admin = await t.admin();
  const { conveneAssembly } = await t.ok(
    'mutation($at: DateTime!) { conveneAssembly(input: { title: "GA", kind: ANNUAL, startsAt: $at, agenda: [{ title: "AOB" }] }) { id } }',
    { at: new Date(Date.now() + 60_000).toISOString() },
    admin.token,
  );
  await t.sql.query('UPDATE assemblies SET starts_at = now() WHERE id = $1', [conveneAssembly.id]);
  if (status === 'IN_SESSION') await t.ok('mutation($id: ID!) { openAssembly(id: $id) { id } }', { id: conveneAssembly.id }, admin.token);
  return conveneAssembly.id;
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

describe('who may call what', () => {
  let t: TestApp;
  let tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0 });
    tokens = await callerTokens(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  itCallsAsEveryone(operations, () => ({ t, tokens }));

  it('serves the minutes download to active members, admins and auditors only', async () => {
    const id = await assemblyIn(t, 'IN_SESSION');
    await t.ok('mutation($id: ID!) { closeAssembly(id: $id) { id } }', { id }, tokens.admin);
    const statuses: Record<Caller, number> = { anonymous: 401, applicant: 403, member: 200, suspended: 403, admin: 200, auditor: 200 };
    for (const caller of CALLERS) {
      const token = tokens[caller];
      const response = await fetch(`${t.baseUrl}/assemblies/${id}/minutes.md`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect([caller, response.status]).toEqual([caller, statuses[caller]]);
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
