import { SetMetadata } from '@nestjs/common';
import { ForbiddenError } from '@commons/core';
import { actsAs, MemberStatus, type Principal, Role } from './principal.js';

/**
 * An access rule: whether `principal` (undefined when anonymous) may read or do something, given what it
 * acts on. Each lib states its rules once, in its `<lib>.policy.ts`, and everything that serves a
 * request (resolvers, field resolvers, subscriptions, HTTP controllers) asks them.
 */
export type Rule<Subject = void> = (principal: Principal | undefined, subject: Subject) => boolean;

/** Members in good standing take part: ACTIVE. */
export const isActiveMember: Rule = (principal) => principal?.status === MemberStatus.ACTIVE;

export const isAdmin: Rule = (principal) => actsAs(principal, Role.ADMIN);

export const isAuditor: Rule = (principal) => actsAs(principal, Role.AUDITOR);

/** Admins and auditors oversee: the audit log, the books' details, exports. */
export const oversees: Rule = (principal) => isAdmin(principal) || isAuditor(principal);

/**
 * The co-op's records (the register, proposals, budgets, the books) are read by ACTIVE members, admins and
 * auditors. One rule for every lib: an applicant, a suspended or a withdrawn member reads none of them.
 */
export const readsCoopRecords: Rule = (principal) => isActiveMember(principal) || isAuditor(principal);

/** A rule with the sentence a refused caller reads. */
export interface Permission<Subject = void> {
  allows: Rule<Subject>;
  reason: string;
}

export function permission<Subject = void>(allows: Rule<Subject>, reason: string): Permission<Subject> {
  return { allows, reason };
}

/** Throws FORBIDDEN, saying why, unless the permission allows it. */
export function permit<Subject>(granted: Permission<Subject>, principal: Principal | undefined, subject: Subject): void {
  if (!granted.allows(principal, subject)) throw new ForbiddenError(granted.reason);
}

export const ALLOWED_BY = 'commons:allowed-by';

/** Who may call a resolver or route at all: the guard asks the permission before anything runs. */
export const Allow = (granted: Permission) => SetMetadata(ALLOWED_BY, granted);
