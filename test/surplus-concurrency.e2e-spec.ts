import { TestApp, type TestMember } from '@commons/testing';
import {
  approvedDistribution,
  CLOSE_PERIOD,
  closedPeriod,
  EXECUTE,
  openPeriod,
  policy,
  PROPOSE,
  RECORD_ENTRY,
  RECORD_PATRONAGE,
} from './surplus-helpers.js';
import { members } from './voting-helpers.js';

const codes = (responses: Array<{ errors?: Array<{ extensions?: { code?: string } }> }>) =>
  responses.map((response) => response.errors?.[0].extensions?.code ?? 'ok');

describe('surplus under concurrent requests', () => {
  let t: TestApp;
  let admin: TestMember;
  let voters: TestMember[];
  beforeAll(async () => {
    t = await TestApp.start({ DATABASE_POOL_SIZE: '30' });
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
    voters = await members(t, 30);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('executes a distribution once when 20 admins press the button together', async () => {
    const { periodId, id } = await approvedDistribution(t, admin, voters);
    const responses = await Promise.all(Array.from({ length: 20 }, () => t.gql(EXECUTE, { id }, admin.token)));
    const outcome = codes(responses);
    expect(outcome.filter((code) => code === 'ok')).toHaveLength(1);
    expect(outcome.filter((code) => code === 'CONFLICT')).toHaveLength(19);

    const { rows: postings } = await t.sql.query(
      `SELECT kind, count(*)::int AS n FROM ledger_postings WHERE period_id = $1 AND kind IN ('distribution', 'allocation') GROUP BY kind ORDER BY kind`,
      [periodId],
    );
    expect(postings).toEqual([
      { kind: 'allocation', n: 1 },
      { kind: 'distribution', n: 1 },
    ]);
    const { rows: allocations } = await t.sql.query(
      'SELECT count(*)::int AS n, sum(refund)::text AS refunds FROM member_allocations WHERE period_id = $1',
      [periodId],
    );
    expect(allocations[0]).toEqual({ n: 30, refunds: '400.00' });
    const { rows: audits } = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'surplus_distribution.executed' AND entity_id = $1`,
      [id],
    );
    expect(audits[0].n).toBe(1);
    const { rows: balance } = await t.sql.query(
      `SELECT sum(l.debit)::text AS debit, sum(l.credit)::text AS credit FROM ledger_lines l JOIN ledger_postings p ON p.id = l.posting_id WHERE p.period_id = $1`,
      [periodId],
    );
    expect(balance[0].debit).toBe(balance[0].credit);
  });

  it('puts one split of a period to the vote when ten are proposed at once', async () => {
    const periodId = await closedPeriod(t, admin, { patronage: [[voters[0], '1']] });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.gql(PROPOSE, { periodId, policy: policy('30', '10', '20', '40', '25') }, admin.token)),
    );
    const outcome = codes(responses);
    expect(outcome.filter((code) => code === 'ok')).toHaveLength(1);
    expect(outcome.filter((code) => code === 'CONFLICT')).toHaveLength(9);
    const { rows } = await t.sql.query(
      `SELECT (SELECT count(*)::int FROM surplus_distributions WHERE period_id = $1) AS distributions,
              (SELECT count(*)::int FROM proposals p JOIN surplus_distributions d ON d.proposal_id = p.id WHERE d.period_id = $1) AS proposals`,
      [periodId],
    );
    expect(rows[0]).toEqual({ distributions: 1, proposals: 1 });
  });

  it('closes a period with exactly the entries recorded before the close, however they interleave', async () => {
    const periodId = await openPeriod(t, admin);
    const entries = Array.from({ length: 12 }, (_, i) =>
      t.gql(RECORD_ENTRY, { periodId, kind: 'REVENUE', amount: `${i + 1}.00`, memo: `Sale ${i + 1}` }, admin.token),
    );
    const close = t.gql(CLOSE_PERIOD, { id: periodId }, admin.token);
    const [closed, ...recorded] = await Promise.all([close, ...entries]);
    expect(closed.errors).toBeUndefined();
    const accepted = recorded.flatMap((response, i) => (response.errors ? [] : [i + 1]));
    expect(codes(recorded).every((code) => code === 'ok' || code === 'CONFLICT')).toBe(true);
    const total = accepted.reduce((sum, amount) => sum + amount, 0);
    const { rows } = await t.sql.query(
      `SELECT (SELECT revenue::text FROM fiscal_periods WHERE id = $1) AS revenue,
              (SELECT count(*)::int FROM fiscal_entries WHERE period_id = $1) AS entries,
              (SELECT coalesce(sum(l.credit), 0)::text FROM ledger_lines l JOIN ledger_postings p ON p.id = l.posting_id
                WHERE p.period_id = $1 AND p.kind = 'closing' AND l.account = 'surplus') AS closed`,
      [periodId],
    );
    expect(rows[0]).toEqual({
      revenue: `${total}.00`,
      entries: accepted.length,
      closed: total === 0 ? '0' : `${total}.00`,
    });
  });

  it('keeps one patronage record per member when it is recorded many times at once', async () => {
    const periodId = await openPeriod(t, admin);
    const amounts = Array.from({ length: 15 }, (_, i) => `${i + 1}.00`);
    const responses = await Promise.all(
      amounts.map((amount) => t.gql(RECORD_PATRONAGE, { periodId, memberId: voters[1].id, amount }, admin.token)),
    );
    expect(codes(responses).every((code) => code === 'ok')).toBe(true);
    const { rows } = await t.sql.query('SELECT amount::text FROM patronage_records WHERE period_id = $1', [periodId]);
    expect(rows).toHaveLength(1);
    expect(amounts).toContain(rows[0].amount);
  });
});
