import { isAdmin, oversees, permission, readsCoopRecords } from '@commons/auth';

/** Who may read and keep the co-op's books. */
export const SurplusPolicy = {
  /** Periods, distributions and flows: ACTIVE members, admins and auditors. */
  readBooks: permission(readsCoopRecords, "Only active members, admins and auditors can read the co-op's books."),
  /** The ledger itself, trial balances, patronage records, CSV exports: admins and auditors. */
  readLedger: permission(oversees, 'Only admins and auditors read the ledger and its exports.'),
  /** Every member's allocation (anyone else reads only their own). */
  readEveryAllocation: permission(oversees, "Only admins and auditors see every member's allocation."),
  /** Periods, entries, patronage, distributions: ADMIN. */
  keepBooks: permission(isAdmin, 'Only admins keep the books.'),
};
