import type { TestApp, TestMember } from '@commons/testing';
import {
  ALLOCATIONS,
  CLOSE_PERIOD,
  closedPeriod,
  decide,
  EXECUTE,
  OPEN_PERIOD,
  policy,
  POSTINGS,
  propose,
  READ_PERIOD,
  RECORD_ENTRY,
  surplusApp,
  TRIAL_BALANCE,
} from './surplus-helpers.js';
import { members } from './voting-helpers.js';

const cents = (amount: string) => BigInt(amount.replace('.', ''));

describe('corrections and rounding', () => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    ({ t, admin } = await surplusApp());
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
