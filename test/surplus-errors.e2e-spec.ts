import type { TestApp, TestMember } from '@commons/testing';
import {
  ALLOCATIONS,
  approvedDistribution,
  CLOSE_PERIOD,
  closedPeriod,
  decide,
  EXECUTE,
  FLOWS,
  freshYear,
  OPEN_PERIOD,
  openPeriod,
  policy,
  POSTINGS,
  PROPOSE,
  propose,
  READ_PERIOD,
  RECORD_ENTRY,
  RECORD_PATRONAGE,
  recordEntry,
  surplusApp,
  surplusDigest,
  TRIAL_BALANCE,
} from './surplus-helpers.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const MINIMUMS = `mutation($input: SurplusPolicyMinimumsInput!) {
  setSurplusPolicyMinimums(input: $input) { reserve education commons patronage patronageCash } }`;

describe('surplus errors: every code, and a refused call changes nothing', () => {
  let t: TestApp;
  let admin: TestMember;
  let voters: TestMember[];
  beforeAll(async () => {
    ({ t, admin, voters } = await surplusApp(2));
  });
  afterAll(async () => {
    await t.stop();
  });

  /** Runs the call, expects `code` (and `field` if given), and checks that no surplus table changed. */
  async function refused(query: string, variables: Record<string, unknown>, code: string, field?: string) {
    const before = await surplusDigest(t);
    const response = await t.gql(query, variables, admin.token);
    expect(response.errors?.[0].extensions).toMatchObject(field ? { code, field } : { code });
    expect(await surplusDigest(t)).toBe(before);
    return response;
  }

  it('BAD_USER_INPUT names the field for malformed periods, entries and patronage', async () => {
    const periodId = await openPeriod(t, admin);
    const year = freshYear();
    await refused(OPEN_PERIOD, { ...year, name: '   ' }, 'BAD_USER_INPUT', 'name');
    await refused(OPEN_PERIOD, { ...year, endsOn: year.startsOn }, 'BAD_USER_INPUT', 'endsOn');
    await refused(OPEN_PERIOD, { ...year, startsOn: 'not a date' }, 'BAD_USER_INPUT');
    const entry = { periodId, kind: 'REVENUE', amount: '10.00', memo: 'Sales' };
    await refused(RECORD_ENTRY, { ...entry, amount: '0' }, 'BAD_USER_INPUT', 'amount');
    await refused(RECORD_ENTRY, { ...entry, amount: '-5.00' }, 'BAD_USER_INPUT', 'amount');
    await refused(RECORD_ENTRY, { ...entry, amount: '1.005' }, 'BAD_USER_INPUT', 'amount');
    await refused(RECORD_ENTRY, { ...entry, amount: '1000000000000.00' }, 'BAD_USER_INPUT', 'amount');
    await refused(RECORD_ENTRY, { ...entry, amount: 12.5 }, 'BAD_USER_INPUT');
    await refused(RECORD_ENTRY, { ...entry, memo: ' ' }, 'BAD_USER_INPUT', 'memo');
    const dated = `mutation($periodId: ID!, $occurredOn: DateTime) {
      recordEntry(periodId: $periodId, kind: EXPENSE, amount: "5.00", memo: "Dated", occurredOn: $occurredOn) { expenses } }`;
    const { startsOn, endsOn } = (
      await t.ok(`query($id: ID!) { fiscalPeriod(id: $id) { startsOn endsOn } }`, { id: periodId }, admin.token)
    ).fiscalPeriod;
    await refused(dated, { periodId, occurredOn: endsOn }, 'BAD_USER_INPUT', 'occurredOn');
    await refused(dated, { periodId, occurredOn: new Date(Date.parse(startsOn) - 1).toISOString() }, 'BAD_USER_INPUT', 'occurredOn');
    expect((await t.ok(dated, { periodId, occurredOn: startsOn }, admin.token)).recordEntry.expenses).toBe('5.00');

    await refused(RECORD_ENTRY, { ...entry, periodId: 'nope' }, 'BAD_USER_INPUT', 'periodId');
    await refused(RECORD_ENTRY, { ...entry, kind: 'GIFT' }, 'BAD_USER_INPUT');
    const reverse = `mutation($postingId: ID!, $memo: String!) { reverseEntry(postingId: $postingId, memo: $memo) { id } }`;
    await refused(reverse, { postingId: 'nope', memo: 'x' }, 'BAD_USER_INPUT', 'postingId');
    await refused(reverse, { postingId: UNKNOWN, memo: '' }, 'BAD_USER_INPUT', 'memo');
    await refused(reverse, { postingId: UNKNOWN, memo: 'x' }, 'NOT_FOUND');
    await refused(RECORD_PATRONAGE, { periodId, memberId: voters[0].id, amount: '-1' }, 'BAD_USER_INPUT', 'amount');
    await refused(RECORD_PATRONAGE, { periodId, memberId: 'nope', amount: '1' }, 'BAD_USER_INPUT', 'memberId');
  });

  it('takes the longest names and memos allowed, and refuses longer ones', async () => {
    const year = freshYear();
    const name = `${year.name} ${'n'.repeat(200 - year.name.length - 1)}`;
    await refused(OPEN_PERIOD, { ...year, name: `${name}x` }, 'BAD_USER_INPUT', 'name');
    const periodId = (await t.ok(OPEN_PERIOD, { ...year, name }, admin.token)).openFiscalPeriod.id;
    const memo = 'm'.repeat(500);
    await refused(RECORD_ENTRY, { periodId, kind: 'EXPENSE', amount: '1.00', memo: `${memo}x` }, 'BAD_USER_INPUT', 'memo');
    await t.ok(RECORD_ENTRY, { periodId, kind: 'EXPENSE', amount: '1.00', memo }, admin.token);
    const { rows } = await t.sql.query('SELECT posting_id FROM fiscal_entries WHERE period_id = $1', [periodId]);
    const reverse = `mutation($postingId: ID!, $memo: String!) { reverseEntry(postingId: $postingId, memo: $memo) { expenses } }`;
    expect((await t.ok(reverse, { postingId: rows[0].posting_id, memo: 'r'.repeat(500) }, admin.token)).reverseEntry.expenses).toBe('0.00');
    const { rows: memos } = await t.sql.query('SELECT length(memo) AS length FROM ledger_postings WHERE period_id = $1 ORDER BY number', [
      periodId,
    ]);
    expect(memos.map((row: { length: number }) => row.length)).toEqual([702, expect.any(Number)]);
  });

  it('BAD_USER_INPUT names the field of a policy that does not add up, or a bad quorum or closing time', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '1']] });
    const valid = policy('30', '10', '20', '40', '25');
    const total = await refused(PROPOSE, { periodId, policy: policy('30', '10', '20', '30', '25') }, 'BAD_USER_INPUT', 'policy');
    expect(total.errors?.[0].message).toContain('add up to exactly 100%');
    await refused(PROPOSE, { periodId, policy: { ...valid, reserve: '29.995', patronage: '40.005' } }, 'BAD_USER_INPUT', 'policy.reserve');
    await refused(PROPOSE, { periodId, policy: { ...valid, patronageCash: '120' } }, 'BAD_USER_INPUT', 'policy.patronageCash');
    await refused(PROPOSE, { periodId, policy: { ...valid, education: '-10', commons: '40' } }, 'BAD_USER_INPUT', 'policy.education');
    await refused(PROPOSE, { periodId, policy: valid, quorum: 1.5 }, 'BAD_USER_INPUT', 'quorum');
    await refused(PROPOSE, { periodId, policy: valid, closesAt: '2001-01-01T00:00:00Z' }, 'BAD_USER_INPUT', 'closesAt');
    await refused(PROPOSE, { periodId: 'nope', policy: valid }, 'BAD_USER_INPUT', 'periodId');
  });

  it('BAD_USER_INPUT for page sizes and cursors a list did not give out', async () => {
    const periodId = await openPeriod(t, admin);
    const count = `query($periodId: ID!, $first: Int) { memberAllocations(periodId: $periodId, first: $first) { totalCount } }`;
    await refused(count, { periodId, first: 101 }, 'BAD_USER_INPUT', 'first');
    await refused(count, { periodId, first: -1 }, 'BAD_USER_INPUT', 'first');
    await refused(ALLOCATIONS, { periodId, after: 'garbage' }, 'BAD_USER_INPUT', 'after');
    await refused(ALLOCATIONS, { periodId, after: Buffer.from('["not-a-uuid"]').toString('base64url') }, 'BAD_USER_INPUT', 'after');
    await refused(POSTINGS, { periodId, after: Buffer.from('["1"]').toString('base64url') }, 'BAD_USER_INPUT', 'after');
  });

  it('NOT_FOUND for unknown periods, members and distributions', async () => {
    const periodId = await openPeriod(t, admin);
    await refused(RECORD_ENTRY, { periodId: UNKNOWN, kind: 'REVENUE', amount: '1', memo: 'x' }, 'NOT_FOUND');
    await refused(RECORD_PATRONAGE, { periodId: UNKNOWN, memberId: voters[0].id, amount: '1' }, 'NOT_FOUND');
    await refused(RECORD_PATRONAGE, { periodId, memberId: UNKNOWN, amount: '1' }, 'NOT_FOUND');
    await refused(CLOSE_PERIOD, { id: UNKNOWN }, 'NOT_FOUND');
    await refused(PROPOSE, { periodId: UNKNOWN, policy: policy('100', '0', '0', '0', '0') }, 'NOT_FOUND');
    await refused(EXECUTE, { id: UNKNOWN }, 'NOT_FOUND');
    await refused(FLOWS, { periodId: UNKNOWN }, 'NOT_FOUND');
    await refused(TRIAL_BALANCE, { periodId: UNKNOWN }, 'NOT_FOUND');
    await refused(ALLOCATIONS, { periodId: UNKNOWN }, 'NOT_FOUND');
    await refused(POSTINGS, { periodId: UNKNOWN }, 'NOT_FOUND');
    expect((await t.ok(READ_PERIOD, { id: UNKNOWN }, admin.token)).fiscalPeriod).toBeNull();
  });

  it('CONFLICT for periods that clash: the same name, or overlapping dates', async () => {
    const year = freshYear();
    await t.ok(OPEN_PERIOD, year, admin.token);
    await refused(OPEN_PERIOD, { ...freshYear(), name: year.name }, 'CONFLICT');
    const overlapping = await refused(
      OPEN_PERIOD,
      { ...freshYear(), startsOn: '' + year.startsOn.replace('-01-01', '-06-01') },
      'CONFLICT',
    );
    expect(overlapping.errors?.[0].message).toContain(year.name);
    // Back to back is fine: a period runs up to, not including, its endsOn.
    const next = freshYear();
    await t.ok(OPEN_PERIOD, { ...next, startsOn: year.endsOn, endsOn: next.startsOn }, admin.token);
  });

  it('CONFLICT for steps taken in the wrong status', async () => {
    const open = await openPeriod(t, admin);
    await recordEntry(t, admin, open, 'REVENUE', '10.00');
    await refused(PROPOSE, { periodId: open, policy: policy('100', '0', '0', '0', '0') }, 'CONFLICT');

    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '3']] });
    await refused(CLOSE_PERIOD, { id: periodId }, 'CONFLICT');
    await refused(RECORD_ENTRY, { periodId, kind: 'EXPENSE', amount: '1.00', memo: 'late' }, 'CONFLICT');
    const distribution = await propose(t, admin, periodId);
    await refused(PROPOSE, { periodId, policy: policy('100', '0', '0', '0', '0') }, 'CONFLICT');
    await refused(RECORD_PATRONAGE, { periodId, memberId: voters[1].id, amount: '1' }, 'CONFLICT');
    await refused(EXECUTE, { id: distribution.id }, 'CONFLICT');
    await decide(t, admin, distribution, voters, 'FOR');
    await refused(RECORD_PATRONAGE, { periodId, memberId: voters[0].id, amount: '5' }, 'CONFLICT');
    await t.ok(EXECUTE, { id: distribution.id }, admin.token);
    await refused(EXECUTE, { id: distribution.id }, 'CONFLICT');
    await refused(RECORD_PATRONAGE, { periodId, memberId: voters[0].id, amount: '5' }, 'CONFLICT');
    await refused(PROPOSE, { periodId, policy: policy('100', '0', '0', '0', '0') }, 'CONFLICT');
    await refused(CLOSE_PERIOD, { id: periodId }, 'CONFLICT');
  });

  it('CONFLICT for a period with no surplus, or refunds with nobody to go to', async () => {
    const loss = await closedPeriod(t, admin, { revenue: '100.00', expenses: '150.00' });
    const lost = await refused(PROPOSE, { periodId: loss, policy: policy('100', '0', '0', '0', '0') }, 'CONFLICT');
    expect(lost.errors?.[0].message).toContain('loss');
    const even = await closedPeriod(t, admin, { revenue: '100.00', expenses: '100.00' });
    await refused(PROPOSE, { periodId: even, policy: policy('100', '0', '0', '0', '0') }, 'CONFLICT');
    const { fiscalPeriod } = await t.ok(READ_PERIOD, { id: loss }, admin.token);
    expect(fiscalPeriod).toMatchObject({ status: 'CLOSED', surplus: '-50.00', distribution: null });
    const nobody = await closedPeriod(t, admin);
    await refused(PROPOSE, { periodId: nobody, policy: policy('60', '0', '0', '40', '50') }, 'CONFLICT');
    // With 0% for patronage it can go ahead.
    await t.ok(PROPOSE, { periodId: nobody, policy: policy('60', '20', '20', '0', '0') }, admin.token);
  });

  it('CONFLICT for executing a rejected distribution', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '3']] });
    const distribution = await propose(t, admin, periodId);
    await decide(t, admin, distribution, voters, 'AGAINST');
    await refused(EXECUTE, { id: distribution.id }, 'CONFLICT');
  });

  it("enforces the co-op's minimums, naming the field, once an admin sets them (the reserve's is in the bylaws)", async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '3']] });
    // The reserve's minimum is the bylaws' reserveMinimum (bylaws.e2e-spec.ts), not an admin setting.
    await refused(MINIMUMS, { input: { reserve: '20' } }, 'BAD_USER_INPUT', 'reserve');
    await refused(MINIMUMS, { input: { education: '120' } }, 'BAD_USER_INPUT', 'education');
    await refused(MINIMUMS, { input: { patronageCash: '20.001' } }, 'BAD_USER_INPUT', 'patronageCash');
    await refused(MINIMUMS, { input: { education: '60', commons: '50' } }, 'BAD_USER_INPUT', 'input');
    // Spain's Law 27/1999 (education) and US Subchapter T together.
    const { setSurplusPolicyMinimums } = await t.ok(MINIMUMS, { input: { education: '5', patronageCash: '20' } }, admin.token);
    expect(setSurplusPolicyMinimums).toEqual({
      reserve: '0.00',
      education: '5.00',
      commons: null,
      patronage: null,
      patronageCash: '20.00',
    });
    expect(
      (await t.ok('{ surplusPolicyMinimums { reserve education patronageCash } }', {}, voters[0].token)).surplusPolicyMinimums,
    ).toEqual({
      reserve: '0.00',
      education: '5.00',
      patronageCash: '20.00',
    });
    const education = await refused(
      PROPOSE,
      { periodId, policy: policy('30', '4.99', '25.01', '40', '25') },
      'BAD_USER_INPUT',
      'policy.education',
    );
    expect(education.errors?.[0].message).toContain('at least 5%');
    await refused(PROPOSE, { periodId, policy: policy('30', '10', '20', '40', '19.99') }, 'BAD_USER_INPUT', 'policy.patronageCash');
    await t.ok(PROPOSE, { periodId, policy: policy('20', '5', '35', '40', '20') }, admin.token);

    const { auditLog } = await t.ok(
      `{ auditLog(action: "surplus_settings.minimums_set") { totalCount edges { node { actor { id } data } } } }`,
      {},
      admin.token,
    );
    expect(auditLog.totalCount).toBe(1);
    expect(auditLog.edges[0].node).toMatchObject({ actor: { id: admin.id }, data: { minimums: { education: '5', patronageCash: '20' } } });

    // Cleared, they no longer apply.
    await t.ok(MINIMUMS, { input: {} }, admin.token);
    const other = await closedPeriod(t, admin, { patronage: [[voters[0], '3']] });
    await t.ok(PROPOSE, { periodId: other, policy: policy('0', '0', '60', '40', '0') }, admin.token);
  });

  it('leaves a distribution untouched when an approved one is executed by a member who is not an admin', async () => {
    const { id } = await approvedDistribution(t, admin, voters);
    const before = await surplusDigest(t);
    const response = await t.gql(EXECUTE, { id }, voters[0].token);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await surplusDigest(t)).toBe(before);
  });
});
