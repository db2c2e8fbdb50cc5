import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, DomainError, ErrorCode, NotFoundError } from '@commons/core';
import { MemberEntity } from '@commons/members';
import { UnitOfWork } from '@commons/db';
import { EntryKind, FiscalEntryEntity } from './entities/fiscal-entry.entity.js';
import { FiscalPeriodEntity, PeriodStatus } from './entities/fiscal-period.entity.js';
import { PatronageRecordEntity } from './entities/patronage-record.entity.js';
import { LedgerService } from './ledger.service.js';
import { closePeriodPostings, entryPosting } from './ledger/index.js';
import { formatCents } from './split/index.js';
import { centsArgument, centsOf, MAX_CENTS } from './money-input.js';
import { liveDistribution } from './surplus-distributions.queries.js';
import { MAX_PATRONAGE_CSV_CHARS, MAX_PATRONAGE_CSV_LINES, readPatronageCsv, unknownEmailProblems } from './patronage-csv.js';

/** What a patronage import recorded. */
export interface PatronageImport {
  period: FiscalPeriodEntity;
  /** Members whose patronage the file gave. */
  members: number;
  /** Of those, how many already had patronage recorded (now replaced). */
  replaced: number;
  /** The patronage the file gave, added up. */
  total: string;
}

/** Serialises opening periods, so two overlapping ones cannot both pass the overlap check. */
const OPEN_PERIOD_LOCK = 727_100_021;

function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max)
    throw new BadUserInputError(`${field} must be between 1 and ${max} characters long.`, field);
  return trimmed;
}

/** A period's books: opening it, recording revenue, expenses and patronage, and closing it. */
@Injectable()
export class FiscalPeriodsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly ledger: LedgerService,
  ) {}

  async open(actor: Principal, name: string, startsOn: Date, endsOn: Date): Promise<FiscalPeriodEntity> {
    const periodName = text(name, 'name', 200);
    if (Number.isNaN(startsOn.getTime())) throw new BadUserInputError('startsOn must be a date.', 'startsOn');
    if (Number.isNaN(endsOn.getTime()) || endsOn <= startsOn) throw new BadUserInputError('endsOn must come after startsOn.', 'endsOn');
    const manager = this.work.manager;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [OPEN_PERIOD_LOCK]);
    const repository = manager.getRepository(FiscalPeriodEntity);
    if (await repository.existsBy({ name: periodName })) throw new ConflictError(`A fiscal period named "${periodName}" already exists.`);
    // Periods are half-open [startsOn, endsOn): one may start the instant the previous ends.
    const overlapping = await repository
      .createQueryBuilder('period')
      .where('period.starts_on < :endsOn AND period.ends_on > :startsOn', { startsOn, endsOn })
      .getOne();
    if (overlapping) throw new ConflictError(`It overlaps the fiscal period "${overlapping.name}".`);
    const period = await repository.save(repository.create({ name: periodName, startsOn, endsOn }));
    this.audit.record({
      actorId: actor.id,
      action: 'fiscal_period.opened',
      entityType: 'FiscalPeriod',
      entityId: period.id,
      data: { name: periodName, startsOn: startsOn.toISOString(), endsOn: endsOn.toISOString() },
    });
    return period;
  }

  async recordEntry(
    actor: Principal,
    periodId: string,
    kind: EntryKind,
    amount: string,
    memo: string,
    occurredOn?: Date | null,
  ): Promise<FiscalPeriodEntity> {
    const id = assertUuid(periodId, 'periodId');
    const cents = centsArgument(amount, 'amount', 'positive');
    const entryMemo = text(memo, 'memo', 500);
    return this.withPeriod(id, async (manager, period) => {
      if (period.status !== PeriodStatus.OPEN) {
        throw new ConflictError(`Entries can only be recorded in an OPEN period; ${period.name} is ${period.status}.`);
      }
      if (occurredOn && (occurredOn < period.startsOn || occurredOn >= period.endsOn)) {
        throw new BadUserInputError(`occurredOn must lie within ${period.name}.`, 'occurredOn');
      }
      const column = kind === EntryKind.REVENUE ? 'revenue' : 'expenses';
      const total = centsOf(period[column]) + cents;
      if (total > MAX_CENTS) throw new BadUserInputError(`This would take the period's ${column} past what the books can hold.`, 'amount');
      const posting = await this.ledger.post(manager, entryPosting(kind, cents, `${period.name}: ${entryMemo}`), {
        periodId: id,
        kind: 'entry',
        actorId: actor.id,
      });
      const entry = await manager.getRepository(FiscalEntryEntity).save(
        manager.getRepository(FiscalEntryEntity).create({
          periodId: id,
          kind,
          amount: formatCents(cents),
          memo: entryMemo,
          occurredOn: occurredOn ?? null,
          postingId: posting.id,
          recordedBy: actor.id,
        }),
      );
      period[column] = formatCents(total);
      await manager.getRepository(FiscalPeriodEntity).update(id, { [column]: period[column] });
      this.audit.record({
        actorId: actor.id,
        action: 'fiscal_period.entry_recorded',
        entityType: 'FiscalPeriod',
        entityId: id,
        data: { entryId: entry.id, kind, amount: entry.amount, memo: entryMemo, postingId: posting.id },
      });
      return period;
    });
  }

  /**
   * Corrects an entry of an OPEN period the only way an append-only ledger allows: by posting its reversal.
   * The period's totals drop by the entry's amount; the right amount is then recorded as a new entry.
   */
  async reverseEntry(actor: Principal, postingId: string, memo: string): Promise<FiscalPeriodEntity> {
    const id = assertUuid(postingId, 'postingId');
    const reason = text(memo, 'memo', 500);
    const entry = await this.work.manager.getRepository(FiscalEntryEntity).findOneBy({ postingId: id });
    if (!entry) throw new NotFoundError('Entry posting', id);
    return this.withPeriod(entry.periodId, async (manager, period) => {
      if (period.status !== PeriodStatus.OPEN) {
        throw new ConflictError(`Entries can only be corrected in an OPEN period; ${period.name} is ${period.status}.`);
      }
      const reversal = await this.ledger.reverse(manager, id, `${period.name}: Reversal of "${entry.memo}": ${reason}`, actor.id);
      const column = entry.kind === EntryKind.REVENUE ? 'revenue' : 'expenses';
      period[column] = formatCents(centsOf(period[column]) - centsOf(entry.amount));
      await manager.getRepository(FiscalPeriodEntity).update(period.id, { [column]: period[column] });
      this.audit.record({
        actorId: actor.id,
        action: 'fiscal_period.entry_reversed',
        entityType: 'FiscalPeriod',
        entityId: period.id,
        data: { entryId: entry.id, postingId: id, reversalId: reversal.id, kind: entry.kind, amount: entry.amount, memo: reason },
      });
      return period;
    });
  }

  /**
   * Sets a member's patronage for the period, replacing any amount recorded before (so a correction is
   * just recording again). Allowed until a distribution is put to the vote: the members vote on refunds
   * computed from these figures, so they stay fixed while it is PROPOSED or APPROVED, and for good once POSTED.
   */
  async recordPatronage(actor: Principal, periodId: string, memberId: string, amount: string): Promise<boolean> {
    const id = assertUuid(periodId, 'periodId');
    const member = assertUuid(memberId, 'memberId');
    const cents = centsArgument(amount, 'amount', 'non-negative');
    return this.withPeriod(id, async (manager, period) => {
      if (period.status === PeriodStatus.DISTRIBUTED) throw new ConflictError(`${period.name}'s surplus has already been distributed.`);
      const live = await liveDistribution(manager, id);
      if (live) {
        throw new ConflictError(
          `A surplus distribution of ${period.name} is ${live.status}; patronage is fixed while members vote on it and once it is approved.`,
        );
      }
      if (!(await manager.getRepository(MemberEntity).existsBy({ id: member }))) throw new NotFoundError('Member', member);
      const [previous]: Array<{ amount: string }> = await manager.query(
        'SELECT amount FROM patronage_records WHERE period_id = $1 AND member_id = $2',
        [id, member],
      );
      await manager
        .getRepository(PatronageRecordEntity)
        .upsert({ periodId: id, memberId: member, amount: formatCents(cents) }, ['periodId', 'memberId']);
      this.audit.record({
        actorId: actor.id,
        action: 'fiscal_period.patronage_recorded',
        entityType: 'FiscalPeriod',
        entityId: id,
        data: { memberId: member, amount: formatCents(cents), previous: previous?.amount ?? null },
      });
      return true;
    });
  }

  /**
   * Records the patronage of every member a CSV lists (`email,amount` per line), replacing what was recorded
   * for them before as `recordPatronage` does; members the file leaves out keep theirs. All or nothing: every
   * bad line is reported (BAD_USER_INPUT, `details.problems`) and nothing is written unless all lines are good.
   */
  async importPatronage(actor: Principal, periodId: string, csv: string): Promise<PatronageImport> {
    const id = assertUuid(periodId, 'periodId');
    if (csv.length > MAX_PATRONAGE_CSV_CHARS) {
      throw new BadUserInputError(`The CSV may be at most ${MAX_PATRONAGE_CSV_CHARS} characters long; split it in parts.`, 'csv');
    }
    const { lines, problems } = readPatronageCsv(csv);
    if (lines.length + problems.length > MAX_PATRONAGE_CSV_LINES) {
      throw new BadUserInputError(`The CSV may have at most ${MAX_PATRONAGE_CSV_LINES} member lines; split it in parts.`, 'csv');
    }
    if (lines.length + problems.length === 0) throw new BadUserInputError('The CSV has no member lines (email,amount).', 'csv');
    return this.withPeriod(id, async (manager, period) => {
      if (period.status === PeriodStatus.DISTRIBUTED) throw new ConflictError(`${period.name}'s surplus has already been distributed.`);
      const live = await liveDistribution(manager, id);
      if (live) {
        throw new ConflictError(
          `A surplus distribution of ${period.name} is ${live.status}; patronage is fixed while members vote on it and once it is approved.`,
        );
      }
      const found: Array<{ id: string; email: string }> = await manager.query(
        'SELECT id, email FROM members WHERE email = ANY($1::text[])',
        [lines.map((line) => line.email)],
      );
      const memberOf = new Map(found.map((row) => [row.email, row.id]));
      const all = [...problems, ...unknownEmailProblems(lines, new Set(memberOf.keys()))].sort((a, b) => a.line - b.line);
      if (all.length > 0) {
        throw new DomainError(
          ErrorCode.BadUserInput,
          `${all.length} line${all.length === 1 ? ' is' : 's are'} wrong; nothing was recorded. ${all.map((problem) => problem.message).join(' ')}`,
          { field: 'csv', problems: all },
        );
      }
      const memberIds = lines.map((line) => memberOf.get(line.email)!);
      const amounts = lines.map((line) => formatCents(line.cents));
      // What the file replaces, for the audit entry (as recordPatronage keeps `previous`).
      const earlier: Array<{ member_id: string; amount: string }> = await manager.query(
        'SELECT member_id, amount::text AS amount FROM patronage_records WHERE period_id = $1 AND member_id = ANY($2::uuid[])',
        [id, memberIds],
      );
      const replaced = earlier.length;
      await manager.query(
        `INSERT INTO patronage_records (period_id, member_id, amount)
         SELECT $1, member_id, amount FROM unnest($2::uuid[], $3::numeric[]) AS given(member_id, amount)
         ON CONFLICT (period_id, member_id) DO UPDATE SET amount = EXCLUDED.amount, recorded_at = now()`,
        [id, memberIds, amounts],
      );
      const total = formatCents(lines.reduce((sum, line) => sum + line.cents, 0n));
      this.audit.record({
        actorId: actor.id,
        action: 'fiscal_period.patronage_imported',
        entityType: 'FiscalPeriod',
        entityId: id,
        data: {
          members: lines.length,
          replaced,
          total,
          sha256: createHash('sha256').update(csv).digest('hex'),
          amounts: Object.fromEntries(memberIds.map((memberId, index) => [memberId, amounts[index]])),
          previous: Object.fromEntries(earlier.map((row) => [row.member_id, row.amount])),
        },
      });
      return { period, members: lines.length, replaced, total };
    });
  }

  /** OPEN -> CLOSED: revenue and expenses are closed into the surplus account; no more entries after this. */
  async close(actor: Principal, periodId: string): Promise<FiscalPeriodEntity> {
    const id = assertUuid(periodId, 'id');
    return this.withPeriod(id, async (manager, period) => {
      if (period.status !== PeriodStatus.OPEN)
        throw new ConflictError(`Only an OPEN period can be closed; ${period.name} is ${period.status}.`);
      const revenue = centsOf(period.revenue);
      const expenses = centsOf(period.expenses);
      const postingIds: string[] = [];
      for (const posting of closePeriodPostings(revenue, expenses, period.name)) {
        postingIds.push((await this.ledger.post(manager, posting, { periodId: id, kind: 'closing', actorId: actor.id })).id);
      }
      period.status = PeriodStatus.CLOSED;
      period.closedAt = new Date();
      await manager.getRepository(FiscalPeriodEntity).update(id, { status: period.status, closedAt: period.closedAt });
      this.audit.record({
        actorId: actor.id,
        action: 'fiscal_period.closed',
        entityType: 'FiscalPeriod',
        entityId: id,
        data: { revenue: period.revenue, expenses: period.expenses, surplus: formatCents(revenue - expenses), postingIds },
      });
      return period;
    });
  }

  /** Locks the period for the rest of the transaction and runs `work` on it. */
  private async withPeriod<T>(id: string, work: (manager: EntityManager, period: FiscalPeriodEntity) => Promise<T>): Promise<T> {
    const manager = this.work.manager;
    const period = await lockPeriod(manager, id);
    return work(manager, period);
  }
}

/** Loads a period FOR UPDATE, or NOT_FOUND. */
export async function lockPeriod(manager: EntityManager, id: string): Promise<FiscalPeriodEntity> {
  const period = await manager.getRepository(FiscalPeriodEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!period) throw new NotFoundError('Fiscal period', id);
  return period;
}
