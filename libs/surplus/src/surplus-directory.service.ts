import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { assertUuid, type Connection, decodeCursor, encodeCursor, NotFoundError, pageSize, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { FiscalPeriodEntity, type PeriodStatus } from './entities/fiscal-period.entity.js';
import { MemberAllocationEntity } from './entities/member-allocation.entity.js';
import { PatronageRecordEntity } from './entities/patronage-record.entity.js';
import { SurplusDistributionEntity } from './entities/surplus-distribution.entity.js';

/** The member id a member-ordered page continues after. */
function memberCursor(after: string | undefined): string | null {
  const cursor = decodeCursor(after, 1);
  return cursor ? assertUuid(String(cursor[0]), 'after') : null;
}

/** Reading periods, distributions, patronage and allocations. */
@Injectable()
export class SurplusDirectoryService {
  constructor(private readonly work: UnitOfWork) {}

  findPeriod(id: string): Promise<FiscalPeriodEntity | null> {
    return this.work.manager.getRepository(FiscalPeriodEntity).findOneBy({ id: assertUuid(id, 'id') });
  }

  /** The period, or NOT_FOUND naming `field`. */
  async requirePeriod(id: string, field = 'periodId'): Promise<FiscalPeriodEntity> {
    const period = await this.work.manager.getRepository(FiscalPeriodEntity).findOneBy({ id: assertUuid(id, field) });
    if (!period) throw new NotFoundError('Fiscal period', id);
    return period;
  }

  async periodsByIds(ids: readonly string[]): Promise<Map<string, FiscalPeriodEntity>> {
    const periods = await this.work.manager.getRepository(FiscalPeriodEntity).findBy({ id: In([...ids]) });
    return new Map(periods.map((period) => [period.id, period]));
  }

  /** Newest first (by startsOn), paged on (starts_on, id). */
  async listPeriods(status: PeriodStatus | undefined, first?: number, after?: string): Promise<Connection<FiscalPeriodEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const query = this.work.manager.getRepository(FiscalPeriodEntity).createQueryBuilder('period');
    if (status) query.where('period.status = :status', { status });
    const totalCount = await query.getCount();
    if (cursor)
      query.andWhere('(period.starts_on, period.id) < (:startsOn, :id)', { startsOn: new Date(cursor[0]), id: String(cursor[1]) });
    const rows = await query
      .orderBy('period.starts_on', 'DESC')
      .addOrderBy('period.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (period) => encodeCursor([period.startsOn.toISOString(), period.id]));
  }

  /** Each period's latest distribution (the live one if any, else the last rejected). */
  async latestDistributions(periodIds: readonly string[]): Promise<Map<string, SurplusDistributionEntity>> {
    const rows = await this.work.manager
      .getRepository(SurplusDistributionEntity)
      .createQueryBuilder('distribution')
      .distinctOn(['distribution.period_id'])
      .where('distribution.period_id IN (:...ids)', { ids: [...periodIds] })
      .orderBy('distribution.period_id')
      .addOrderBy('distribution.created_at', 'DESC')
      .addOrderBy('distribution.id', 'DESC')
      .getMany();
    return new Map(rows.map((distribution) => [distribution.periodId, distribution]));
  }

  /** Every distribution of each period, oldest first. */
  async distributionsOf(periodIds: readonly string[]): Promise<Map<string, SurplusDistributionEntity[]>> {
    const rows = await this.work.manager
      .getRepository(SurplusDistributionEntity)
      .find({ where: { periodId: In([...periodIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const byPeriod = new Map<string, SurplusDistributionEntity[]>();
    for (const row of rows) byPeriod.set(row.periodId, [...(byPeriod.get(row.periodId) ?? []), row]);
    return byPeriod;
  }

  findDistribution(id: string): Promise<SurplusDistributionEntity | null> {
    return this.work.manager.getRepository(SurplusDistributionEntity).findOneBy({ id: assertUuid(id, 'id') });
  }

  /** A period's allocations in member id order; only `memberId`'s when given. */
  async allocations(
    periodId: string,
    memberId: string | null,
    first?: number,
    after?: string,
  ): Promise<Connection<MemberAllocationEntity>> {
    const limit = pageSize(first);
    const cursor = memberCursor(after);
    const query = this.work.manager
      .getRepository(MemberAllocationEntity)
      .createQueryBuilder('allocation')
      .where('allocation.period_id = :periodId', { periodId });
    if (memberId) query.andWhere('allocation.member_id = :memberId', { memberId });
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('allocation.member_id > :after', { after: cursor });
    const rows = await query
      .orderBy('allocation.member_id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (allocation) => encodeCursor([allocation.memberId]));
  }

  /** A period's patronage records in member id order. */
  async patronage(periodId: string, first?: number, after?: string): Promise<Connection<PatronageRecordEntity>> {
    const limit = pageSize(first);
    const cursor = memberCursor(after);
    const query = this.work.manager
      .getRepository(PatronageRecordEntity)
      .createQueryBuilder('record')
      .where('record.period_id = :periodId', { periodId });
    const totalCount = await query.getCount();
    if (cursor) query.andWhere('record.member_id > :after', { after: cursor });
    const rows = await query
      .orderBy('record.member_id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (record) => encodeCursor([record.memberId]));
  }
}
