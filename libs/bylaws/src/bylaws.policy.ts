import { actsAs, MemberStatus, type Principal, Role } from '@commons/auth';

/** Who may read and change the bylaws. Resolvers ask these; services do not re-check roles. */

/** The bylaws and their history are read by anyone signed in, applicants included: they are the co-op's rules. */
export function canReadBylaws(principal: Principal | undefined): boolean {
  return principal !== undefined;
}

/** Founding adjustments (version 1, until a first proposal closes): admins. */
export function canFoundBylaws(principal: Principal): boolean {
  return actsAs(principal, Role.ADMIN);
}

/** Amendments are proposals: any ACTIVE member may propose one. */
export function canProposeAmendment(principal: Principal): boolean {
  return principal.status === MemberStatus.ACTIVE;
}
