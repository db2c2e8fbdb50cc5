import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { AuditService } from '@commons/audit';
import { MemberStatus, type Principal, Role } from '@commons/auth';
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import type { AdjustShareCapitalInput, CreateStakeholderClassInput } from './dto/adjust-share-capital.input.js';
import { MemberEntity } from './entities/member.entity.js';
import { StakeholderClassEntity } from './entities/stakeholder-class.entity.js';

/** Serialises changes that could leave the co-op without an active admin. */
const ADMIN_SET_LOCK = 727_100_002;

/** The membership lifecycle (admit, suspend, reinstate, withdraw), roles and share capital. */
@Injectable()
export class MembershipService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  admit(actor: Principal, memberId: string): Promise<MemberEntity> {
    return this.change(actor, memberId, 'member.admitted', async (member) => {
      this.expectStatus(member, [MemberStatus.APPLICANT], 'Only applicants can be admitted.');
      member.status = MemberStatus.ACTIVE;
      member.joinedAt = new Date();
      return {};
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
      member.status = MemberStatus.WITHDRAWN;
      return { from };
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

  adjustShareCapital(actor: Principal, input: AdjustShareCapitalInput): Promise<MemberEntity> {
    const amount = new Decimal(input.amount);
    if (amount.isZero() || amount.decimalPlaces() > 2 || amount.abs().gte('1e12')) {
      throw new BadUserInputError('amount must be non-zero, under 10^12, in cents at most (e.g. "100.00").', 'amount');
    }
    return this.change(actor, input.memberId, 'member.share_capital_adjusted', async (member) => {
      const balance = new Decimal(member.shareCapital).plus(amount);
      if (balance.isNegative()) {
        throw new BadUserInputError(`The member holds only ${member.shareCapital}; this would make it negative.`, 'amount');
      }
      member.shareCapital = balance.toFixed(2);
      return { amount: amount.toFixed(2), balance: member.shareCapital, memo: input.memo };
    });
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
    this.audit.record({ actorId: actor.id, action, entityType: 'Member', entityId: id, data });
    return member;
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
