import { isAdmin, permission, readsCoopRecords } from '@commons/auth';

/** Who may read the co-op's governance health. */
export const HealthPolicy = {
  /**
   * The measures are aggregates over decisions every member may read (no one's choice, no one's name), so
   * ACTIVE members read them as well as admins and auditors: a co-op watches its own health.
   */
  read: permission(
    (principal) => readsCoopRecords(principal) || isAdmin(principal),
    'Only active members, admins and auditors read the governance health.',
  ),
};
