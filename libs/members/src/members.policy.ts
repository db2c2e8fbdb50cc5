import { isAdmin, isAuditor, permission, readsCoopRecords } from '@commons/auth';

/** Who may read and change the register of members. */
export const MembersPolicy = {
  /** The register (names, classes, standing): ACTIVE members, admins and auditors. */
  readRegister: permission(readsCoopRecords, 'Only active members, admins and auditors can read the register of members.'),
  /** One member: anyone reading the register, and everyone themself. */
  readMember: permission<string>(
    (principal, memberId) => principal?.id === memberId || readsCoopRecords(principal),
    'Only active members, admins and auditors can read the register of members.',
  ),
  /** Email and suspension reason: the member, admins and auditors (others read null). */
  readPrivateFields: permission<{ id: string }>(
    (principal, member) => principal?.id === member.id || isAdmin(principal) || isAuditor(principal),
    "Only the member, admins and auditors see a member's email.",
  ),
  /** Admitting, suspending, reinstating, roles, share capital, classes, bringing in the register: ADMIN. */
  manage: permission(isAdmin, 'Only admins manage the register of members.'),
  /** Leaving the co-op: every signed-in member, themself. */
  withdraw: permission((principal) => principal !== undefined, 'Sign in to withdraw your membership.'),
};
