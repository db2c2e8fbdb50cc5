import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '@commons/audit';
import { MemberStatus, Role, TokenService } from '@commons/auth';
import { APP_CONFIG, type AppConfig, BadUserInputError, ConflictError, UnauthenticatedError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import type { RegisterInput } from './dto/register.input.js';
import { MemberEntity } from './entities/member.entity.js';
import { StakeholderClassEntity } from './entities/stakeholder-class.entity.js';
import { LoginThrottleService, RateLimitService } from './login-throttle.service.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';

export interface SignedIn {
  token: string;
  member: MemberEntity;
}

const UNIQUE_VIOLATION = '23505';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Registration, sign-in and the boot-time admin account. */
@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly work: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly limits: RateLimitService,
  ) {}

  /**
   * Counts the registration against the per-address and overall limits first (committed at once, so a
   * burst cannot slip under them), then hashes the password outside any transaction, then one unit of
   * work creates the applicant.
   */
  async register(input: RegisterInput, address?: string): Promise<SignedIn> {
    const email = normaliseEmail(input.email);
    const stakeholderClass = input.stakeholderClass ?? 'WORKER';
    const { registerLimit, registerLimitTotal } = this.config;
    const buckets = [{ key: 'register:all', limit: registerLimitTotal.count, windowSeconds: registerLimitTotal.windowSeconds }];
    if (address)
      buckets.push({ key: `register:address:${address}`, limit: registerLimit.count, windowSeconds: registerLimit.windowSeconds });
    await this.work.separately(() => this.limits.take(buckets, 'registrations'));
    const passwordHash = await hashPassword(input.password);
    const member = await this.work.transaction(async () => {
      await this.assertStakeholderClass(stakeholderClass);
      const created = await this.insertMember({
        name: input.name.trim(),
        email,
        passwordHash,
        stakeholderClass,
        status: MemberStatus.APPLICANT,
        roles: [Role.MEMBER],
      });
      this.audit.record({
        actorId: created.id,
        action: 'member.registered',
        entityType: 'Member',
        entityId: created.id,
        data: { name: created.name, stakeholderClass },
      });
      return created;
    });
    return { token: await this.tokens.issue(member.id), member };
  }

  /**
   * The attempt is counted (and committed) before the password is checked, so parallel guesses cannot
   * all pass the limit; the same error, after the same work, whether the email is unknown or the password
   * wrong. Only a success opens the unit of work that audits it.
   */
  async login(email: string, password: string, address?: string): Promise<SignedIn> {
    const normalised = normaliseEmail(email).slice(0, 320);
    const member = await this.work.separately(async (manager) => {
      await this.throttle.countAttempt(normalised, address);
      return manager.getRepository(MemberEntity).findOneBy({ email: normalised });
    });
    const matches = await verifyPassword(member?.passwordHash ?? (await decoyHash()), password);
    if (!member || !matches) throw new UnauthenticatedError('Email or password is incorrect.');
    await this.work.transaction(async () => {
      await this.throttle.recordSuccess(normalised, address);
      this.audit.record({
        actorId: member.id,
        action: 'member.signed_in',
        entityType: 'Member',
        entityId: member.id,
        data: address ? { address } : {},
      });
    });
    return { token: await this.tokens.issue(member.id), member };
  }

  /** A member an admin added sets their password with the invitation, once, and is signed in. */
  async acceptInvitation(token: string, password: string): Promise<SignedIn> {
    const memberId = await this.tokens.invitedMember(token);
    if (!memberId) throw new UnauthenticatedError('This invitation is not valid or has expired. Ask an admin for a new one.');
    const passwordHash = await hashPassword(password);
    const member = await this.work.transaction(async (manager) => {
      const repository = manager.getRepository(MemberEntity);
      const invited = await repository.findOne({ where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (!invited || invited.status !== MemberStatus.ACTIVE) {
        throw new ConflictError('This membership is no longer active, so the invitation cannot be used.');
      }
      if (invited.passwordHash !== null) throw new ConflictError('This invitation has been used already: sign in with your password.');
      invited.passwordHash = passwordHash;
      await repository.save(invited);
      this.audit.record({ actorId: invited.id, action: 'member.invitation_accepted', entityType: 'Member', entityId: invited.id });
      return invited;
    });
    return { token: await this.tokens.issue(member.id), member };
  }

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    const email = normaliseEmail(adminEmail);
    if (await this.work.manager.getRepository(MemberEntity).existsBy({ email })) return;
    const passwordHash = await hashPassword(adminPassword);
    await this.work.transaction(async (manager) => {
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO members (name, email, password_hash, status, roles, stakeholder_class, joined_at)
         VALUES ('Administrator', $1, $2, 'ACTIVE', '{MEMBER,ADMIN}', 'WORKER', now())
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [email, passwordHash],
      );
      if (rows.length === 0) return; // another process created it first
      this.audit.record({
        actorId: null,
        action: 'member.bootstrapped',
        entityType: 'Member',
        entityId: rows[0].id,
        data: { roles: [Role.MEMBER, Role.ADMIN] },
      });
      this.logger.log(`Created the first admin account for ${email}`);
    });
  }

  private async assertStakeholderClass(code: string): Promise<void> {
    if (!(await this.work.manager.getRepository(StakeholderClassEntity).existsBy({ code }))) {
      throw new BadUserInputError(`stakeholderClass ${code} is not one of this co-op's stakeholder classes.`, 'stakeholderClass');
    }
  }

  private async insertMember(values: Partial<MemberEntity>): Promise<MemberEntity> {
    const repository = this.work.manager.getRepository(MemberEntity);
    try {
      return await repository.save(repository.create(values));
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError('An account with this email already exists.');
      }
      throw error;
    }
  }
}
