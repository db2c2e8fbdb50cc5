import { actsAs, type Principal, Role } from '@commons/auth';
import { ForbiddenError } from '@commons/core';
import { canReadRegister } from '@commons/members';

/** The co-op's books (periods, distributions, flows) are open to active members, admins and auditors. */
export function assertCanReadBooks(principal: Principal): void {
  if (!canReadRegister(principal)) throw new ForbiddenError("Only active members, admins and auditors can read the co-op's books.");
}

/** Admins and auditors see every member's figures; anyone else only their own. */
export function seesEveryMember(principal: Principal): boolean {
  return actsAs(principal, Role.ADMIN) || actsAs(principal, Role.AUDITOR);
}
