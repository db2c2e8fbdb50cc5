import { actsAs, MemberStatus, type Principal, readsCoopRecords, Role } from '@commons/auth';
import type { ProxyEntity } from './entities/proxy.entity.js';
import { AttendanceMode } from './entities/attendance.entity.js';

/** Who may read and do what with general assemblies. Resolvers and the minutes download ask these. */

/** Assemblies, their agendas, attendance and minutes: the membership (ACTIVE members), admins and auditors. */
export function canReadAssemblies(principal: Principal): boolean {
  return readsCoopRecords(principal);
}

/** Convening, opening, closing and cancelling a sitting: admins. */
export function canChairAssemblies(principal: Principal): boolean {
  return actsAs(principal, Role.ADMIN);
}

/** Giving or revoking one's proxy: ACTIVE members (the rules of the sitting decide the rest). */
export function canGiveProxy(principal: Principal): boolean {
  return principal.status === MemberStatus.ACTIVE;
}

/** Checking in: an admin at the door (IN_PERSON), or the ACTIVE member themself (REMOTE). */
export function canCheckIn(principal: Principal, memberId: string, mode: AttendanceMode): boolean {
  if (mode === AttendanceMode.IN_PERSON) return actsAs(principal, Role.ADMIN);
  return principal.id === memberId && principal.status === MemberStatus.ACTIVE;
}

/** Every proxy: admins and auditors. */
export function seesEveryProxy(principal: Principal): boolean {
  return actsAs(principal, Role.ADMIN) || actsAs(principal, Role.AUDITOR);
}

/** The roll of a sitting, who is checked in and how: admins (at the door) and auditors. */
export function seesAttendance(principal: Principal): boolean {
  return actsAs(principal, Role.ADMIN) || actsAs(principal, Role.AUDITOR);
}

/** A member sees the proxies they granted or hold. */
export function canSeeProxy(principal: Principal, proxy: ProxyEntity): boolean {
  return seesEveryProxy(principal) || proxy.grantorId === principal.id || proxy.holderId === principal.id;
}
