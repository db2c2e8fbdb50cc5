import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { AuditService } from '@commons/audit';
import { type Invitation, MemberStatus, type Principal, PrincipalsService, Role, TokenService } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import type { AddMembersInput } from './dto/add-members.input.js';
import type { CreateStakeholderClassInput } from './dto/stakeholder-class.input.js';
import { normaliseEmail } from './accounts.service.js';
import { MemberEntity } from './entities/member.entity.js';
import { StakeholderClassEntity } from './entities/stakeholder-class.entity.js';

export interface InvitationOf extends Invitation {
  member: MemberEntity;
}

export interface AddedMembers {
  added: number;
  invitations: InvitationOf[];
}

/**
 * What another lib does when a member is admitted or withdraws, inside that change's transaction (e.g. the
 * share register's rules). It may refuse by throwing a DomainError; what it returns goes into the audit entry.
 */
export type MembershipListener = (manager: EntityManager, member: MemberEntity) => Promise<Record<string, unknown> | void>;

/** Serialises changes that could leave the co-op without an active admin. */
const ADMIN_SET_LOCK = 727_100_002;

/** The membership lifecycle (admit, suspend, reinstate, withdraw) and roles. */
@Injectable()
export class MembershipService {
  private readonly admittingListeners: MembershipListener[] = [];
  private readonly withdrawingListeners: MembershipListener[] = [];

  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalsService,
  ) {}

  /** Runs before an applicant is admitted, in the admission's transaction. */
  onAdmitting(listener: MembershipListener): void {
    this.admittingListeners.push(listener);
  }

  /** Runs before a member withdraws, in the withdrawal's transaction. */
  onWithdrawing(listener: MembershipListener): void {
    this.withdrawingListeners.push(listener);
  }

  admit(actor: Principal, memberId: string): Promise<MemberEntity> {
    return this.change(actor, memberId, 'member.admitted', async (member) => {
      this.expectStatus(member, [MemberStatus.APPLICANT], 'Only applicants can be admitted.');
      const data = await this.notify(this.admittingListeners, member);
      member.status = MemberStatus.ACTIVE;
      member.joinedAt = new Date();
      return data;
    });
  }

  suspend(actor: Principal, memberId: string, reason: string): Promise<MemberEntity> {
    const trimmed = reason.trim();
    if (trimmed.length === 0 || trimmed.length > 2000) {
      throw new BadUserInputError('reason must be between 1 and 2000 characters long.', 'reason');
    }
    return this.change(actor, memberId, 'member.suspended', async (member) => {
      this.expectStatus(member, [MemberStatus.ACTIVE], 'Only active members can be suspended.');
      await this.keepAnAdmin(member);
      member.status = MemberStatus.SUSPENDED;
      member.suspensionReason = trimmed;
      return { reason: trimmed };
    });
  }

  reinstate(actor: Principal, memberId: string): Promise<MemberEntity> {
    return this.change(actor, memberId, 'member.reinstated', async (member) => {
      this.expectStatus(member, [MemberStatus.SUSPENDED], 'Only suspended members can be reinstated.');
      member.status = MemberStatus.ACTIVE;
      member.suspensionReason = null;
      return {};
    });
  }

  withdraw(actor: Principal): Promise<MemberEntity> {
    return this.change(actor, actor.id, 'member.withdrew', async (member) => {
      this.expectStatus(member, [MemberStatus.APPLICANT, MemberStatus.ACTIVE, MemberStatus.SUSPENDED], 'You have already withdrawn.');
      await this.keepAnAdmin(member);
      const from = member.status;
      const data = await this.notify(this.withdrawingListeners, member);
      member.status = MemberStatus.WITHDRAWN;
      return { from, ...data };
    });
  }

  grantRole(actor: Principal, memberId: string, role: Role): Promise<MemberEntity> {
    return this.change(actor, memberId, 'member.role_granted', async (member) => {
      if (member.roles.includes(role)) throw new ConflictError(`The member already has the ${role} role.`);
      if (member.status === MemberStatus.WITHDRAWN) throw new ConflictError('A withdrawn member cannot be given roles.');
      member.roles = [...member.roles, role];
      return { role };
    });
  }

  revokeRole(actor: Principal, memberId: string, role: Role): Promise<MemberEntity> {
    return this.change(actor, memberId, 'member.role_revoked', async (member) => {
      if (!member.roles.includes(role)) throw new ConflictError(`The member does not have the ${role} role.`);
      if (role === Role.ADMIN) await this.keepAnAdmin(member);
      member.roles = member.roles.filter((held) => held !== role);
      return { role };
    });
  }

  /**
   * Brings in the co-op's existing register: every member ACTIVE, with no password until they accept
   * their invitation. All or nothing: a duplicate email (in the list or already registered) or an unknown
   * stakeholder class refuses the whole list, naming the line.
   */
  async addMembers(actor: Principal, input: AddMembersInput): Promise<AddedMembers> {
    const rows = input.members.map((member) => ({
      name: member.name.trim(),
      email: normaliseEmail(member.email),
      stakeholderClass: member.stakeholderClass ?? 'WORKER',
      joinedAt: member.joinedAt ?? new Date(),
    }));
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
      const earlier = seen.get(row.email);
      if (earlier !== undefined) {
        throw new BadUserInputError(`${row.email} is listed twice (members ${earlier} and ${index}).`, `members.${index}.email`);
      }
      seen.set(row.email, index);
    });
    const manager = this.work.manager;
    const classes = [...new Set(rows.map((row) => row.stakeholderClass))];
    const known: Array<{ code: string }> = await manager.query('SELECT code FROM stakeholder_classes WHERE code = ANY($1::varchar[])', [
      classes,
    ]);
    const unknown = rows.findIndex((row) => !known.some((found) => found.code === row.stakeholderClass));
    if (unknown >= 0) {
      throw new BadUserInputError(
        `stakeholderClass ${rows[unknown].stakeholderClass} is not one of this co-op's stakeholder classes.`,
        `members.${unknown}.stakeholderClass`,
      );
    }
    const inserted: Array<{ id: string; email: string }> = await manager.query(
      `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
       SELECT name, email, NULL, 'ACTIVE', '{MEMBER}', class, joined
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::timestamptz[]) AS listed(name, email, class, joined)
       ON CONFLICT (email) DO NOTHING
       RETURNING id, email`,
      [rows.map((row) => row.name), rows.map((row) => row.email), rows.map((row) => row.stakeholderClass), rows.map((row) => row.joinedAt)],
    );
    if (inserted.length < rows.length) {
      const added = new Set(inserted.map((row) => row.email));
      const index = rows.findIndex((row) => !added.has(row.email));
      throw new ConflictError(`An account with the email ${rows[index].email} (member ${index}) already exists; nothing was added.`);
    }
    const members = await manager.getRepository(MemberEntity).findBy({ id: In(inserted.map((row) => row.id)) });
    const byEmail = new Map(members.map((member) => [member.email, member]));
    const invitations = await Promise.all(
      rows.map(async (row) => {
        const member = byEmail.get(row.email)!;
        return { member, ...(await this.tokens.invitation(member.id)) };
      }),
    );
    this.audit.record({
      actorId: actor.id,
      action: 'members.added',
      entityType: 'Member',
      data: { count: rows.length, memberIds: invitations.map((invitation) => invitation.member.id) },
    });
    return { added: rows.length, invitations };
  }

  /** A fresh invitation for a member who has not set a password yet. */
  async invite(actor: Principal, memberId: string): Promise<InvitationOf> {
    const id = assertUuid(memberId, 'memberId');
    const member = await this.work.manager.getRepository(MemberEntity).findOneBy({ id });
    if (!member) throw new NotFoundError('Member', id);
    if (member.passwordHash !== null) throw new ConflictError('This member has set a password already: they sign in with it.');
    if (member.status !== MemberStatus.ACTIVE)
      throw new ConflictError(`Only ACTIVE members can be invited; this member is ${member.status}.`);
    this.audit.record({ actorId: actor.id, action: 'member.invited', entityType: 'Member', entityId: id });
    return { member, ...(await this.tokens.invitation(id)) };
  }

  async createStakeholderClass(actor: Principal, input: CreateStakeholderClassInput): Promise<StakeholderClassEntity> {
    const code = input.code.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9_]{0,39}$/.test(code)) {
      throw new BadUserInputError('code must be letters, digits and underscores, starting with a letter.', 'code');
    }
    const repository = this.work.manager.getRepository(StakeholderClassEntity);
    if (await repository.existsBy({ code })) throw new ConflictError(`Stakeholder class ${code} already exists.`);
    const created = await repository.save(repository.create({ code, name: input.name.trim() }));
    this.audit.record({
      actorId: actor.id,
      action: 'stakeholder_class.created',
      entityType: 'StakeholderClass',
      entityId: code,
      data: { name: created.name },
    });
    return created;
  }

  /** Loads the member for update, applies the change, saves it and audits it, in the mutation's unit of work. */
  private async change(
    actor: Principal,
    memberId: string,
    action: string,
    apply: (member: MemberEntity) => Promise<Record<string, unknown>>,
  ): Promise<MemberEntity> {
    const id = assertUuid(memberId, 'memberId');
    const repository = this.work.manager.getRepository(MemberEntity);
    const member = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!member) throw new NotFoundError('Member', id);
    const data = await apply(member);
    await repository.save(member);
    this.principals.forgetAfterCommit(id);
    this.audit.record({ actorId: actor.id, action, entityType: 'Member', entityId: id, data });
    return member;
  }

  private async notify(listeners: MembershipListener[], member: MemberEntity): Promise<Record<string, unknown>> {
    let data: Record<string, unknown> = {};
    for (const listener of listeners) data = { ...data, ...(await listener(this.work.manager, member)) };
    return data;
  }

  private expectStatus(member: MemberEntity, allowed: MemberStatus[], message: string): void {
    if (!allowed.includes(member.status)) throw new ConflictError(`${message} This member is ${member.status}.`);
  }

  /** Refuses a change that would leave no ACTIVE admin to run the co-op. */
  private async keepAnAdmin(member: MemberEntity): Promise<void> {
    if (member.status !== MemberStatus.ACTIVE || !member.roles.includes(Role.ADMIN)) return;
    const manager = this.work.manager;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_SET_LOCK]);
    const [{ admins }] = await manager.query(
      `SELECT count(*)::int AS admins FROM members WHERE status = 'ACTIVE' AND 'ADMIN' = ANY(roles) AND id <> $1`,
      [member.id],
    );
    if (admins === 0) throw new ConflictError('This would leave the co-op without an active admin. Make another admin first.');
  }
}
