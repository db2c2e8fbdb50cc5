import { TestApp, type TestMember } from '@commons/testing';
import {
  ALLOCATIONS,
  CLOSE_PERIOD,
  closedPeriod,
  decide,
  download,
  EXECUTE,
  FLOWS,
  OPEN_PERIOD,
  parseCsv,
  policy,
  POSTINGS,
  propose,
  READ_PERIOD,
  RECORD_ENTRY,
  RECORD_PATRONAGE,
  TRIAL_BALANCE,
  VOTE,
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

  it('lists the postings behind every figure, with their lines, by account and in journal order', async () => {
    const { ledgerPostings } = await t.ok(POSTINGS, { periodId, first: 20 }, auditor.token);
    expect(ledgerPostings.totalCount).toBe(8);
    const postings = ledgerPostings.edges.map((e: any) => e.node);
    expect(postings.map((p: any) => p.kind)).toEqual([
      'entry',
      'entry',
      'entry',
      'entry',
      'entry',
      'closing',
      'distribution',
      'allocation',
    ]);
    expect(postings.map((p: any) => p.number)).toEqual([...postings.map((p: any) => p.number)].sort((a, b) => a - b));
    for (const posting of postings) {
      expect(posting.period.id).toBe(periodId);
      expect(posting.postedBy.id).toBe(admin.id);
      const lines = posting.lines.edges.map((e: any) => e.node);
      expect(lines).toHaveLength(posting.lineCount);
      const debit = lines.reduce((sum: bigint, l: any) => sum + cents(l.debit), 0n);
      expect(debit).toBe(cents(posting.amount));
      expect(lines.reduce((sum: bigint, l: any) => sum + cents(l.credit), 0n)).toBe(debit);
    }
    expect(postings[0]).toMatchObject({ memo: 'FY2025: Sales Q1-Q2', amount: '80000.00', lineCount: 2 });
    const closing = postings[5].lines.edges.map((e: any) => e.node);
    expect(closing.map((l: any) => [l.account, l.debit, l.credit])).toEqual([
      ['revenue', '125500.50', '0.00'],
      ['surplus', '0.00', '50000.01'],
      ['expenses', '0.00', '75500.49'],
    ]);
    const allocation = postings[7];
    expect(allocation.lineCount).toBe(7); // the payable, and capital and cash for the three members with a refund
    expect(
      allocation.lines.edges.find((e: any) => e.node.memberId === ana.id && e.node.controlAccount === 'member_capital').node,
    ).toMatchObject({
      account: `member_capital:${ana.id}`,
      credit: '7500.01',
    });

    const paged = (await t.ok(POSTINGS, { periodId, first: 1, after: null, linesFirst: 2 }, admin.token)).ledgerPostings;
    expect(paged.pageInfo.hasNextPage).toBe(true);
    const next = (await t.ok(POSTINGS, { periodId, first: 1, after: paged.pageInfo.endCursor, linesFirst: 1 }, admin.token)).ledgerPostings;
    expect(next.edges[0].node.number).toBeGreaterThan(paged.edges[0].node.number);
    expect(next.edges[0].node.lines).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });

    const reserve = (await t.ok(POSTINGS, { periodId, account: 'reserve' }, auditor.token)).ledgerPostings;
    expect(reserve.edges.map((e: any) => e.node.kind)).toEqual(['distribution']);
    const capital = (await t.ok(POSTINGS, { periodId, account: 'member_capital' }, auditor.token)).ledgerPostings;
    expect(capital.edges.map((e: any) => e.node.kind)).toEqual(['allocation']);
    const anaCash = (await t.ok(POSTINGS, { periodId, account: `cash_payable:${ana.id}` }, auditor.token)).ledgerPostings;
    expect(anaCash.totalCount).toBe(1);
    const bank = (await t.ok(POSTINGS, { periodId, account: 'bank' }, auditor.token)).ledgerPostings;
    expect(bank.totalCount).toBe(5);
  });

  it('pages the lines of a long posting', async () => {
    const allocation = (await t.ok(POSTINGS, { periodId, account: 'member_capital', linesFirst: 3 }, admin.token)).ledgerPostings.edges[0]
      .node;
    const lines = [...allocation.lines.edges.map((e: any) => e.node.lineNo)];
    let cursor = allocation.lines.pageInfo.endCursor;
    while (cursor) {
      const { ledgerPostings } = await t.ok(
        `query($after: String) { ledgerPostings(account: "member_capital") { edges { node { lines(first: 3, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { lineNo } } } } } } }`,
        { after: cursor },
        admin.token,
      );
      const page = ledgerPostings.edges[0].node.lines;
      lines.push(...page.edges.map((e: any) => e.node.lineNo));
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    }
    expect(lines).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('exports the ledger as CSV for the accountant', async () => {
    const response = await download(t, `/exports/ledger.csv?periodId=${periodId}`, auditor.token);
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual([
      'posting_number',
      'posted_at',
      'posting_id',
      'kind',
      'memo',
      'line_no',
      'account',
      'member_id',
      'debit',
      'credit',
    ]);
    const lines = rows.slice(1);
    expect(lines).toHaveLength(2 * 5 + 3 + 5 + 7);
    expect(lines[0].slice(3)).toEqual(['entry', 'FY2025: Sales Q1-Q2', '1', 'bank', '', '80000.00', '0.00']);
    expect(lines.find((row) => row[4].includes('Rent'))?.[4]).toBe('FY2025: Rent, "the big office"');
    expect(lines.map((row) => row[3])).toContain('allocation');
    const debit = lines.reduce((sum, row) => sum + cents(row[8]), 0n);
    expect(debit).toBe(lines.reduce((sum, row) => sum + cents(row[9]), 0n));
    expect(response.body).toContain(',"FY2025: Rent, ""the big office""",');
    expect(lines.find((row) => row[6] === `member_capital:${ana.id}`)?.slice(7)).toEqual([ana.id, '0.00', '7500.01']);
  });

  it('exports the member allocations as CSV', async () => {
    const response = await download(t, `/exports/member-allocations.csv?periodId=${periodId}`, admin.token);
    expect(response.status).toBe(200);
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual(['member_id', 'member_name', 'patronage', 'refund', 'cash', 'retained']);
    const byMember = Object.fromEntries(rows.slice(1).map((row) => [row[0], row.slice(2)]));
    expect(byMember).toEqual({
      [ana.id]: ['1000.00', '10000.01', '2500.00', '7500.01'],
      [bo.id]: ['600.00', '6000.00', '1500.00', '4500.00'],
      [cy.id]: ['0.00', '0.00', '0.00', '0.00'],
      [di.id]: ['400.00', '4000.00', '1000.00', '3000.00'],
    });
    expect(rows.slice(1).map((row) => row[0])).toEqual([ana.id, bo.id, cy.id, di.id].sort());
    // A name a spreadsheet would run as a formula is defused; quotes and commas survive the round trip.
    expect(rows.find((row) => row[0] === di.id)?.[1]).toBe(`'=HYPERLINK("http://evil.test"), Di`);
    expect(response.body).toContain(`,"'=HYPERLINK(""http://evil.test""), Di",`);
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
    expect(distributionLog.sort()).toEqual([
      'surplus_distribution.approved',
      'surplus_distribution.executed',
      'surplus_distribution.proposed',
    ]);
    const { verifyAuditChain } = await t.ok('{ verifyAuditChain { valid } }', {}, auditor.token);
    expect(verifyAuditChain.valid).toBe(true);
  });
});

describe('a split the members reject', () => {
  let t: TestApp;
  let admin: TestMember;
  let voters: TestMember[];
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.admin();
    voters = await members(t, 3);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('becomes REJECTED, cannot be executed, and a new split can then be proposed and approved', async () => {
    const periodId = await closedPeriod(t, admin, { revenue: '900.00', expenses: '100.00', patronage: voters.map((v) => [v, '1']) });
    const first = await propose(t, admin, periodId, policy('50', '0', '0', '50', '100'));
    const second = await t.gql(
      `mutation($p: ID!, $policy: AllocationPolicyInput!) { proposeSurplusDistribution(periodId: $p, policy: $policy) { id } }`,
      {
        p: periodId,
        policy: policy('50', '0', '0', '50', '100'),
      },
      admin.token,
    );
    expect(second.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await decide(t, admin, first, voters, 'AGAINST')).toBe('REJECTED');
    const rejected = (await t.ok(READ_PERIOD, { id: periodId }, voters[0].token)).fiscalPeriod;
    expect(rejected).toMatchObject({ status: 'CLOSED', distribution: { id: first.id, status: 'REJECTED' } });
    expect((await t.gql(EXECUTE, { id: first.id }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');

    // Patronage can be corrected again once the split is rejected.
    await t.ok(RECORD_PATRONAGE, { periodId, memberId: voters[0].id, amount: '2' }, admin.token);
    const retry = await propose(t, admin, periodId, policy('20', '5', '25', '50', '20'));
    expect(await decide(t, admin, retry, voters, 'FOR')).toBe('PASSED');
    await t.ok(EXECUTE, { id: retry.id }, admin.token);
    const done = (await t.ok(READ_PERIOD, { id: periodId }, voters[0].token)).fiscalPeriod;
    expect(done).toMatchObject({ status: 'DISTRIBUTED', distribution: { id: retry.id, status: 'POSTED' } });
    expect(done.distributions).toEqual([
      { id: first.id, status: 'REJECTED' },
      { id: retry.id, status: 'POSTED' },
    ]);
    const refunds = (await t.ok(ALLOCATIONS, { periodId }, admin.token)).memberAllocations.edges.map((e: any) => e.node);
    expect(Object.fromEntries(refunds.map((a: any) => [a.member.id, a.refund]))).toEqual({
      [voters[0].id]: '200.00',
      [voters[1].id]: '100.00',
      [voters[2].id]: '100.00',
    });
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM ledger_postings WHERE period_id = $1 AND kind = 'distribution'`, [
      periodId,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('is decided when its proposal closes by itself at closesAt', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '1']] });
    const closesAt = new Date(Date.now() + 1500).toISOString();
    const { proposeSurplusDistribution } = await t.ok(
      `mutation($p: ID!, $policy: AllocationPolicyInput!, $closesAt: DateTime) {
        proposeSurplusDistribution(periodId: $p, policy: $policy, closesAt: $closesAt) { id proposal { id closesAt options { id label } } } }`,
      { p: periodId, policy: policy('30', '10', '20', '40', '25'), closesAt },
      admin.token,
    );
    expect(proposeSurplusDistribution.proposal.closesAt).toBe(closesAt);
    const forOption = proposeSurplusDistribution.proposal.options.find((o: any) => o.label === 'FOR').id;
    await t.ok(VOTE, { input: { proposalId: proposeSurplusDistribution.proposal.id, optionIds: [forOption] } }, voters[0].token);
    // The closer runs every few seconds; wait for it (bounded) rather than closing by hand.
    let status = 'PROPOSED';
    for (let attempt = 0; attempt < 100 && status === 'PROPOSED'; attempt += 1) {
      await new Promise((wake) => setTimeout(wake, 200));
      status = (await t.ok(READ_PERIOD, { id: periodId }, admin.token)).fiscalPeriod.distribution.status;
    }
    expect(status).toBe('APPROVED');
    const { auditLog } = await t.ok(
      `query($id: ID!) { auditLog(entityId: $id) { edges { node { action actor { id } } } } }`,
      { id: proposeSurplusDistribution.id },
      admin.token,
    );
    expect(auditLog.edges.map((e: any) => e.node)).toContainEqual({ action: 'surplus_distribution.approved', actor: null });
    expect((await t.ok(EXECUTE, { id: proposeSurplusDistribution.id }, admin.token)).executeSurplusDistribution.status).toBe('POSTED');
  });

  it('rejects a split that misses its quorum', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '1']] });
    const { proposeSurplusDistribution } = await t.ok(
      `mutation($p: ID!, $policy: AllocationPolicyInput!) { proposeSurplusDistribution(periodId: $p, policy: $policy, quorum: 1) { id proposal { id options { id label } } } }`,
      { p: periodId, policy: policy('30', '10', '20', '40', '25') },
      admin.token,
    );
    const proposal = {
      id: proposeSurplusDistribution.id,
      proposalId: proposeSurplusDistribution.proposal.id,
      options: Object.fromEntries(proposeSurplusDistribution.proposal.options.map((o: any) => [o.label, o.id])),
    };
    expect(await decide(t, admin, proposal, [voters[0]], 'FOR')).toBe('NO_QUORUM');
    expect((await t.ok(READ_PERIOD, { id: periodId }, admin.token)).fiscalPeriod.distribution.status).toBe('REJECTED');
  });

  it('lets a new split be proposed when the proposal of the last one was withdrawn', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '1']] });
    const first = await propose(t, admin, periodId);
    await t.ok(`mutation($id: ID!) { withdrawProposal(id: $id) { status } }`, { id: first.proposalId }, admin.token);
    const second = await propose(t, admin, periodId);
    const { fiscalPeriod } = await t.ok(READ_PERIOD, { id: periodId }, admin.token);
    expect(fiscalPeriod.distributions).toEqual([
      { id: first.id, status: 'REJECTED' },
      { id: second.id, status: 'PROPOSED' },
    ]);
  });
});

describe('corrections and rounding', () => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  const REVERSE = `mutation($postingId: ID!, $memo: String!) { reverseEntry(postingId: $postingId, memo: $memo) { revenue expenses surplus } }`;

  it('corrects an entry with a reversing posting, never by changing the ledger', async () => {
    const periodId = await openedPeriod(t, admin);
    await t.ok(RECORD_ENTRY, { periodId, kind: 'REVENUE', amount: '1000.00', memo: 'Sales' }, admin.token);
    await t.ok(RECORD_ENTRY, { periodId, kind: 'EXPENSE', amount: '999.99', memo: 'Rent' }, admin.token);
    const { ledgerPostings } = await t.ok(POSTINGS, { periodId, account: 'expenses' }, admin.token);
    const wrong = ledgerPostings.edges[0].node;
    const { reverseEntry } = await t.ok(REVERSE, { postingId: wrong.id, memo: 'Rent was 99.99' }, admin.token);
    expect(reverseEntry).toEqual({ revenue: '1000.00', expenses: '0.00', surplus: '1000.00' });
    await t.ok(RECORD_ENTRY, { periodId, kind: 'EXPENSE', amount: '99.99', memo: 'Rent' }, admin.token);
    expect((await t.gql(REVERSE, { postingId: wrong.id, memo: 'again' }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');

    const { ledgerPostings: all } = await t.ok(
      `query($periodId: ID) { ledgerPostings(periodId: $periodId) { edges { node { id kind memo reverses { id } } } } }`,
      { periodId },
      admin.token,
    );
    const reversal = all.edges.map((e: any) => e.node).find((p: any) => p.kind === 'reversal');
    expect(reversal).toMatchObject({ reverses: { id: wrong.id } });
    expect(reversal.memo).toContain('Rent was 99.99');
    // A reversal is not an entry: it cannot itself be reversed here.
    expect((await t.gql(REVERSE, { postingId: reversal.id, memo: 'x' }, admin.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const { closeFiscalPeriod } = await t.ok(CLOSE_PERIOD, { id: periodId }, admin.token);
    expect(closeFiscalPeriod).toMatchObject({ expenses: '99.99', surplus: '900.01' });
    const balances = (await t.ok(TRIAL_BALANCE, { periodId }, admin.token)).trialBalance;
    expect(balances.find((b: any) => b.account === 'bank')).toEqual({ account: 'bank', debit: '900.01', credit: '0.00' });
    expect(balances.find((b: any) => b.account === 'surplus')).toEqual({ account: 'surplus', debit: '0.00', credit: '900.01' });
    expect((await t.gql(REVERSE, { postingId: wrong.id, memo: 'late' }, admin.token)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'fiscal_period.entry_reversed' AND entity_id = $1`,
      [periodId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('splits awkward amounts so shares add up to the surplus and each refund is its cash plus what is retained, to the cent', async () => {
    const patrons = await members(t, 7);
    const patronage = ['1', '2.5', '3.33', '7', '0.01', '11.11', '0'];
    const periodId = await closedPeriod(t, admin, {
      revenue: '1000.07',
      expenses: '0.06',
      patronage: patrons.map((member, i) => [member, patronage[i]]),
    });
    const distribution = await propose(t, admin, periodId, policy('33.33', '33.33', '0.01', '33.33', '33.33'));
    const { fiscalPeriod } = await t.ok(READ_PERIOD, { id: periodId }, admin.token);
    const amounts = fiscalPeriod.distribution.amounts;
    expect(amounts.surplus).toBe('1000.01');
    expect(cents(amounts.reserve) + cents(amounts.education) + cents(amounts.commons) + cents(amounts.patronage)).toBe(cents('1000.01'));
    await decide(t, admin, distribution, patrons, 'FOR');
    await t.ok(EXECUTE, { id: distribution.id }, admin.token);
    const allocations = (await t.ok(ALLOCATIONS, { periodId, first: 10 }, admin.token)).memberAllocations.edges.map((e: any) => e.node);
    expect(allocations).toHaveLength(7);
    for (const a of allocations) expect(cents(a.cash) + cents(a.retained)).toBe(cents(a.refund));
    expect(allocations.reduce((sum: bigint, a: any) => sum + cents(a.refund), 0n)).toBe(cents(amounts.patronage));
    const byPatronage = [...allocations].sort((a: any, b: any) => Number(cents(a.patronage) - cents(b.patronage)));
    for (let i = 1; i < byPatronage.length; i += 1)
      expect(cents(byPatronage[i].refund)).toBeGreaterThanOrEqual(cents(byPatronage[i - 1].refund));
    const balances = (await t.ok(TRIAL_BALANCE, { periodId }, admin.token)).trialBalance;
    expect(balances.reduce((sum: bigint, b: any) => sum + cents(b.debit), 0n)).toBe(
      balances.reduce((sum: bigint, b: any) => sum + cents(b.credit), 0n),
    );
  });
});

async function openedPeriod(t: TestApp, admin: TestMember): Promise<string> {
  return (await t.ok(OPEN_PERIOD, { name: 'FY2030', startsOn: '2030-01-01T00:00:00Z', endsOn: '2031-01-01T00:00:00Z' }, admin.token))
    .openFiscalPeriod.id;
}
