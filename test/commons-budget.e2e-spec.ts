import { TestApp, type TestMember } from '@commons/testing';
import { approvedDistribution, EXECUTE, FLOWS, POSTINGS } from './surplus-helpers.js';
import { members } from './voting-helpers.js';

const CREATE = `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id amount commonsPostingId } }`;

describe('funding a participatory budget from the commons', () => {
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

  it('draws the amount from the commons fund, refuses more than it holds, and lets auditors follow the money', async () => {
    const budget = (amount: string) => ({
      input: { title: 'Commons projects', amount, ballotRule: 'APPROVAL', allocationMethod: 'GREEDY', fundFromCommons: true },
    });
    const empty = await t.gql(CREATE, budget('1.00'), admin.token);
    expect(empty.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'The commons fund holds 0.00; this budget needs 1.00.',
    });

    // A year of 1000.00 surplus split 30/10/20/40: 200.00 goes to the commons.
    const voters = await members(t, 3);
    const { periodId, id } = await approvedDistribution(t, admin, voters);
    await t.ok(EXECUTE, { id }, admin.token);
    const flows = (await t.ok(FLOWS, { periodId }, admin.token)).surplusFlows;
    expect(flows).toContainEqual({ from: 'surplus', to: 'commons', amount: '200.00' });

    const before = await t.snapshot();
    const tooMuch = await t.gql(CREATE, budget('200.01'), admin.token);
    expect(tooMuch.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await t.snapshot()).toEqual(before);

    const { createBudget } = await t.ok(CREATE, budget('150.00'), admin.token);
    expect(createBudget.commonsPostingId).toEqual(expect.any(String));
    const auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
    const { ledgerPostings } = await t.ok(POSTINGS, { account: 'commons', first: 10 }, auditor.token);
    const draw = ledgerPostings.edges
      .map((edge: { node: { id: string } }) => edge.node)
      .find((posting: { id: string }) => posting.id === createBudget.commonsPostingId);
    expect(draw).toMatchObject({ kind: 'budget', amount: '150.00' });
    const lines = draw.lines.edges.map((edge: { node: { account: string; debit: string; credit: string } }) => edge.node);
    expect(lines).toEqual([
      expect.objectContaining({ account: 'commons', debit: '150.00', credit: '0.00' }),
      expect.objectContaining({ account: `budget:${createBudget.id}`, debit: '0.00', credit: '150.00' }),
    ]);
    // Only 50.00 is left.
    expect((await t.gql(CREATE, budget('50.01'), admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await t.gql(CREATE, budget('50.00'), admin.token)).errors).toBeUndefined();
  });
});
