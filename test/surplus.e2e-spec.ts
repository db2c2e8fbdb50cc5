import { TestApp, type TestMember } from '@commons/testing';
import {
  ALLOCATIONS,
  CLOSE_PERIOD,
  decide,
  EXECUTE,
  FLOWS,
  OPEN_PERIOD,
  policy,
  READ_PERIOD,
  RECORD_ENTRY,
  RECORD_PATRONAGE,
  TRIAL_BALANCE,
} from './surplus-helpers.js';
import { members } from './voting-helpers.js';

const cents = (amount: string) => BigInt(amount.replace('.', ''));
const AUDIT = `query($id: ID!) { auditLog(entityId: $id, first: 100) { edges { node { action actor { id } data } } } }`;

describe('a whole year of surplus reinvestment over GraphQL', () => {
  let t: TestApp;
  let admin: TestMember;
  let auditor: TestMember;
  let ana: TestMember, bo: TestMember, cy: TestMember, di: TestMember;
  let periodId: string;
  let distributionId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
    auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
    [ana, bo, cy] = await members(t, 3);
    di = await t.member({ name: '=HYPERLINK("http://evil.test"), Di' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('opens the year, records revenue and expenses, and keeps running totals', async () => {
    const { openFiscalPeriod } = await t.ok(
      OPEN_PERIOD,
      { name: 'FY2025', startsOn: '2025-01-01T00:00:00.000Z', endsOn: '2026-01-01T00:00:00.000Z' },
      admin.token,
    );
    expect(openFiscalPeriod).toMatchObject({ name: 'FY2025', status: 'OPEN', revenue: '0.00', expenses: '0.00', surplus: '0.00' });
    periodId = openFiscalPeriod.id;
    const entries: Array<['REVENUE' | 'EXPENSE', string, string]> = [
      ['REVENUE', '80000.00', 'Sales Q1-Q2'],
      ['REVENUE', '45500.5', 'Sales Q3-Q4'],
      ['EXPENSE', '60000', 'Wages'],
      ['EXPENSE', '15500.00', 'Rent, "the big office"'],
      ['EXPENSE', '0.49', '=Bank fee'],
    ];
    let last;
    for (const [kind, amount, memo] of entries)
      last = (await t.ok(RECORD_ENTRY, { periodId, kind, amount, memo }, admin.token)).recordEntry;
    expect(last).toMatchObject({ status: 'OPEN', revenue: '125500.50', expenses: '75500.49', surplus: '50000.01' });
  });

  it('records patronage; recording a member again replaces their amount', async () => {
    for (const [member, amount] of [
      [ana, '1000'],
      [bo, '500'],
      [cy, '0'],
      [di, '400.00'],
      [bo, '600'],
    ] as const) {
      expect((await t.ok(RECORD_PATRONAGE, { periodId, memberId: member.id, amount }, admin.token)).recordPatronage).toBe(true);
    }
    const { patronageRecords } = await t.ok(
      `query($periodId: ID!) { patronageRecords(periodId: $periodId) { totalCount edges { node { member { id } amount } } } }`,
      { periodId },
      auditor.token,
    );
    expect(patronageRecords.totalCount).toBe(4);
    const byMember = Object.fromEntries(patronageRecords.edges.map((e: any) => [e.node.member.id, e.node.amount]));
    expect(byMember).toEqual({ [ana.id]: '1000.00', [bo.id]: '600.00', [cy.id]: '0.00', [di.id]: '400.00' });
  });

  it('closes the year: revenue and expenses go into the surplus, and no more entries are taken', async () => {
    const { closeFiscalPeriod } = await t.ok(CLOSE_PERIOD, { id: periodId }, admin.token);
    expect(closeFiscalPeriod).toMatchObject({ status: 'CLOSED', surplus: '50000.01' });
    const late = await t.gql(RECORD_ENTRY, { periodId, kind: 'REVENUE', amount: '1.00', memo: 'late' }, admin.token);
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('proposes a split as an open MAJORITY proposal by the admin whose body gives the amounts', async () => {
    const { proposeSurplusDistribution: distribution } = await t.ok(
      `mutation($periodId: ID!, $policy: AllocationPolicyInput!) { proposeSurplusDistribution(periodId: $periodId, policy: $policy) {
        id status policy { reserve education commons patronage patronageCash } amounts { surplus reserve education commons patronage }
        period { id status } proposal { id title body status method author { id } options { label } } } }`,
      { periodId, policy: policy('30', '10', '20', '40', '25') },
      admin.token,
    );
    distributionId = distribution.id;
    expect(distribution).toMatchObject({
      status: 'PROPOSED',
      policy: { reserve: '30.00', education: '10.00', commons: '20.00', patronage: '40.00', patronageCash: '25.00' },
      amounts: { surplus: '50000.01', reserve: '15000.00', education: '5000.00', commons: '10000.00', patronage: '20000.01' },
      period: { id: periodId, status: 'CLOSED' },
      proposal: { title: 'Surplus distribution for FY2025', status: 'OPEN', method: 'MAJORITY', author: { id: admin.id } },
    });
    expect(distribution.proposal.options.map((o: { label: string }) => o.label)).toEqual(['FOR', 'AGAINST', 'ABSTAIN']);
    for (const figure of ['50000.01', 'Indivisible reserve: 30% = 15000.00', '10% = 5000.00', '20% = 10000.00', '40% = 20000.01', '25%']) {
      expect(distribution.proposal.body).toContain(figure);
    }
    expect(distribution.proposal.body).toContain('3 member(s) with patronage recorded (2000.00 in all)');
    const early = await t.gql(EXECUTE, { id: distributionId }, admin.token);
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('is approved when members vote it through and the admin closes the proposal', async () => {
    const { fiscalPeriod } = await t.ok(READ_PERIOD, { id: periodId }, ana.token);
    const proposal = {
      id: fiscalPeriod.distribution.proposal.id,
      proposalId: fiscalPeriod.distribution.proposal.id,
      options: Object.fromEntries(fiscalPeriod.distribution.proposal.options.map((o: any) => [o.label, o.id])),
    };
    await decide(t, admin, { ...proposal, id: distributionId }, [ana, bo, cy], 'FOR');
    const after = (await t.ok(READ_PERIOD, { id: periodId }, ana.token)).fiscalPeriod;
    expect(after.distribution).toMatchObject({ id: distributionId, status: 'APPROVED', proposal: { status: 'CLOSED', outcome: 'PASSED' } });
  });

  it('executes once: posts the ledger, allocates refunds and marks the year DISTRIBUTED', async () => {
    const { executeSurplusDistribution } = await t.ok(EXECUTE, { id: distributionId }, admin.token);
    expect(executeSurplusDistribution).toMatchObject({
      id: distributionId,
      status: 'POSTED',
      period: { id: periodId, status: 'DISTRIBUTED' },
    });
    expect(executeSurplusDistribution.postedAt).toEqual(expect.any(String));
    const again = await t.gql(EXECUTE, { id: distributionId }, admin.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const { fiscalPeriod } = await t.ok(READ_PERIOD, { id: periodId }, di.token);
    expect(fiscalPeriod).toMatchObject({
      status: 'DISTRIBUTED',
      revenue: '125500.50',
      expenses: '75500.49',
      surplus: '50000.01',
      distribution: { id: distributionId, status: 'POSTED' },
    });
  });

  it('shows members where the surplus went', async () => {
    const { surplusFlows } = await t.ok(FLOWS, { periodId }, cy.token);
    expect(surplusFlows.map((f: any) => `${f.from} -> ${f.to} ${f.amount}`)).toEqual([
      'revenue -> surplus 50000.01',
      'revenue -> expenses 75500.49',
      'surplus -> reserve 15000.00',
      'surplus -> education 5000.00',
      'surplus -> commons 10000.00',
      'surplus -> patronage_payable 20000.01',
      'patronage_payable -> member_capital 15000.01',
      'patronage_payable -> cash_payable 5000.00',
    ]);
  });

  it("pages the members' allocations for auditors; each refund is cash plus retained, and they add up to the pool", async () => {
    const seen: any[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { memberAllocations }: any = await t.ok(ALLOCATIONS, { periodId, first: 3, after }, auditor.token);
      expect(memberAllocations.totalCount).toBe(4);
      seen.push(...memberAllocations.edges.map((e: any) => e.node));
      after = memberAllocations.pageInfo.hasNextPage ? memberAllocations.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(2);
    const byMember = Object.fromEntries(seen.map((a) => [a.member.id, [a.patronage, a.refund, a.cash, a.retained]]));
    expect(byMember).toEqual({
      [ana.id]: ['1000.00', '10000.01', '2500.00', '7500.01'],
      [bo.id]: ['600.00', '6000.00', '1500.00', '4500.00'],
      [cy.id]: ['0.00', '0.00', '0.00', '0.00'],
      [di.id]: ['400.00', '4000.00', '1000.00', '3000.00'],
    });
    for (const a of seen) expect(cents(a.cash) + cents(a.retained)).toBe(cents(a.refund));
    expect(seen.reduce((sum, a) => sum + cents(a.refund), 0n)).toBe(cents('20000.01'));
  });

  it('shows a member only their own allocation', async () => {
    const { memberAllocations } = await t.ok(ALLOCATIONS, { periodId }, bo.token);
    expect(memberAllocations.totalCount).toBe(1);
    expect(memberAllocations.edges[0].node).toMatchObject({
      member: { id: bo.id },
      refund: '6000.00',
      cash: '1500.00',
      retained: '4500.00',
    });
  });

  it('balances the trial balance, rolled up and per member', async () => {
    const rolled = (await t.ok(TRIAL_BALANCE, { periodId }, auditor.token)).trialBalance;
    expect(rolled.map((b: any) => `${b.account} ${b.debit} ${b.credit}`)).toEqual([
      'bank 50000.01 0.00',
      'revenue 0.00 0.00',
      'expenses 0.00 0.00',
      'surplus 0.00 0.00',
      'reserve 0.00 15000.00',
      'education 0.00 5000.00',
      'commons 0.00 10000.00',
      'patronage_payable 0.00 0.00',
      'member_capital 0.00 15000.01',
      'cash_payable 0.00 5000.00',
    ]);
    const detailed = (await t.ok(TRIAL_BALANCE, { periodId, rollUpMembers: false }, admin.token)).trialBalance;
    for (const balances of [rolled, detailed]) {
      const debit = balances.reduce((sum: bigint, b: any) => sum + cents(b.debit), 0n);
      const credit = balances.reduce((sum: bigint, b: any) => sum + cents(b.credit), 0n);
      expect(debit).toBe(credit);
    }
    expect(detailed.find((b: any) => b.account === `member_capital:${ana.id}`)).toEqual({
      account: `member_capital:${ana.id}`,
      debit: '0.00',
      credit: '7500.01',
    });
    expect(detailed.filter((b: any) => b.account.startsWith('cash_payable:'))).toHaveLength(3);
  });

  it('leaves an audit trail of every step', async () => {
    const periodLog = (await t.ok(AUDIT, { id: periodId }, auditor.token)).auditLog.edges.map((e: any) => e.node);
    const actions = periodLog.map((entry: any) => entry.action).sort();
    expect(actions).toEqual(
      [
        'fiscal_period.opened',
        ...Array(5).fill('fiscal_period.entry_recorded'),
        ...Array(5).fill('fiscal_period.patronage_recorded'),
        'fiscal_period.closed',
      ].sort(),
    );
    expect(periodLog.every((entry: any) => entry.actor.id === admin.id)).toBe(true);
    const rerecorded = periodLog.find((entry: any) => entry.data.memberId === bo.id && entry.data.amount === '600.00');
    expect(rerecorded.data.previous).toBe('500.00');
    const distributionLog = (await t.ok(AUDIT, { id: distributionId }, admin.token)).auditLog.edges.map((e: any) => e.node.action);
    expect(distributionLog.sort()).toEqual(['surplus_distribution.executed', 'surplus_distribution.proposed']);
    // The approval is part of the proposal's close: one mutation, one entry.
    const { fiscalPeriod } = await t.ok(READ_PERIOD, { id: periodId }, admin.token);
    const proposalLog = (await t.ok(AUDIT, { id: fiscalPeriod.distribution.proposal.id }, admin.token)).auditLog.edges.map(
      (e: any) => e.node,
    );
    // Created and opened within the distribution's own entry; then three votes and the close.
    expect(proposalLog.map((entry: any) => entry.action).sort()).toEqual(['proposal.closed', 'vote.cast', 'vote.cast', 'vote.cast']);
    const closing = proposalLog.find((entry: any) => entry.action === 'proposal.closed');
    expect(closing.data.surplusDistribution).toEqual({ id: distributionId, status: 'APPROVED' });
    const { verifyAuditChain } = await t.ok('{ verifyAuditChain { valid } }', {}, auditor.token);
    expect(verifyAuditChain.valid).toBe(true);
  });
});
