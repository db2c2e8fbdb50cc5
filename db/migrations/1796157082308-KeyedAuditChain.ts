import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_SEALER_LOCK, type ChainedFields, chainedFields, GENESIS_HASH, keyedChainHash, plainChainHash } from '@commons/audit';
import { migrationSecrets } from './secrets.js';

type ChainHash = (prevHash: string, entry: ChainedFields) => string;

const BATCH = 5_000;

/**
 * Rehashes the sealed chain in place, keeping every seq: the longest run from entry 1 that `from` verifies
 * gets `to` hashes; from the first break on, entries are left as they are. So the chain is reported valid,
 * or broken at the same seq, exactly as before: rehashing never launders an earlier edit.
 */
async function rehashChain(queryRunner: QueryRunner, from: ChainHash, to: ChainHash): Promise<void> {
  // Keeps the sealers of servers still running out until this commits.
  await queryRunner.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEALER_LOCK]);
  await queryRunner.query('ALTER TABLE "audit_entries" DISABLE TRIGGER audit_entries_append_only');
  let seq = 0;
  let oldPrev = GENESIS_HASH;
  let newPrev = GENESIS_HASH;
  let intact = true;
  while (intact) {
    const rows = await queryRunner.query(
      `SELECT seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash FROM "audit_entries" WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, BATCH],
    );
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of rows) {
      const fields = chainedFields(Number(row.seq), row);
      if (fields.seq !== seq + 1 || row.prev_hash !== oldPrev || row.hash !== from(oldPrev, fields)) {
        intact = false;
        break;
      }
      const hash = to(newPrev, fields);
      seqs.push(fields.seq);
      prevs.push(newPrev);
      hashes.push(hash);
      seq = fields.seq;
      oldPrev = row.hash;
      newPrev = hash;
    }
    if (seqs.length > 0) {
      await queryRunner.query(
        `UPDATE "audit_entries" AS entry SET prev_hash = rehashed.prev_hash, hash = rehashed.hash
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS rehashed(seq, prev_hash, hash) WHERE entry.seq = rehashed.seq`,
        [seqs, prevs, hashes],
      );
    }
    if (rows.length < BATCH) break;
  }
  // The head follows only if it matched the intact chain's end; a head that did not match still does not.
  await queryRunner.query(`UPDATE "audit_chain_head" SET last_hash = $3 WHERE id = 1 AND last_seq = $1 AND last_hash = $2`, [seq, oldPrev, newPrev]);
  await queryRunner.query('ALTER TABLE "audit_entries" ENABLE TRIGGER audit_entries_append_only');
}

/** The key to rehash with, needed only when there are sealed entries to rehash. */
async function keyForRehashing(queryRunner: QueryRunner): Promise<string | null> {
  const [{ sealed }] = await queryRunner.query(`SELECT count(*)::int AS sealed FROM "audit_entries" WHERE seq IS NOT NULL`);
  if (sealed === 0) return null;
  if (!migrationSecrets.auditKey)
    throw new Error('This migration rehashes the existing audit chain with AUDIT_KEY: run it with AUDIT_KEY set to the key the server uses.');
  return migrationSecrets.auditKey;
}

/**
 * The audit chain's hashes become HMAC-SHA256 with AUDIT_KEY, a key the database never holds. The chain
 * sealed so far is rehashed rather than marked as plain up to some seq: a marker in the database could be
 * moved by whoever edits it, who could then pass the whole history off as plain sha256 and rebuild it.
 */
export class KeyedAuditChain1796157082308 implements MigrationInterface {
  name = 'KeyedAuditChain1796157082308';

  async up(queryRunner: QueryRunner): Promise<void> {
    const key = await keyForRehashing(queryRunner);
    if (key) await rehashChain(queryRunner, plainChainHash, (prevHash, entry) => keyedChainHash(key, prevHash, entry));
    // The keyed chain's first entry, sealed by the server: from now on the chain is never empty, so an
    // emptied chain (log and head, around the triggers) cannot pass as valid.
    await queryRunner.query(`INSERT INTO "audit_entries" ("at", "actor_id", "action", "entity_type", "entity_id", "data")
      VALUES (date_trunc('milliseconds', now()), NULL, 'audit_chain.keyed', 'AuditChain', NULL, '{"algorithm": "HMAC-SHA256"}')`);
    // TRUNCATE fires no row trigger: refuse it on the log and its head.
    await queryRunner.query(`CREATE FUNCTION audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate()`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate()`);
    // The head only moves forward.
    await queryRunner.query(`CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'the audit chain head cannot be deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.last_seq < OLD.last_seq THEN
          RAISE EXCEPTION 'the audit chain head cannot move back' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE OR DELETE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_chain_head_forward_only ON "audit_chain_head"`);
    await queryRunner.query(`DROP FUNCTION audit_chain_head_forward_only()`);
    await queryRunner.query(`DROP TRIGGER audit_chain_head_no_truncate ON "audit_chain_head"`);
    await queryRunner.query(`DROP TRIGGER audit_entries_no_truncate ON "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION audit_no_truncate()`);
    // Back to plain sha256, which is all the previous version can verify. (The keyed chain's first entry stays: the log is append-only.)
    const key = await keyForRehashing(queryRunner);
    if (key) await rehashChain(queryRunner, (prevHash, entry) => keyedChainHash(key, prevHash, entry), plainChainHash);
  }
}
