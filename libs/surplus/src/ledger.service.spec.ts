import { DataSource } from 'typeorm';
import { ConflictError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { createTestDatabase, type TestDatabase } from '@commons/testing';
import { LedgerService } from './ledger.service.js';
import { ACCOUNTS, cashPayableAccount, credit, debit, InvalidPostingError, memberCapitalAccount } from './ledger/index.js';

/** The ledger on real PostgreSQL: what the service writes, and what the database itself refuses. */
describe('LedgerService on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let ledger: LedgerService;
  let memberId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: db.url, poolSize: 4 }).initialize();
    ledger = new LedgerService(new UnitOfWork(dataSource));
    const [member] = await dataSource.query(
      `INSERT INTO members (name, email, password_hash, stakeholder_class) VALUES ('Ana', 'ana@ledger.test', 'x', 'WORKER') RETURNING id`,
    );
    memberId = member.id;
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const post = (lines: Parameters<LedgerService['post']>[1]['lines'], memo = 'A posting') =>
    dataSource.transaction((manager) => ledger.post(manager, { memo, lines }, { periodId: null, kind: 'test', actorId: null }));

  /** Runs raw SQL in its own transaction and returns the error PostgreSQL raised (at the statement or at commit). */
  async function refusal(...statements: Array<[string, unknown[]?]>): Promise<string> {
    try {
      await dataSource.transaction(async (manager) => {
        for (const [sql, parameters] of statements) await manager.query(sql, parameters);
      });
    } catch (error) {
      return String((error as Error).message);
    }
    throw new Error('PostgreSQL accepted it');
  }

  it('stores a posting with its lines in order, each naming its control account and member', async () => {
    const stored = await post([
      debit(ACCOUNTS.patronagePayable, 1000n),
      credit(memberCapitalAccount(memberId), 750n),
      credit(cashPayableAccount(memberId), 250n),
    ]);
    const [header] = await dataSource.query('SELECT amount::text, line_count, kind, number FROM ledger_postings WHERE id = $1', [
      stored.id,
    ]);
    expect(header).toMatchObject({ amount: '10.00', line_count: 3, kind: 'test', number: String(stored.number) });
    const lines = await dataSource.query(
      'SELECT line_no, account, control_account, member_id, debit::text, credit::text FROM ledger_lines WHERE posting_id = $1 ORDER BY line_no',
      [stored.id],
    );
    expect(lines).toEqual([
      { line_no: 1, account: 'patronage_payable', control_account: 'patronage_payable', member_id: null, debit: '10.00', credit: '0.00' },
      {
        line_no: 2,
        account: `member_capital:${memberId}`,
        control_account: 'member_capital',
        member_id: memberId,
        debit: '0.00',
        credit: '7.50',
      },
      {
        line_no: 3,
        account: `cash_payable:${memberId}`,
        control_account: 'cash_payable',
        member_id: memberId,
        debit: '0.00',
        credit: '2.50',
      },
    ]);
    expect(await ledger.balance(ACCOUNTS.memberCapital)).toBe(-750n);
    expect(await ledger.balance(memberCapitalAccount(memberId))).toBe(-750n);
  });

  it('numbers postings in the order they are made', async () => {
    const first = await post([debit(ACCOUNTS.bank, 1n), credit(ACCOUNTS.revenue, 1n)]);
    const second = await post([debit(ACCOUNTS.bank, 1n), credit(ACCOUNTS.revenue, 1n)]);
    expect(second.number).toBeGreaterThan(first.number);
  });

  it('refuses an unbalanced posting before it reaches the database', async () => {
    const before = await dataSource.query('SELECT count(*)::int AS n FROM ledger_postings');
    await expect(post([debit(ACCOUNTS.bank, 100n), credit(ACCOUNTS.revenue, 99n)])).rejects.toBeInstanceOf(InvalidPostingError);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM ledger_postings')).toEqual(before);
  });

  it('tracks the commons fund: reinvested surplus in, budgets drawn out', async () => {
    const start = await ledger.commonsBalance();
    await post([debit(ACCOUNTS.surplus, 50_000n), credit(ACCOUNTS.commons, 50_000n)], 'Reinvest in the commons');
    await dataSource.transaction(async (manager) => {
      await ledger.lockAccount(manager, ACCOUNTS.commons);
      expect(await ledger.commonsBalance(manager)).toBe(start + 50_000n);
      await ledger.post(
        manager,
        { memo: 'Fund a participatory budget', lines: [debit(ACCOUNTS.commons, 20_000n), credit(ACCOUNTS.bank, 20_000n)] },
        {
          periodId: null,
          kind: 'budget',
          actorId: null,
        },
      );
    });
    expect(await ledger.commonsBalance()).toBe(start + 30_000n);
  });

  it('reverses a posting once, leaving the accounts as they were', async () => {
    const original = await post([debit(ACCOUNTS.expenses, 12_345n), credit(ACCOUNTS.bank, 12_345n)], 'Rent (wrong amount)');
    const expenses = await ledger.balance(ACCOUNTS.expenses);
    const reversal = await dataSource.transaction((manager) => ledger.reverse(manager, original.id, 'Rent was 123.00, not 123.45', null));
    const [row] = await dataSource.query('SELECT kind, reverses_id, memo FROM ledger_postings WHERE id = $1', [reversal.id]);
    expect(row).toEqual({ kind: 'reversal', reverses_id: original.id, memo: 'Rent was 123.00, not 123.45' });
    expect(await ledger.balance(ACCOUNTS.expenses)).toBe(expenses - 12_345n);
    await expect(dataSource.transaction((manager) => ledger.reverse(manager, original.id, 'again', null))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('refuses to change or delete what was posted', async () => {
    const { id } = await post([debit(ACCOUNTS.bank, 500n), credit(ACCOUNTS.revenue, 500n)]);
    expect(await refusal([`UPDATE ledger_postings SET memo = 'changed' WHERE id = $1`, [id]])).toContain('append-only');
    expect(await refusal([`DELETE FROM ledger_postings WHERE id = $1`, [id]])).toContain('append-only');
    expect(await refusal([`UPDATE ledger_lines SET debit = 6 WHERE posting_id = $1 AND line_no = 1`, [id]])).toContain('append-only');
    expect(await refusal([`DELETE FROM ledger_lines WHERE posting_id = $1`, [id]])).toContain('append-only');
    expect(await refusal([`TRUNCATE ledger_lines, ledger_postings CASCADE`])).toContain('append-only');
  });

  it('refuses at commit a posting whose lines do not match it or do not balance', async () => {
    const header = `INSERT INTO ledger_postings (id, kind, memo, amount, line_count) VALUES ($1, 'test', 'raw', 10, 2)`;
    const id = '11111111-1111-4111-8111-111111111111';
    const line = (no: number, account: string, debitAmount: number, creditAmount: number) =>
      [
        `INSERT INTO ledger_lines (posting_id, line_no, account, control_account, debit, credit) VALUES ($1, $2, $3, $3, $4, $5)`,
        [id, no, account, debitAmount, creditAmount],
      ] as [string, unknown[]];
    expect(await refusal([header, [id]])).toContain('does not balance');
    expect(await refusal([header, [id]], line(1, 'bank', 10, 0), line(2, 'revenue', 0, 9))).toContain('does not balance');
    expect(await refusal([header, [id]], line(1, 'bank', 10, 0), line(2, 'revenue', 0, 10), line(3, 'revenue', 0, 1))).toContain(
      'beyond what their posting declares',
    );
    expect(await refusal([header, [id]], line(1, 'bank', 10, 10), line(2, 'revenue', 0, 10))).toContain('ledger_lines_amounts_check');
    expect(await refusal([header, [id]], line(1, 'bank', -10, 0), line(2, 'revenue', 0, 10))).toContain('ledger_lines_amounts_check');
    expect(await dataSource.query('SELECT count(*)::int AS n FROM ledger_postings WHERE id = $1', [id])).toEqual([{ n: 0 }]);
  });

  it('refuses a line added to a posting after it was made', async () => {
    const { id } = await post([debit(ACCOUNTS.bank, 700n), credit(ACCOUNTS.revenue, 700n)]);
    expect(
      await refusal([
        `INSERT INTO ledger_lines (posting_id, line_no, account, control_account, debit, credit) VALUES ($1, 3, 'bank', 'bank', 1, 0)`,
        [id],
      ]),
    ).toContain('beyond what their posting declares');
  });

  it('posts thousands of member lines in one statement', async () => {
    const ids: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO members (name, email, password_hash, stakeholder_class)
       SELECT 'Member ' || n, 'bulk' || n || '@ledger.test', 'x', 'WORKER' FROM generate_series(1, 2500) AS n RETURNING id`,
    );
    const lines = [
      debit(ACCOUNTS.patronagePayable, 2500n * 3n),
      ...ids.flatMap(({ id }) => [credit(memberCapitalAccount(id), 2n), credit(cashPayableAccount(id), 1n)]),
    ];
    const stored = await post(lines, 'Allocate refunds');
    const [totals] = await dataSource.query(
      `SELECT count(*)::int AS lines, count(DISTINCT member_id)::int AS members, sum(credit)::text AS credits FROM ledger_lines WHERE posting_id = $1`,
      [stored.id],
    );
    expect(totals).toEqual({ lines: 5001, members: 2500, credits: '75.00' });
  });
});
