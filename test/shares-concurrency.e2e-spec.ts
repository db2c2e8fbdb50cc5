import { Decimal } from 'decimal.js';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@commons/db';
import { createEmptyDatabase, TestApp, type TestMember } from '@commons/testing';
import { MIGRATIONS } from '../db/migrations/index.js';
import { migrate } from '../apps/api/src/database/migrate.js';
import { DECIDE, HOLDINGS, REGISTER, REQUEST_SHARES, SETTLE, TRIAL_BALANCE, pastPeriod, shareClass } from './shares-helpers.js';

const SETTLEMENTS = 20;

describe('the share register under concurrency', () => {
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  it(`numbers ${SETTLEMENTS} settlements made at once 1..${SETTLEMENTS} with no gaps, and the ledger agrees with the register`, async () => {
    const { id: classId, code } = await shareClass(t, admin, { nominalValue: '12.34' });
    const period = await pastPeriod(t, admin);
    const members = await Promise.all(Array.from({ length: SETTLEMENTS }, () => t.member()));
    const operations: string[] = [];
    for (const [index, member] of members.entries()) {
      const { requestShares } = await t.ok(REQUEST_SHARES, { classId, quantity: index + 1 }, member.token);
      await t.ok(DECIDE, { id: requestShares.id, approve: true }, admin.token);
      operations.push(requestShares.id);
    }
    // One not approved among them: its refusal (a rollback) must not leave a gap either.
    const late = await t.member();
    const { requestShares: unsettled } = await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, late.token);

    const results = await Promise.all([
      ...operations.map((id) => t.gql(SETTLE, { id, on: period.inside }, admin.token)),
      t.gql(SETTLE, { id: unsettled.id, on: period.inside }, admin.token),
    ]);
    const settled = results.slice(0, SETTLEMENTS);
    expect(settled.every((response) => response.errors === undefined)).toBe(true);
    expect(results[SETTLEMENTS].errors?.[0].extensions?.code).toBe('CONFLICT');
    const numbers = settled.map((response) => response.data!.settleShareOperation.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: SETTLEMENTS }, (_, index) => index + 1));

    const register = (await t.ok(REGISTER, { status: 'PAID', first: 100 }, admin.token)).shareRegister;
    expect(register.edges.map((edge: { node: { number: number } }) => edge.node.number)).toEqual(numbers);

    const { trialBalance } = await t.ok(TRIAL_BALANCE, { periodId: period.id, rollUpMembers: false }, admin.token);
    const ledger = new Map(trialBalance.map((row: { account: string; credit: string }) => [row.account, row.credit]));
    let total = new Decimal(0);
    for (const [index, member] of members.entries()) {
      const { member: holder } = await t.ok(HOLDINGS, { id: member.id }, admin.token);
      expect(holder.holdings).toEqual([{ shareClass: { code }, quantity: index + 1, amount: holder.shareCapital }]);
      expect(ledger.get(`share_capital:${code}:${member.id}`)).toBe(holder.shareCapital);
      total = total.plus(holder.shareCapital);
    }
    expect(total.toFixed(2)).toBe(new Decimal('12.34').times((SETTLEMENTS * (SETTLEMENTS + 1)) / 2).toFixed(2));
    expect(trialBalance.find((row: { account: string }) => row.account === 'bank')).toEqual({
      account: 'bank',
      debit: total.toFixed(2),
      credit: '0.00',
    });
  });
});

describe('migrating share capital set by hand into the register', () => {
  const SHARE_REGISTER = MIGRATIONS.findIndex((migration) => migration.name.startsWith('ShareRegister'));

  it('turns existing amounts into opening entries, numbered in the order members joined, and posts them', async () => {
    const database = await createEmptyDatabase();
    const before = new DataSource(dataSourceOptions({ url: database.url, entities: [], migrations: MIGRATIONS.slice(0, SHARE_REGISTER) }));
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.destroy();
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const ids: string[] = [];
    try {
      for (const [index, capital] of ['100.50', '0', '25.00'].entries()) {
        const { rows } = await sql.query(
          `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, share_capital, joined_at, created_at)
           VALUES ($1, $2, 'x', 'ACTIVE', '{MEMBER}', 'WORKER', $3, now(), now() + make_interval(secs => $4)) RETURNING id`,
          [`Old ${index}`, `old${index}@coop.test`, capital, index],
        );
        ids.push(rows[0].id);
      }
    } finally {
      await sql.end();
    }
    await migrate(database.url);
    const t = await TestApp.start({}, { database });
    try {
      const admin = await t.admin();
      const { shareClasses } = await t.ok('{ shareClasses { code nominalValue redeemable votingRights } }', {}, admin.token);
      expect(shareClasses).toEqual([{ code: 'OPENING', nominalValue: '0.01', redeemable: true, votingRights: true }]);
      const register = (await t.ok(REGISTER, {}, admin.token)).shareRegister;
      expect(
        register.edges.map(({ node }: { node: Record<string, any> }) => [
          node.number,
          node.member.id,
          node.quantity,
          node.amount,
          node.status,
        ]),
      ).toEqual([
        [1, ids[0], 10050, '100.50', 'PAID'],
        [2, ids[2], 2500, '25.00', 'PAID'],
      ]);
      expect((await t.ok(HOLDINGS, { id: ids[0] }, admin.token)).member.shareCapital).toBe('100.50');
      expect((await t.ok(HOLDINGS, { id: ids[1] }, admin.token)).member.shareCapital).toBe('0.00');
      const postings = await t.sql.query(
        `SELECT l.account, l.debit::text, l.credit::text FROM ledger_lines l JOIN ledger_postings p ON p.id = l.posting_id
          WHERE p.kind = 'share_opening' ORDER BY l.line_no`,
      );
      expect(postings.rows).toEqual([
        { account: 'bank', debit: '125.50', credit: '0.00' },
        { account: `share_capital:OPENING:${ids[0]}`, debit: '0.00', credit: '100.50' },
        { account: `share_capital:OPENING:${ids[2]}`, debit: '0.00', credit: '25.00' },
      ]);
      // The next entry follows the opening ones.
      const member = await t.member();
      const { requestShares } = await t.ok(REQUEST_SHARES, { classId: (await shareClass(t, admin)).id, quantity: 1 }, member.token);
      await t.ok(DECIDE, { id: requestShares.id, approve: true }, admin.token);
      expect((await t.ok(SETTLE, { id: requestShares.id, on: new Date().toISOString() }, admin.token)).settleShareOperation.number).toBe(3);
    } finally {
      await t.stop();
      await database.drop();
    }
  });
});
