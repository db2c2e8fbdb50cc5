import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Connection, decodeCursor, encodeCursor, isUuid, pageSize, Rational, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { AgendaItemEntity } from './entities/agenda-item.entity.js';
import { AssemblyEntity, AssemblyStatus } from './entities/assembly.entity.js';
import type { AttendanceMode } from './entities/attendance.entity.js';
import { ProxyEntity } from './entities/proxy.entity.js';

/** Attendance of a sitting, as the Assembly type and the minutes report it. */
export interface AttendanceCounts {
  roll: number;
  present: number;
  represented: number;
  quorumReached: boolean;
}

/** One line of a sitting's roll. */
export interface AttendeeRow {
  memberId: string;
  name: string;
  checkedInAt: Date | null;
  mode: AttendanceMode | null;
}

/** The fewest members present or represented that reach `quorum` (a share, "0.5000") of `roll`. */
export function quorumNeeded(quorum: string, roll: number): number {
  const required = Rational.parse(quorum).mul(Rational.of(roll));
  const whole = required.floor();
  return Number(Rational.of(whole).gte(required) ? whole : whole + 1n);
}

/** Reading assemblies: the list, one assembly, its agenda, proxies and attendance. */
@Injectable()
export class AssembliesDirectoryService {
  constructor(private readonly work: UnitOfWork) {}

  async find(id: string): Promise<AssemblyEntity | null> {
    if (!isUuid(id)) return null;
    return this.work.manager.getRepository(AssemblyEntity).findOneBy({ id });
  }

  /** Newest first. */
  async list(
    status: AssemblyStatus | undefined,
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<AssemblyEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const query = this.work.manager.getRepository(AssemblyEntity).createQueryBuilder('assembly');
    if (status) query.andWhere('assembly.status = :status', { status });
    const totalCount = await query.getCount();
    if (cursor)
      query.andWhere('(assembly.created_at, assembly.id) < (:createdAt, :id)', { createdAt: new Date(cursor[0]), id: String(cursor[1]) });
    const rows = await query
      .orderBy('assembly.created_at', 'DESC')
      .addOrderBy('assembly.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (assembly) => encodeCursor([assembly.createdAt.toISOString(), assembly.id]));
  }

  agenda(assemblyId: string, manager: EntityManager = this.work.manager): Promise<AgendaItemEntity[]> {
    return manager.getRepository(AgendaItemEntity).find({ where: { assemblyId }, order: { position: 'ASC' } });
  }

  /** Live proxies of the assembly; only those granted or held by `memberId` when given. */
  proxies(assemblyId: string, memberId?: string): Promise<ProxyEntity[]> {
    const query = this.work.manager
      .getRepository(ProxyEntity)
      .createQueryBuilder('proxy')
      .where('proxy.assembly_id = :assemblyId AND proxy.ended_at IS NULL', { assemblyId });
    if (memberId) query.andWhere('(proxy.grantor_id = :memberId OR proxy.holder_id = :memberId)', { memberId });
    return query.orderBy('proxy.created_at', 'ASC').addOrderBy('proxy.id', 'ASC').getMany();
  }

  /**
   * Roll: frozen at opening (before: ACTIVE members now). Present: checked in. Represented: absent members on
   * the roll whose live proxy is held by a member present. Quorum: present + represented ≥ quorum × roll.
   */
  async attendance(assembly: AssemblyEntity, manager: EntityManager = this.work.manager): Promise<AttendanceCounts> {
    let roll: number;
    let present = 0;
    let represented = 0;
    if (assembly.rollCount === null) {
      const [row] = await manager.query(`SELECT count(*)::int AS roll FROM members WHERE status = 'ACTIVE'`);
      roll = row.roll;
    } else {
      roll = assembly.rollCount;
      const [row] = await manager.query(
        `SELECT (SELECT count(*)::int FROM assembly_attendance WHERE assembly_id = $1 AND checked_in_at IS NOT NULL) AS present,
                (SELECT count(*)::int FROM assembly_proxies p
                   JOIN assembly_attendance grantor ON grantor.assembly_id = p.assembly_id AND grantor.member_id = p.grantor_id
                   JOIN assembly_attendance holder ON holder.assembly_id = p.assembly_id AND holder.member_id = p.holder_id
                  WHERE p.assembly_id = $1 AND p.ended_at IS NULL AND grantor.checked_in_at IS NULL AND holder.checked_in_at IS NOT NULL
                ) AS represented`,
        [assembly.id],
      );
      present = row.present;
      represented = row.represented;
    }
    const quorumReached = Rational.of(present + represented).gte(Rational.parse(assembly.quorum).mul(Rational.of(roll)));
    return { roll, present, represented, quorumReached };
  }

  /**
   * The sitting's roll (empty until it opens), by name: those whose name contains `search` (any case), and
   * only those checked in or only those not when `checkedIn` is given.
   */
  async roster(
    assemblyId: string,
    filter: { search?: string | null; checkedIn?: boolean | null },
    first: number | undefined,
    after: string | undefined,
  ): Promise<Connection<AttendeeRow>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const where = ['a.assembly_id = $1'];
    const parameters: unknown[] = [assemblyId];
    const search = filter.search?.trim();
    if (search) {
      parameters.push(search.toLocaleLowerCase());
      where.push(`position($${parameters.length} in lower(m.name)) > 0`);
    }
    if (filter.checkedIn === true) where.push('a.checked_in_at IS NOT NULL');
    if (filter.checkedIn === false) where.push('a.checked_in_at IS NULL');
    const from = `FROM assembly_attendance a JOIN members m ON m.id = a.member_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.work.manager.query(`SELECT count(*)::int AS total ${from}`, parameters);
    const page = [...parameters];
    let keyset = '';
    if (cursor) {
      page.push(String(cursor[0]), String(cursor[1]));
      keyset = ` AND (m.name, m.id) > ($${page.length - 1}, $${page.length}::uuid)`;
    }
    page.push(limit + 1);
    const rows: Array<{ member_id: string; name: string; checked_in_at: Date | null; mode: AttendanceMode | null }> =
      await this.work.manager.query(
        `SELECT a.member_id, m.name, a.checked_in_at, a.mode ${from}${keyset} ORDER BY m.name, m.id LIMIT $${page.length}`,
        page,
      );
    return toConnection(
      rows.map((row) => ({ memberId: row.member_id, name: row.name, checkedInAt: row.checked_in_at, mode: row.mode })),
      limit,
      total,
      (row) => encodeCursor([row.name, row.memberId]),
    );
  }
}
