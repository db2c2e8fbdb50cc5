import { TestApp, type TestMember } from '@commons/testing';
import { closedPeriod, decide, EXECUTE, FLOWS, propose, policy } from './surplus-helpers.js';
import { members } from './voting-helpers.js';

const CREATE = `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id commonsPostingId } }`;
const FUNDING = `query($periodId: ID, $budgetId: ID) {
  commonsFunding(periodId: $periodId, budgetId: $budgetId) {
    amount account budgetId periodId postingId sourcePostingId
    budget { id title }
    posting { id kind amount }
    sourcePosting { id kind period { id } }
    distribution { id status period { id } proposal { id outcome } }
  } }`;

describe('following the commons money', () => {
  let t: TestApp;
  let admin: TestMember;
  let voters: TestMember[];
  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
    voters = await members(t, 3);
  });
  afterAll(async () => {
    await t.stop();
  });

  /** A distributed year of `revenue` with 20% for the commons; returns its period, distribution and proposal. */
  async function distributedYear(revenue: string) {
    const periodId = await closedPeriod(t, admin, { revenue, patronage: voters.map((voter) => [voter, '10']) });
    const distribution = await propose(t, admin, periodId, policy('30', '10', '20', '40', '25'));
    await decide(t, admin, distribution, voters, 'FOR');
    await t.ok(EXECUTE, { id: distribution.id }, admin.token);
    return { periodId, distributionId: distribution.id, proposalId: distribution.proposalId };
  }

  async function commonsBudget(title: string, amount: string): Promise<{ id: string; commonsPostingId: string }> {
    const input = { title, amount, ballotRule: 'APPROVAL', allocationMethod: 'GREEDY', fundFromCommons: true };
    return (await t.ok(CREATE, { input }, admin.token)).createBudget;
  }

  it('traces each budget back to the distributions whose commons money it spent, oldest first, and each distribution forward', async () => {
    const first = await distributedYear('1000.00'); // 200.00 into the commons
    const early = await commonsBudget('Early projects', '150.00');
    const second = await distributedYear('500.00'); // 100.00 more
    const late = await commonsBudget('Late projects', '80.00'); // 50.00 of the first year's money, then 30.00 of the second's
    const auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });

    const back = (await t.ok(FUNDING, { budgetId: late.id }, auditor.token)).commonsFunding;
    expect(back).toEqual([
      expect.objectContaining({
        amount: '50.00',
        account: `budget:${late.id}`,
        budgetId: late.id,
        budget: { id: late.id, title: 'Late projects' },
        postingId: late.commonsPostingId,
        posting: { id: late.commonsPostingId, kind: 'budget', amount: '80.00' },
        periodId: first.periodId,
        sourcePosting: expect.objectContaining({ kind: 'distribution', period: { id: first.periodId } }),
        distribution: {
          id: first.distributionId,
          status: 'POSTED',
          period: { id: first.periodId },
          proposal: { id: first.proposalId, outcome: 'PASSED' },
        },
      }),
      expect.objectContaining({
        amount: '30.00',
        postingId: late.commonsPostingId,
        periodId: second.periodId,
        distribution: expect.objectContaining({ id: second.distributionId, proposal: { id: second.proposalId, outcome: 'PASSED' } }),
      }),
    ]);

    const forward = (await t.ok(FUNDING, { periodId: first.periodId }, auditor.token)).commonsFunding;
    expect(forward.map((funding: { budgetId: string; amount: string }) => [funding.budgetId, funding.amount])).toEqual([
      [early.id, '150.00'],
      [late.id, '50.00'],
    ]);
    const all = (await t.ok(FUNDING, {}, admin.token)).commonsFunding;
    expect(all).toHaveLength(3);

    // The period's flows go on from the commons to what its share paid for.
    const flows = (await t.ok(FLOWS, { periodId: first.periodId }, auditor.token)).surplusFlows;
    expect(flows).toContainEqual({ from: 'surplus', to: 'commons', amount: '200.00' });
    expect(flows.filter((flow: { from: string }) => flow.from === 'commons')).toEqual([
      { from: 'commons', to: `budget:${early.id}`, amount: '150.00' },
      { from: 'commons', to: `budget:${late.id}`, amount: '50.00' },
    ]);
    const secondFlows = (await t.ok(FLOWS, { periodId: second.periodId }, auditor.token)).surplusFlows;
    expect(secondFlows.filter((flow: { from: string }) => flow.from === 'commons')).toEqual([
      { from: 'commons', to: `budget:${late.id}`, amount: '30.00' },
    ]);
  });

  it('is for auditors and admins only', async () => {
    const member = voters[0];
    const refused = await t.gql(FUNDING, {}, member.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    expect((await t.gql(FUNDING, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(FUNDING, { budgetId: 'nope' }, admin.token)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(FUNDING, { periodId: '00000000-0000-4000-8000-000000000000' }, admin.token)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
  });
});
