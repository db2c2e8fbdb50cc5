import { Injectable } from '@nestjs/common';
import { BadUserInputError, type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import {
  ACCOUNTS,
  type CommonsDraw,
  compareAccounts,
  controlAccountOf,
  memberIdOf,
  type Posting,
  type PostingLine,
  surplusFlows,
  traceCommons,
} from './ledger/index.js';
import type {
  AccountBalanceModel,
  CommonsFundingModel,
  LedgerLineModel,
  LedgerPostingModel,
  SurplusFlowModel,
} from './models/ledger.model.js';
import { centsOf } from './money-input.js';
import { formatCents } from './split/index.js';

interface PostingRow {
  id: string;
  number: string;
  period_id: string | null;
  kind: string;
  memo: string;
  amount: string;
  line_count: number;
  reverses_id: string | null;
  posted_by: string | null;
  posted_at: Date;
}

interface LineRow {
  posting_id: string;
  line_no: number;
  account: string;
  control_account: string;
  member_id: string | null;
  debit: string;
  credit: string;
}

export function toPostingModel(row: PostingRow): LedgerPostingModel {
  return {
    id: row.id,
    number: Number(row.number),
    periodId: row.period_id,
    kind: row.kind,
    memo: row.memo,
    amount: row.amount,
    lineCount: row.line_count,
    reversesId: row.reverses_id,
    postedBy: row.posted_by,
    postedAt: row.posted_at,
  };
}

function toLineModel(row: LineRow): LedgerLineModel {
  return {
    postingId: row.posting_id,
    lineNo: row.line_no,
    account: row.account,
    controlAccount: row.control_account,
    memberId: row.member_id,
    debit: row.debit,
    credit: row.credit,
  };
}

/** The budget a draw paid (`budget:<id>`), if it paid one. */
function budgetOf(account: string | null): string | null {
  return account !== null && controlAccountOf(account) === 'budget' ? (memberIdOf(account) ?? null) : null;
}

function numberCursor(part: string | number): number {
  if (typeof part !== 'number' || !Number.isSafeInteger(part))
    throw new BadUserInputError('after is not a cursor this list gave out.', 'after');
  return part;
}

const POSTING_COLUMNS =
  'p.id, p.number, p.period_id, p.kind, p.memo, p.amount::text, p.line_count, p.reverses_id, p.posted_by, p.posted_at';
const LINE_COLUMNS = 'l.posting_id, l.line_no, l.account, l.control_account, l.member_id, l.debit::text, l.credit::text';

/** The ledger read back: trial balances, flows, postings and their lines. Aggregated in the database, never loaded whole. */
@Injectable()
export class LedgerReportsService {
  constructor(private readonly work: UnitOfWork) {}

  /** Each account's net balance over the period's postings, in chart order; members rolled up unless asked for. */
  async trialBalance(periodId: string, rollUpMembers: boolean): Promise<AccountBalanceModel[]> {
    const account = rollUpMembers ? 'l.control_account' : 'l.account';
    const rows: Array<{ account: string; net: string }> = await this.work.manager.query(
      `SELECT ${account} AS account, (sum(l.debit) - sum(l.credit))::text AS net
         FROM ledger_lines l JOIN ledger_postings p ON p.id = l.posting_id
        WHERE p.period_id = $1 GROUP BY ${account}`,
      [periodId],
    );
    return rows
      .sort((a, b) => compareAccounts(a.account, b.account))
      .map(({ account: name, net }) => {
        const cents = centsOf(net);
        return { account: name, debit: formatCents(cents > 0n ? cents : 0n), credit: formatCents(cents < 0n ? -cents : 0n) };
      });
  }

  /** Where the period's result went, account to account (members rolled up into their control accounts). */
  async flows(periodId: string): Promise<SurplusFlowModel[]> {
    // One line per posting and control account, netted: a 100 000-member allocation stays a few rows.
    const rows: Array<{ posting_id: string; memo: string; account: string; net: string }> = await this.work.manager.query(
      `SELECT p.id AS posting_id, p.memo, l.control_account AS account, (sum(l.debit) - sum(l.credit))::text AS net
         FROM ledger_postings p JOIN ledger_lines l ON l.posting_id = p.id
        WHERE p.period_id = $1 GROUP BY p.number, p.id, p.memo, l.control_account ORDER BY p.number, min(l.line_no)`,
      [periodId],
    );
    const postings = new Map<string, Posting & { lines: PostingLine[] }>();
    for (const row of rows) {
      const net = centsOf(row.net);
      if (net === 0n) continue;
      const posting = postings.get(row.posting_id) ?? { memo: row.memo, lines: [] };
      posting.lines.push({ account: row.account, debit: net > 0n ? net : 0n, credit: net < 0n ? -net : 0n });
      postings.set(row.posting_id, posting);
    }
    const rolledUp = [...postings.values()].filter((posting) => posting.lines.length >= 2);
    const flows = surplusFlows(rolledUp).map(({ from, to, amount }) => ({ from, to, amount: formatCents(amount) }));
    // What the period's commons share paid for later (draws belong to no period), one flow per account paid.
    const spent = new Map<string, bigint>();
    for (const draw of await this.commonsDraws()) {
      if (draw.sourcePeriodId !== periodId || draw.account === null) continue;
      spent.set(draw.account, (spent.get(draw.account) ?? 0n) + draw.amount);
    }
    for (const [to, amount] of spent) flows.push({ from: ACCOUNTS.commons, to, amount: formatCents(amount) });
    return flows;
  }

  /**
   * Which money of the commons fund each draw spent, oldest money first (see traceCommons), as the
   * distribution whose commons share it was. Only the postings that touch the fund are read.
   */
  async commonsDraws(): Promise<CommonsDraw[]> {
    const rows: Array<{ posting_id: string; period_id: string | null; kind: string; net: string; counter: string | null }> =
      await this.work.manager.query(
        `SELECT p.id AS posting_id, p.period_id, p.kind, (sum(l.credit) - sum(l.debit))::text AS net,
                (SELECT o.account FROM ledger_lines o WHERE o.posting_id = p.id AND o.account <> $1 ORDER BY o.line_no LIMIT 1) AS counter
           FROM ledger_postings p JOIN ledger_lines l ON l.posting_id = p.id AND l.account = $1
          GROUP BY p.number, p.id, p.period_id, p.kind ORDER BY p.number`,
        [ACCOUNTS.commons],
      );
    return traceCommons(
      rows
        .map((row) => ({
          postingId: row.posting_id,
          periodId: row.kind === 'distribution' ? row.period_id : null,
          counterAccount: row.counter,
          net: centsOf(row.net),
        }))
        .filter((movement) => movement.net !== 0n),
    );
  }

  /** The commons fund's draws, as the money of each distribution they spent; of one period's distribution or one budget if given. */
  async commonsFunding(filter: { periodId?: string | null; budgetId?: string | null }): Promise<CommonsFundingModel[]> {
    const draws = (await this.commonsDraws())
      .map((draw) => ({ ...draw, budgetId: budgetOf(draw.account) }))
      .filter(
        (draw) => (!filter.periodId || draw.sourcePeriodId === filter.periodId) && (!filter.budgetId || draw.budgetId === filter.budgetId),
      );
    const periodIds = [...new Set(draws.map((draw) => draw.sourcePeriodId).filter((id): id is string => id !== null))];
    const distributions: Array<{ id: string; period_id: string }> =
      periodIds.length === 0
        ? []
        : await this.work.manager.query(
            `SELECT id, period_id FROM surplus_distributions WHERE period_id = ANY($1::uuid[]) AND status = 'POSTED'`,
            [periodIds],
          );
    const byPeriod = new Map(distributions.map((row) => [row.period_id, row.id]));
    return draws.map((draw) => ({
      amount: formatCents(draw.amount),
      account: draw.account ?? '',
      budgetId: draw.budgetId,
      postingId: draw.drawPostingId,
      sourcePostingId: draw.sourcePostingId,
      periodId: draw.sourcePeriodId,
      distributionId: draw.sourcePeriodId ? (byPeriod.get(draw.sourcePeriodId) ?? null) : null,
    }));
  }

  /**
   * Postings in journal order, of one period or all, and only those with a line on `account` if given (a
   * control account such as `member_capital` matches its members' sub-accounts too).
   */
  async postings(periodId: string | null, account: string | null, first?: number, after?: string): Promise<Connection<LedgerPostingModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (periodId) {
      parameters.push(periodId);
      conditions.push(`p.period_id = $${parameters.length}`);
    }
    if (account) {
      parameters.push(account);
      const column = account.includes(':') ? 'account' : 'control_account';
      conditions.push(`EXISTS (SELECT 1 FROM ledger_lines l WHERE l.posting_id = p.id AND l.${column} = $${parameters.length})`);
    }
    const where = (extra: string[]) => (extra.length > 0 ? `WHERE ${extra.join(' AND ')}` : '');
    const [{ count }]: Array<{ count: number }> = await this.work.manager.query(
      `SELECT count(*)::int AS count FROM ledger_postings p ${where(conditions)}`,
      parameters,
    );
    const paged = [...conditions];
    const pageParameters = [...parameters];
    if (cursor) {
      pageParameters.push(numberCursor(cursor[0]));
      paged.push(`p.number > $${pageParameters.length}`);
    }
    pageParameters.push(limit + 1);
    const rows: PostingRow[] = await this.work.manager.query(
      `SELECT ${POSTING_COLUMNS} FROM ledger_postings p ${where(paged)} ORDER BY p.number LIMIT $${pageParameters.length}`,
      pageParameters,
    );
    return toConnection(rows.map(toPostingModel), limit, count, (posting) => encodeCursor([posting.number]));
  }

  async postingsByIds(ids: readonly string[]): Promise<Map<string, LedgerPostingModel>> {
    const rows: PostingRow[] = await this.work.manager.query(
      `SELECT ${POSTING_COLUMNS} FROM ledger_postings p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, toPostingModel(row)]));
  }

  /** A posting's lines in order, paged on the line number. */
  async lines(posting: LedgerPostingModel, first?: number, after?: string): Promise<Connection<LedgerLineModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const from = cursor ? numberCursor(cursor[0]) : 0;
    const rows: LineRow[] = await this.work.manager.query(
      `SELECT ${LINE_COLUMNS} FROM ledger_lines l WHERE l.posting_id = $1 AND l.line_no > $2 ORDER BY l.line_no LIMIT $3`,
      [posting.id, from, limit + 1],
    );
    return toConnection(rows.map(toLineModel), limit, posting.lineCount, (line) => encodeCursor([line.lineNo]));
  }

  /** The first `limit + 1` lines of each posting, in one query (what a page of postings shows by default). */
  async firstLines(postingIds: readonly string[], limit: number): Promise<Map<string, LedgerLineModel[]>> {
    const rows: LineRow[] = await this.work.manager.query(
      `SELECT ${LINE_COLUMNS} FROM ledger_lines l WHERE l.posting_id = ANY($1::uuid[]) AND l.line_no <= $2 ORDER BY l.posting_id, l.line_no`,
      [postingIds, limit + 1],
    );
    const byPosting = new Map<string, LedgerLineModel[]>();
    for (const row of rows) byPosting.set(row.posting_id, [...(byPosting.get(row.posting_id) ?? []), toLineModel(row)]);
    return byPosting;
  }
}
