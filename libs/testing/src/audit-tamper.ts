import pg from 'pg';
import { AUDIT_SEALER_LOCK } from '@commons/audit';
import type { TestApp } from './test-app.js';

/**
 * Runs `statements` on the audit log as an attacker who owns the tables would: around the log's triggers,
 * in one transaction that also keeps the background sealer out until it is done. (The API's own database
 * role cannot do this.)
 */
export async function tamperWithAuditLog(t: TestApp, ...statements: Array<[string, unknown[]?]>): Promise<void> {
  const client = new pg.Client({ connectionString: t.db.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEALER_LOCK]);
    await client.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    await client.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
    for (const [sql, params] of statements) await client.query(sql, params ?? []);
    await client.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
    await client.query('ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
