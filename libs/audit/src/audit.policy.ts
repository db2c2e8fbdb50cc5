import { oversees, permission } from '@commons/auth';

/** Who may read the audit log. */
export const AuditPolicy = {
  /** The log and its verification: admins and auditors. */
  read: permission(oversees, 'Only admins and auditors read the audit log.'),
};
