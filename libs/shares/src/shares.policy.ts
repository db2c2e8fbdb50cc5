import { isActiveMember, isAdmin, isAuditor, MemberStatus, oversees, permission, type Principal } from '@commons/auth';

const signedIn = (principal: Principal | undefined): boolean => principal !== undefined;

/** Who may read and change the share register. Resolvers and the certificate route ask these. */
export const SharesPolicy = {
  /** The classes on offer: anyone signed in (an applicant needs them to subscribe). */
  readClasses: permission(signedIn, 'Sign in to see the share classes.'),
  /** Creating classes, deciding and settling operations: ADMIN. */
  manage: permission(isAdmin, 'Only admins manage the share register.'),
  /** Subscribing: applicants (to join) and ACTIVE members. */
  subscribe: permission(
    (principal) => principal?.status === MemberStatus.APPLICANT || principal?.status === MemberStatus.ACTIVE,
    'Only applicants and ACTIVE members can subscribe shares.',
  ),
  /** Transferring and redeeming: ACTIVE members (what they hold is checked against the register). */
  dispose: permission(isActiveMember, 'Only ACTIVE members can transfer or redeem shares.'),
  /** Cancelling a request: its member, signed in (whether it is theirs is checked against the operation). */
  cancel: permission<{ memberId: string }>(
    (principal, operation) => principal?.id === operation.memberId,
    'Only the member who asked can cancel a request.',
  ),
  /** Listing the register: anyone signed in lists what they may read (their own operations at least). */
  listRegister: permission(signedIn, 'Sign in to read the share register.'),
  /** The whole register, or another member's operations: admins and auditors. */
  readWholeRegister: permission(oversees, 'Only admins and auditors read the whole register; a member reads their own operations.'),
  /** An operation, a certificate, a member's holdings: the member (or the receiver of a transfer), admins and auditors. */
  readOperation: permission<{ memberId: string; counterpartId?: string | null }>(
    (principal, operation) =>
      isAdmin(principal) || isAuditor(principal) || principal?.id === operation.memberId || principal?.id === operation.counterpartId,
    'Only the member, admins and auditors can read this.',
  ),
  /** Exports for auditors: the register as CSV, the register as of a date. */
  export: permission(oversees, 'Only admins and auditors export the register.'),
};
