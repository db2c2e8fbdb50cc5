import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditService } from '@commons/audit';
import { updateReturning, UnitOfWork } from '@commons/db';
import { MemberStatus, type Principal } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { DelegationEntity } from './entities/delegation.entity.js';

/** Delegation changes are rare; one lock keeps two of them from closing a cycle together. */
const DELEGATION_LOCK = 727_100_010;

/** Liquid democracy: standing, transitive, revocable delegations, used on open ballots. */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async delegate(from: Principal, toMemberId: string): Promise<DelegationEntity> {
    const to = assertUuid(toMemberId, 'toMemberId');
    if (to === from.id) throw new BadUserInputError('You cannot delegate to yourself.', 'toMemberId');
    const manager = this.work.manager;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DELEGATION_LOCK]);
    const [delegate] = await manager.query('SELECT status FROM members WHERE id = $1', [to]);
    if (!delegate) throw new NotFoundError('Member', to);
    if (delegate.status !== MemberStatus.ACTIVE) throw new ConflictError('You can only delegate to an ACTIVE member.');
    const [cycle] = await manager.query(
      `WITH RECURSIVE chain(member_id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT d.to_member_id, chain.depth + 1 FROM chain
           JOIN delegations d ON d.from_member_id = chain.member_id AND d.revoked_at IS NULL
          WHERE chain.depth < 10000)
       SELECT 1 FROM chain WHERE member_id = $2 LIMIT 1`,
      [to, from.id],
    );
    if (cycle) throw new ConflictError('That would make a cycle: your delegate already delegates, directly or not, to you.');
    const repository = manager.getRepository(DelegationEntity);
    const previous = await repository.findOneBy({ fromMemberId: from.id, revokedAt: IsNull() });
    await manager.query('UPDATE delegations SET revoked_at = now() WHERE from_member_id = $1 AND revoked_at IS NULL', [from.id]);
    const created = await repository.save(repository.create({ fromMemberId: from.id, toMemberId: to, revokedAt: null }));
    this.audit.record({
      actorId: from.id,
      action: 'delegation.created',
      entityType: 'Delegation',
      entityId: created.id,
      data: { to, replaces: previous?.id ?? null },
    });
    return created;
  }

  async revoke(from: Principal): Promise<boolean> {
    const manager = this.work.manager;
    const revoked = await updateReturning<{ id: string }>(
      manager,
      'UPDATE delegations SET revoked_at = now() WHERE from_member_id = $1 AND revoked_at IS NULL RETURNING id',
      [from.id],
    );
    if (revoked.length === 0) throw new ConflictError('You have no delegation to revoke.');
    this.audit.record({
      actorId: from.id,
      action: 'delegation.revoked',
      entityType: 'Delegation',
      entityId: revoked[0].id,
    });
    return true;
  }

  given(memberId: string): Promise<DelegationEntity | null> {
    return this.work.manager.getRepository(DelegationEntity).findOneBy({ fromMemberId: memberId, revokedAt: IsNull() });
  }

  received(memberId: string): Promise<DelegationEntity[]> {
    return this.work.manager
      .getRepository(DelegationEntity)
      .createQueryBuilder('delegation')
      .where('delegation.to_member_id = :memberId AND delegation.revoked_at IS NULL', { memberId })
      .orderBy('delegation.created_at', 'ASC')
      .getMany();
  }
}
