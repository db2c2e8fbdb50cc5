/**
 * Secrets a data migration needs, set by `migrate()` from the server's configuration while it runs (the
 * database never holds them). KeyedAuditChain rehashes an existing audit chain with AUDIT_KEY.
 */
export const migrationSecrets: { auditKey?: string } = {};
