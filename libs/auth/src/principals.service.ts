import { Injectable } from '@nestjs/common';
import { DatabaseListener, UnitOfWork } from '@commons/db';
import type { MemberStatus, Principal, Role } from './principal.js';

/** Changes to a member's standing are announced on this channel by a trigger on `members` (at commit). */
export const MEMBER_CHANGED_CHANNEL = 'commons_member_changed';
/** A cached principal is reloaded after this long even if no change was announced (a lost notification). */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 100_000;

interface PrincipalRow {
  id: string;
  status: MemberStatus;
  roles: Role[];
  stakeholder_class: string;
}

interface Cached {
  principal: Principal | null;
  loadedAt: number;
}

/**
 * Members' standing and roles, cached per process so a request does not query them each time. Any change
 * to a member's status, roles or class fires a notification (a trigger, so no change can skip it) that
 * every process receives as the change commits, and this process also forgets at once what its own
 * transactions changed. A load that raced a change is not cached.
 */
@Injectable()
export class PrincipalsService {
  private readonly cache = new Map<string, Cached>();
  private readonly generations = new Map<string, number>();
  private epoch = 0;

  constructor(
    private readonly work: UnitOfWork,
    listener: DatabaseListener,
  ) {
    listener.on(MEMBER_CHANGED_CHANNEL, (memberId) => this.forget(memberId));
    listener.onReconnect(() => this.forgetAll());
  }

  /**
   * The member as they stand now, or null if there is no such member. From the cache unless `fresh`
   * (changes made by other processes arrive within milliseconds; a change must count at once, so
   * mutations ask fresh).
   */
  async load(memberId: string, fresh = false): Promise<Principal | null> {
    const hit = this.cache.get(memberId);
    if (!fresh && hit && Date.now() - hit.loadedAt < MAX_AGE_MS) return hit.principal;
    const generation = this.generations.get(memberId) ?? 0;
    const epoch = this.epoch;
    const rows: PrincipalRow[] = await this.work.manager.query('SELECT id, status, roles, stakeholder_class FROM members WHERE id = $1', [
      memberId,
    ]);
    const row = rows[0];
    const principal: Principal | null = row
      ? { id: row.id, status: row.status, roles: row.roles, stakeholderClass: row.stakeholder_class }
      : null;
    if ((this.generations.get(memberId) ?? 0) === generation && this.epoch === epoch) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(memberId, { principal, loadedAt: Date.now() });
    }
    return principal;
  }

  /** The cached member, if this process holds a current entry (null: known not to exist); undefined on a miss. */
  peek(memberId: string): Principal | null | undefined {
    const hit = this.cache.get(memberId);
    return hit && Date.now() - hit.loadedAt < MAX_AGE_MS ? hit.principal : undefined;
  }

  /** Forgets a member once the open transaction commits (for the changes this process makes). */
  forgetAfterCommit(memberId: string): void {
    this.work.afterCommit(() => this.forget(memberId));
  }

  forget(memberId: string): void {
    this.cache.delete(memberId);
    this.generations.set(memberId, (this.generations.get(memberId) ?? 0) + 1);
  }

  private forgetAll(): void {
    this.cache.clear();
    this.epoch += 1;
  }
}
