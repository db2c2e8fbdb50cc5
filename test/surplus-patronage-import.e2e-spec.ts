import { MemberStatus, Role } from '@commons/auth';
import { TestApp, type TestMember } from '@commons/testing';
import { closedPeriod, decide, EXECUTE, openPeriod, propose, RECORD_PATRONAGE, surplusDigest } from './surplus-helpers.js';

const IMPORT = `mutation($periodId: ID!, $csv: String!) {
  importPatronage(periodId: $periodId, csv: $csv) { members replaced total period { id status } } }`;
const RECORDS = `query($periodId: ID!) { patronageRecords(periodId: $periodId, first: 100) {
  totalCount edges { node { amount member { id } } } } }`;

interface LineProblem {
  line: number;
  rule: string;
  message: string;
}

/**
 * importPatronage: patronage for many members from one CSV, all or nothing. Only an admin may import; a file
 * with bad lines is refused with every one of them named (and nothing written); a good one replaces what
 * was recorded for the members it lists, as recordPatronage does, in one transaction with one audit entry.
 */
describe('importing patronage from a CSV', () => {
  let t: TestApp;
  let admin: TestMember;
  let ana: TestMember;
  let ben: TestMember;
  let cai: TestMember;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0 });
    admin = await t.admin();
    [ana, ben, cai] = [await t.member(), await t.member(), await t.member()];
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function patronage(periodId: string): Promise<Record<string, string>> {
    const { patronageRecords } = await t.ok(RECORDS, { periodId }, admin.token);
    return Object.fromEntries(
      patronageRecords.edges.map(({ node }: { node: { amount: string; member: { id: string } } }) => [node.member.id, node.amount]),
    );
  }

  async function auditCount(action: string): Promise<number> {
    const { rows } = await t.sql.query('SELECT count(*)::int AS n FROM audit_entries WHERE action = $1', [action]);
    return rows[0].n;
  }

  it('lets only an admin import; everyone else is refused and nothing changes', async () => {
    const periodId = await openPeriod(t, admin);
    const csv = `${ana.email},10\n`;
    const member = await t.member();
    const auditor = await t.member({ roles: [Role.MEMBER, Role.AUDITOR] });
    const suspended = await t.member({ status: MemberStatus.SUSPENDED });
    const before = await surplusDigest(t);
    expect((await t.gql(IMPORT, { periodId, csv })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const caller of [member, auditor, suspended]) {
      expect((await t.gql(IMPORT, { periodId, csv }, caller.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await surplusDigest(t)).toBe(before);
    const { importPatronage } = await t.ok(IMPORT, { periodId, csv }, admin.token);
    expect(importPatronage).toEqual({ members: 1, replaced: 0, total: '10.00', period: { id: periodId, status: 'OPEN' } });
  });

  it('refuses a file with bad lines, naming every one with its number and reason, and writes nothing', async () => {
    const periodId = await openPeriod(t, admin);
    await t.ok(RECORD_PATRONAGE, { periodId, memberId: ana.id, amount: '5' }, admin.token);
    const csv = [
      'email,amount',
      `${ana.email},12.50`,
      'nobody@coop.test,3',
      `${ben.email},12,5`,
      `${cai.email},-4`,
      '',
      `${ana.email.toUpperCase()},7`,
      `${cai.email},1.234`,
      'not-an-email,1',
      `"${ben.email}",abc`,
    ].join('\r\n');
    const before = await surplusDigest(t);
    const audits = await auditCount('fiscal_period.patronage_imported');
    const response = await t.gql(IMPORT, { periodId, csv }, admin.token);
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = (error?.extensions?.problems as LineProblem[]).map(({ line, rule }) => [line, rule]);
    expect(problems).toEqual([
      [3, 'unknown-email'],
      [4, 'columns'],
      [5, 'amount'],
      [7, 'duplicate'],
      [8, 'amount'],
      [9, 'email'],
      [10, 'amount'],
    ]);
    expect(error?.message).toContain('7 lines are wrong; nothing was recorded.');
    expect(error?.message).toContain('Line 3: no member has the email nobody@coop.test.');
    expect(error?.message).toContain('is already on line 2');
    expect(await surplusDigest(t)).toBe(before);
    expect(await auditCount('fiscal_period.patronage_imported')).toBe(audits);
    expect(await patronage(periodId)).toEqual({ [ana.id]: '5.00' });
  });

  it('records a good file in one go, replacing what the listed members had and leaving the others, with one audit entry', async () => {
    const periodId = await openPeriod(t, admin);
    await t.ok(RECORD_PATRONAGE, { periodId, memberId: ana.id, amount: '5' }, admin.token);
    await t.ok(RECORD_PATRONAGE, { periodId, memberId: cai.id, amount: '9.99' }, admin.token);
    const audits = await auditCount('fiscal_period.patronage_imported');
    const csv = `\uFEFFEmail,Amount\n ${ana.email.toUpperCase()} ,1000\n"${ben.email}","600.5"\n\n`;
    const { importPatronage } = await t.ok(IMPORT, { periodId, csv }, admin.token);
    expect(importPatronage).toMatchObject({ members: 2, replaced: 1, total: '1600.50' });
    expect(await patronage(periodId)).toEqual({ [ana.id]: '1000.00', [ben.id]: '600.50', [cai.id]: '9.99' });
    expect(await auditCount('fiscal_period.patronage_imported')).toBe(audits + 1);
    const { rows } = await t.sql.query(
      `SELECT actor_id, entity_id, data FROM audit_entries WHERE action = 'fiscal_period.patronage_imported' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({
      actor_id: admin.id,
      entity_id: periodId,
      data: {
        members: 2,
        replaced: 1,
        total: '1600.50',
        amounts: { [ana.id]: '1000.00', [ben.id]: '600.50' },
        // What the file replaced, as recordPatronage keeps it: Ben had none.
        previous: { [ana.id]: '5.00' },
      },
    });

    // Importing the same file again replaces, it does not add.
    const again = await t.ok(IMPORT, { periodId, csv }, admin.token);
    expect(again.importPatronage).toMatchObject({ members: 2, replaced: 2, total: '1600.50' });
    expect(await patronage(periodId)).toEqual({ [ana.id]: '1000.00', [ben.id]: '600.50', [cai.id]: '9.99' });
  });

  it('refuses an empty file, one too large or with too many lines, an unknown period, and a period whose patronage is fixed', async () => {
    const periodId = await openPeriod(t, admin);
    const code = async (variables: { periodId: string; csv: string }) =>
      (await t.gql(IMPORT, variables, admin.token)).errors?.[0].extensions?.code;
    expect(await code({ periodId, csv: 'email,amount\n\n' })).toBe('BAD_USER_INPUT');
    expect(await code({ periodId, csv: `${ana.email},1\n`.padEnd(1_000_001, ' ') })).toBe('BAD_USER_INPUT');
    const tooMany = Array.from({ length: 10_001 }, (_, index) => `m${index}@coop.test,1`).join('\n');
    const refused = await t.gql(IMPORT, { periodId, csv: tooMany }, admin.token);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'csv' } });
    expect(refused.errors?.[0].message).toContain('at most 10000 member lines');
    expect(await code({ periodId: '00000000-0000-4000-8000-000000000000', csv: `${ana.email},1` })).toBe('NOT_FOUND');
    expect(await code({ periodId: 'nope', csv: `${ana.email},1` })).toBe('BAD_USER_INPUT');

    const voted = await closedPeriod(t, admin, { patronage: [[ana, '10']] });
    const distribution = await propose(t, admin, voted);
    expect(await code({ periodId: voted, csv: `${ana.email},20` })).toBe('CONFLICT');
    await decide(t, admin, distribution, [ana, ben, cai], 'FOR');
    await t.ok(EXECUTE, { id: distribution.id }, admin.token);
    expect(await code({ periodId: voted, csv: `${ana.email},20` })).toBe('CONFLICT');
    expect(await patronage(voted)).toEqual({ [ana.id]: '10.00' });
  });
});
