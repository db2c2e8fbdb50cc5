import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '@commons/audit';
import type { Principal } from '@commons/auth';
import { assertUuid, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { SittingRollService } from '@commons/voting';
import { lockAssembly, openAgendaProposals } from './assembly-lock.js';
import { type AssemblyEntity, AssemblyStatus } from './entities/assembly.entity.js';
import { AttendanceEntity, AttendanceMode } from './entities/attendance.entity.js';
import { ProxyEnd, ProxyEntity } from './entities/proxy.entity.js';

/**
 * Proxies and check-ins. Every change to one assembly's proxies or attendance holds the assembly's lock
 * (`lockAssembly`), so concurrent grants to one holder are counted one after the other and never pass the
 * cap (the slot index enforces it in the database as well). While IN_SESSION, the roll of the agenda's open
 * proposals follows: who may vote (checked in) and each holder's weight (1 + proxies held).
 */
@Injectable()
export class ProxiesService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly roll: SittingRollService,
  ) {}

  /** The grantor gives their proxy to the holder, replacing any earlier one of theirs. */
  async grant(grantor: Principal, assemblyId: string, holderIdInput: string): Promise<ProxyEntity> {
    const holderId = assertUuid(holderIdInput, 'holderId');
    const manager = this.work.manager;
    const assembly = await lockAssembly(manager, assemblyId);
    this.mustBeOpenForProxies(assembly);
    if (holderId === grantor.id) throw new ConflictError('You cannot hold your own proxy.');
    const [holder]: Array<{ status: string }> = await manager.query('SELECT status FROM members WHERE id = $1', [holderId]);
    if (!holder) throw new NotFoundError('Member', holderId);
    if (holder.status !== 'ACTIVE') throw new ConflictError(`A proxy can only be held by an ACTIVE member; this one is ${holder.status}.`);
    if (assembly.status === AssemblyStatus.IN_SESSION) {
      const grantorAttendance = await this.attendanceOf(manager, assembly.id, grantor.id);
      if (!grantorAttendance) throw new ConflictError('You are not on the roll of this sitting (you were not ACTIVE when it opened).');
      if (grantorAttendance.checkedInAt) throw new ConflictError('You are checked in: you vote for yourself at this sitting.');
      if (!(await this.attendanceOf(manager, assembly.id, holderId)))
        throw new ConflictError('The holder is not on the roll of this sitting (not ACTIVE when it opened).');
    }
    if (assembly.maxProxiesPerMember === 0) throw new ConflictError('The bylaws allow no proxies (maxProxiesPerMember is 0).');
    const repository = manager.getRepository(ProxyEntity);
    // The live proxies given or held by either of them.
    const current = await repository.find({
      where: [
        { assemblyId: assembly.id, grantorId: In([grantor.id, holderId]), endedAt: IsNull() },
        { assemblyId: assembly.id, holderId: In([grantor.id, holderId]), endedAt: IsNull() },
      ],
    });
    const earlier = current.find((proxy) => proxy.grantorId === grantor.id) ?? null;
    if (current.some((proxy) => proxy.grantorId === holderId))
      throw new ConflictError('That member has given their own proxy to someone else; proxies do not pass on (no chains).');
    if (current.some((proxy) => proxy.holderId === grantor.id))
      throw new ConflictError('You hold proxies of other members: you cannot give yours (no chains).');
    const holderProxies = current.filter((proxy) => proxy.holderId === holderId && proxy.grantorId !== grantor.id);
    if (holderProxies.length >= assembly.maxProxiesPerMember) {
      throw new ConflictError(
        `That member already holds ${holderProxies.length} ${holderProxies.length === 1 ? 'proxy' : 'proxies'}, the most the bylaws allow (maxProxiesPerMember).`,
      );
    }
    const proposals = assembly.status === AssemblyStatus.IN_SESSION ? await openAgendaProposals(manager, assembly.id) : [];
    await this.roll.lockVoters(proposals, [grantor.id, holderId, ...(earlier ? [earlier.holderId] : [])]);
    if (earlier) await this.end(manager, proposals, earlier, ProxyEnd.REPLACED);
    const taken = new Set(holderProxies.map((proxy) => proxy.slot));
    let slot = 1;
    while (taken.has(slot)) slot += 1;
    const proxy = await repository.save(
      repository.create({
        assemblyId: assembly.id,
        grantorId: grantor.id,
        holderId,
        slot,
        cap: assembly.maxProxiesPerMember,
        endedAt: null,
        endReason: null,
      }),
    );
    await this.weigh(manager, proposals, assembly.id, holderId);
    this.audit.record({
      actorId: grantor.id,
      action: 'assembly.proxy_granted',
      entityType: 'Assembly',
      entityId: assembly.id,
      data: {
        proxyId: proxy.id,
        grantorId: grantor.id,
        holderId,
        replaced: earlier ? { proxyId: earlier.id, holderId: earlier.holderId } : null,
      },
    });
    return proxy;
  }

  /** The grantor takes their proxy back, until they check in. */
  async revoke(grantor: Principal, assemblyId: string): Promise<boolean> {
    const manager = this.work.manager;
    const assembly = await lockAssembly(manager, assemblyId);
    this.mustBeOpenForProxies(assembly);
    const live = await manager.getRepository(ProxyEntity).findOneBy({ assemblyId: assembly.id, grantorId: grantor.id, endedAt: IsNull() });
    if (!live) throw new ConflictError('You have given no proxy for this assembly.');
    const proposals = assembly.status === AssemblyStatus.IN_SESSION ? await openAgendaProposals(manager, assembly.id) : [];
    await this.roll.lockVoters(proposals, [grantor.id, live.holderId]);
    await this.end(manager, proposals, live, ProxyEnd.REVOKED);
    await this.weigh(manager, proposals, assembly.id, live.holderId);
    this.audit.record({
      actorId: grantor.id,
      action: 'assembly.proxy_revoked',
      entityType: 'Assembly',
      entityId: assembly.id,
      data: { proxyId: live.id, grantorId: grantor.id, holderId: live.holderId },
    });
    return true;
  }

  /**
   * IN_SESSION: the member is present and may vote on the agenda's proposals, for themself and the proxies
   * they hold. A proxy they gave lapses (on a secret ballot its holder already cast, it stays cast).
   */
  async checkIn(actor: Principal, assemblyId: string, memberIdInput: string, mode: AttendanceMode): Promise<AssemblyEntity> {
    const memberId = assertUuid(memberIdInput, 'memberId');
    const manager = this.work.manager;
    const assembly = await lockAssembly(manager, assemblyId);
    if (assembly.status !== AssemblyStatus.IN_SESSION)
      throw new ConflictError(`Members check in while the assembly is IN_SESSION; this one is ${assembly.status}.`);
    const attendance = await this.attendanceOf(manager, assembly.id, memberId);
    if (!attendance) throw new ConflictError('That member is not on the roll of this sitting (not ACTIVE when it opened).');
    if (attendance.checkedInAt) throw new ConflictError('That member is checked in already.');
    const [member]: Array<{ status: string }> = await manager.query('SELECT status FROM members WHERE id = $1', [memberId]);
    if (member.status !== 'ACTIVE') throw new ConflictError(`Only ACTIVE members take part; this one is ${member.status}.`);
    const proposals = await openAgendaProposals(manager, assembly.id);
    const given = await manager.getRepository(ProxyEntity).findOneBy({ assemblyId: assembly.id, grantorId: memberId, endedAt: IsNull() });
    await this.roll.lockVoters(proposals, [memberId, ...(given ? [given.holderId] : [])]);
    if (given) {
      await this.end(manager, proposals, given, ProxyEnd.LAPSED);
      await this.weigh(manager, proposals, assembly.id, given.holderId);
    }
    await manager.getRepository(AttendanceEntity).update({ assemblyId: assembly.id, memberId }, { checkedInAt: new Date(), mode });
    await this.roll.admit(proposals, memberId);
    await this.weigh(manager, proposals, assembly.id, memberId);
    this.audit.record({
      actorId: actor.id,
      action: 'assembly.checked_in',
      entityType: 'Assembly',
      entityId: assembly.id,
      data: { memberId, mode, lapsedProxy: given ? { proxyId: given.id, holderId: given.holderId } : null },
    });
    return assembly;
  }

  private mustBeOpenForProxies(assembly: AssemblyEntity): void {
    if (assembly.status !== AssemblyStatus.CONVENED && assembly.status !== AssemblyStatus.IN_SESSION)
      throw new ConflictError(`Proxies are given while an assembly is CONVENED or IN_SESSION; this one is ${assembly.status}.`);
  }

  private attendanceOf(manager: EntityManager, assemblyId: string, memberId: string): Promise<AttendanceEntity | null> {
    return manager.getRepository(AttendanceEntity).findOneBy({ assemblyId, memberId });
  }

  private async end(manager: EntityManager, proposals: string[], proxy: ProxyEntity, reason: ProxyEnd): Promise<void> {
    await this.roll.keepCastProxyVotes(proposals, proxy.grantorId, proxy.holderId);
    await manager.getRepository(ProxyEntity).update(proxy.id, { endedAt: new Date(), endReason: reason });
  }

  /** The holder's weight on each open proposal: 1 + the live proxies they hold. */
  private async weigh(manager: EntityManager, proposals: string[], assemblyId: string, holderId: string): Promise<void> {
    if (proposals.length === 0) return;
    const grantors: Array<{ grantor_id: string }> = await manager.query(
      'SELECT grantor_id FROM assembly_proxies WHERE assembly_id = $1 AND holder_id = $2 AND ended_at IS NULL',
      [assemblyId, holderId],
    );
    await this.roll.weighHolder(
      proposals,
      holderId,
      grantors.map((row) => row.grantor_id),
    );
  }
}
