import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { type MemberStatus } from '@commons/auth';
import { assertUuid, type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { MemberEntity } from './entities/member.entity.js';
import { StakeholderClassEntity } from './entities/stakeholder-class.entity.js';

/** Reading the register of members. */
@Injectable()
export class MembersDirectoryService {
  constructor(private readonly work: UnitOfWork) {}

  findById(id: string): Promise<MemberEntity | null> {
    return this.work.manager.getRepository(MemberEntity).findOneBy({ id: assertUuid(id, 'id') });
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, MemberEntity>> {
    const members = await this.work.manager.getRepository(MemberEntity).findBy({ id: In([...ids]) });
    return new Map(members.map((member) => [member.id, member]));
  }

  /** Oldest first, paged on (created_at, id). */
  async list(status: MemberStatus | undefined, first: number | undefined, after: string | undefined): Promise<Connection<MemberEntity>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const query = this.work.manager.getRepository(MemberEntity).createQueryBuilder('member');
    if (status) query.where('member.status = :status', { status });
    const totalCount = await query.getCount();
    if (cursor) {
      query.andWhere('(member.created_at, member.id) > (:createdAt, :id)', { createdAt: new Date(cursor[0]), id: String(cursor[1]) });
    }
    const rows = await query
      .orderBy('member.created_at', 'ASC')
      .addOrderBy('member.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (member) => encodeCursor([member.createdAt.toISOString(), member.id]));
  }

  stakeholderClasses(): Promise<StakeholderClassEntity[]> {
    return this.work.manager.getRepository(StakeholderClassEntity).find({ order: { code: 'ASC' } });
  }
}
