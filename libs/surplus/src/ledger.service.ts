import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { MAX_CENTS, centsOf } from './money-input.js';
import { ACCOUNTS, type Posting, assertBalanced, controlAccountOf, memberIdOf, reversingPosting } from './ledger/index.js';
import { formatCents } from './split/index.js';

/** What the ledger needs to know about a posting besides its lines. */
export interface PostingContext {
  /** The fiscal period it belongs to, if any. */
  periodId: string | null;
  /** What made it: `entry`, `closing`, `distribution`, `allocation`, `reversal`, `budget`… (lower case). */
  kind: string;
  /** The member who made it; null for the system. */
  actorId: string | null;
  /** The posting it reverses, for a correction. */
  reversesId?: string | null;
}

export interface StoredPosting {
  id: string;
  number: number;
}

/** First key of the advisory locks on accounts (the second is the account's hash). */
const LEDGER_LOCK_NAMESPACE = 727_100_020;

/** Control accounts whose sub-accounts belong to a member (the line then names the member, with a foreign key). */
const MEMBER_ACCOUNTS: ReadonlySet<string> = new Set([ACCOUNTS.memberCapital, ACCOUNTS.cashPayable, ACCOUNTS.shareCapital]);

/**
 * The co-op's double-entry ledger. Postings are appended inside the caller's transaction and never
 * changed; the database refuses updates and deletes and checks at commit that every posting balances.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly work: UnitOfWork) {}

  /**
   * Appends a balanced posting (and all its lines, in one statement) inside the caller's transaction.
   * Throws InvalidPostingError for an unbalanced posting: that is a bug in the caller, not a user error.
   */
  async post(manager: EntityManager, posting: Posting, context: PostingContext): Promise<StoredPosting> {
    assertBalanced(posting);
    const total = posting.lines.reduce((sum, line) => sum + line.debit, 0n);
    if (total > MAX_CENTS) throw new RangeError(`Posting "${posting.memo}" moves more than the ledger can hold`);
    const [header]: Array<{ id: string; number: string }> = await manager.query(
      `INSERT INTO ledger_postings (period_id, kind, memo, amount, line_count, reverses_id, posted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, number`,
      [context.periodId, context.kind, posting.memo, formatCents(total), posting.lines.length, context.reversesId ?? null, context.actorId],
    );
    const accounts: string[] = [];
    const controls: string[] = [];
    const members: Array<string | null> = [];
    const debits: string[] = [];
    const credits: string[] = [];
    for (const line of posting.lines) {
      const control = controlAccountOf(line.account);
      accounts.push(line.account);
      controls.push(control);
      members.push(MEMBER_ACCOUNTS.has(control) ? (memberIdOf(line.account) ?? null) : null);
      debits.push(formatCents(line.debit));
      credits.push(formatCents(line.credit));
    }
    // One statement for every line, however many members: arrays travel as five parameters.
    await manager.query(
      `INSERT INTO ledger_lines (posting_id, line_no, account, control_account, member_id, debit, credit)
       SELECT $1, line.ordinality, line.account, line.control, line.member_id, line.debit, line.credit
         FROM unnest($2::varchar[], $3::varchar[], $4::uuid[], $5::numeric[], $6::numeric[])
              WITH ORDINALITY AS line(account, control, member_id, debit, credit, ordinality)`,
      [header.id, accounts, controls, members, debits, credits],
    );
    return { id: header.id, number: Number(header.number) };
  }

  /** Posts the reversal of a posting (every line's sides swapped); a posting can be reversed once. */
  async reverse(manager: EntityManager, postingId: string, memo: string, actorId: string | null): Promise<StoredPosting> {
    const [original]: Array<{ memo: string; period_id: string | null }> = await manager.query(
      'SELECT memo, period_id FROM ledger_postings WHERE id = $1',
      [postingId],
    );
    if (!original) throw new NotFoundError('Ledger posting', postingId);
    const [reversed]: Array<{ id: string }> = await manager.query('SELECT id FROM ledger_postings WHERE reverses_id = $1', [postingId]);
    if (reversed) throw new ConflictError(`Ledger posting ${postingId} has already been reversed.`);
    const lines: Array<{ account: string; debit: string; credit: string }> = await manager.query(
      'SELECT account, debit, credit FROM ledger_lines WHERE posting_id = $1 ORDER BY line_no',
      [postingId],
    );
    const posting = {
      memo: original.memo,
      lines: lines.map((line) => ({ ...line, debit: centsOf(line.debit), credit: centsOf(line.credit) })),
    };
    return this.post(manager, reversingPosting(posting, memo), {
      periodId: original.period_id,
      kind: 'reversal',
      actorId,
      reversesId: postingId,
    });
  }

  /**
   * An account's balance over the whole ledger, as debits minus credits, in cents (negative for an account
   * in credit, as funds are). A control account (`member_capital`) includes its members' sub-accounts.
   */
  async balance(account: string, manager: EntityManager = this.work.manager): Promise<bigint> {
    const column = account.includes(':') ? 'account' : 'control_account';
    const [row]: Array<{ net: string }> = await manager.query(
      `SELECT coalesce(sum(debit) - sum(credit), 0)::numeric(16,2)::text AS net FROM ledger_lines WHERE ${column} = $1`,
      [account],
    );
    return centsOf(row.net);
  }

  /**
   * Serialises changes to an account until the caller's transaction ends: take it before reading a balance
   * you are about to draw from, so two draws cannot both see the same money.
   */
  async lockAccount(manager: EntityManager, account: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${LEDGER_LOCK_NAMESPACE}, hashtext($1))`, [account]);
  }

  /**
   * What the commons fund holds, in cents: the surplus shares reinvested in the commons, less what has been
   * drawn from it (e.g. a participatory budget's amount, posted as `Dr commons / Cr …`).
   */
  async commonsBalance(manager?: EntityManager): Promise<bigint> {
    return -(await this.balance(ACCOUNTS.commons, manager));
  }
}
