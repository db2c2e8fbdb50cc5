import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, type TestMember } from '@commons/testing';
import { approvedDistribution, closedPeriod, policy, PROPOSE } from './surplus-helpers.js';
import { CLOSE, CREATE, members, openProposal, vote } from './voting-helpers.js';

describe('rules found in review', () => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  async function auditCount(): Promise<number> {
    return (await t.ok('{ auditLog { totalCount } }', {}, admin.token)).auditLog.totalCount;
  }

  it('writes exactly one audit entry for a sign-in and for proposing a surplus split', async () => {
    const before = await auditCount();
    await t.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
    expect(await auditCount()).toBe(before + 1);
    const { rows } = await t.sql.query(`SELECT action FROM audit_entries ORDER BY id DESC LIMIT 1`);
    expect(rows[0].action).toBe('member.signed_in');

    const [patron] = await members(t, 1);
    const periodId = await closedPeriod(t, admin, { revenue: '100.00', patronage: [[patron, '1']] });
    const proposed = await auditCount();
    await t.ok(PROPOSE, { periodId, policy: policy('30', '10', '20', '40', '25') }, admin.token);
    expect(await auditCount()).toBe(proposed + 1);
  });

  it('does not let a suspended author withdraw an open proposal', async () => {
    const [author] = await members(t, 1);
    const proposal = await openProposal(t, author, { method: 'MAJORITY' });
    await t.sql.query(`UPDATE members SET status = 'SUSPENDED' WHERE id = $1`, [author.id]);
    const response = await t.gql(`mutation($id: ID!) { withdrawProposal(id: $id) { status } }`, { id: proposal.id }, author.token);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('rounds a threshold down, so two thirds given as 0.666666 passes at exactly two to one', async () => {
    const voters = await members(t, 3);
    const proposal = await openProposal(t, voters[0], { method: 'SUPERMAJORITY', threshold: 2 / 3 });
    await vote(t, voters[0], proposal, ['FOR']);
    await vote(t, voters[1], proposal, ['FOR']);
    await vote(t, voters[2], proposal, ['AGAINST']);
    const closed = (await t.ok(CLOSE, { id: proposal.id }, admin.token)).closeProposal;
    expect(closed.outcome).toBe('PASSED');
    const { proposal: read } = await t.ok(`query($id: ID!) { proposal(id: $id) { threshold } }`, { id: proposal.id }, voters[0].token);
    expect(read.threshold).toBe(0.6666);
    expect(
      (await t.gql(CREATE, { input: { title: 't', body: 'b', method: 'SUPERMAJORITY', threshold: 0.4 } }, voters[0].token)).errors?.[0]
        .extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('keeps budgets, their projects and who proposed them from those who may not read the register, like proposals and the books', async () => {
    const proposer = await t.member();
    const applicant = await t.member({ status: 'APPLICANT' as never });
    const { createBudget } = await t.ok(
      `mutation { createBudget(input: { title: "b", amount: "10.00", ballotRule: APPROVAL, allocationMethod: GREEDY }) { id } }`,
      {},
      admin.token,
    );
    await t.ok(`mutation($id: ID!) { setBudgetPhase(id: $id, phase: SUBMISSION) { id } }`, { id: createBudget.id }, admin.token);
    await t.ok(
      `mutation($id: ID!) { submitProject(input: { budgetId: $id, title: "p", cost: "1.00" }) { id } }`,
      { id: createBudget.id },
      proposer.token,
    );
    const query = `query($id: ID!) { budget(id: $id) { projects { proposer { id name } } } }`;
    const read = (token: string) => t.ok(query, { id: createBudget.id }, token);
    const refused = await t.gql(query, { id: createBudget.id }, applicant.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.budget ?? null).toBeNull();
    const suspended = await t.member({ status: 'SUSPENDED' as never });
    expect((await t.gql(`{ budgets { totalCount } }`, {}, suspended.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await read(proposer.token)).budget.projects[0].proposer.id).toBe(proposer.id);
    expect((await read(admin.token)).budget.projects[0].proposer.id).toBe(proposer.id);
  });

  it('refuses a commons-funded budget of zero and amounts beyond what the books hold', async () => {
    const zero = await t.gql(
      `mutation { createBudget(input: { title: "b", amount: "0", ballotRule: APPROVAL, allocationMethod: GREEDY, fundFromCommons: true }) { id } }`,
      {},
      admin.token,
    );
    expect(zero.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    const huge = await t.gql(
      `mutation { createBudget(input: { title: "b", amount: "99999999999999999999", ballotRule: APPROVAL, allocationMethod: GREEDY }) { id } }`,
      {},
      admin.token,
    );
    expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    // A distribution still executes after all this.
    const voters = await members(t, 1);
    const { id } = await approvedDistribution(t, admin, voters);
    expect(
      (await t.ok(`mutation($id: ID!) { executeSurplusDistribution(id: $id) { status } }`, { id }, admin.token)).executeSurplusDistribution
        .status,
    ).toBe('POSTED');
  });

  it('refuses Pabulib amounts finer than a cent, naming the line', async () => {
    const file = readFileSync(join(process.cwd(), 'test', 'fixtures', 'pabulib', 'poland_warszawa_2018_pole-mokotowskie.pb'), 'utf8');
    const subCent = file.replace(/\nbudget;(\d+)/, '\nbudget;$1.005');
    const response = await t.gql(`mutation($c: String!) { importPabulib(content: $c) { id } }`, { c: subCent }, admin.token);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', line: expect.any(Number) });
    expect(response.errors?.[0].message).toMatch(/in cents at most/);
  });
});
