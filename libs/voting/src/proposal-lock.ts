/**
 * The advisory-lock space of proposals: votes take `pg_advisory_xact_lock_shared(SPACE, hashtext(id))`,
 * closing takes the same lock exclusively.
 */
export const PROPOSAL_LOCK_SPACE = 7271;
