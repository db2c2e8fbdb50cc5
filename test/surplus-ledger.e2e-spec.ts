import { TestApp, type TestMember } from '@commons/testing';
import { distributedYear, download, parseCsv, POSTINGS } from './surplus-helpers.js';
import { members } from './voting-helpers.js';

const cents = (amount: string) => BigInt(amount.replace('.', ''));

describe("the ledger behind a year's figures, and its CSV exports", () => {
  let t: TestApp;
  let admin: TestMember;
  let auditor: TestMember;
  let ana: TestMember, bo: TestMember, cy: TestMember, di: TestMember;
  let periodId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
    auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
    [ana, bo, cy] = await members(t, 3);
    di = await t.member({ name: '=HYPERLINK("http://evil.test"), Di' });
    periodId = (await distributedYear(t, admin, [ana, bo, cy, di])).periodId;
  });
  afterAll(async () => {
    await t.stop();
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
});
