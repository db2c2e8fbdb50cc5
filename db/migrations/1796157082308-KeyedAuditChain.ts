import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeyedAuditChain1796157082308 implements MigrationInterface {
  name = 'KeyedAuditChain1796157082308';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_chain_head" ADD "keyed_from" bigint NOT NULL DEFAULT '1'`);
    // Not expressible in entities. From the next entry on, hashes are HMAC-SHA256 with AUDIT_KEY (which
    // this migration never sees); entries sealed so far keep their plain sha256 hashes and still verify.
    await queryRunner.query(`INSERT INTO "audit_chain_head" ("id", "last_seq", "last_hash", "keyed_from") VALUES (1, 0, repeat('0', 64), 1)
      ON CONFLICT ("id") DO UPDATE SET "keyed_from" = "audit_chain_head"."last_seq" + 1`);
    // The keyed chain's first entry, sealed by the server with the key: from now on the chain is never
    // empty, so emptying it, or cutting it back to its plain part and rehashing that, cannot pass as valid.
    await queryRunner.query(`INSERT INTO "audit_entries" ("at", "actor_id", "action", "entity_type", "entity_id", "data")
      VALUES (now(), NULL, 'audit_chain.keyed', 'AuditChain', NULL, '{"algorithm": "HMAC-SHA256"}')`);
    // TRUNCATE fires no row trigger: refuse it on the log and its head.
    await queryRunner.query(`CREATE FUNCTION audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate()`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate()`);
    // The head only moves forward, and where the keyed chain starts is fixed once.
    await queryRunner.query(`CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'the audit chain head cannot be deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.keyed_from IS DISTINCT FROM OLD.keyed_from THEN
          RAISE EXCEPTION 'where the keyed audit chain starts cannot be changed' USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.last_seq < OLD.last_seq THEN
          RAISE EXCEPTION 'the audit chain head cannot move back' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE OR DELETE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Entries sealed since stay keyed (the log is append-only): the previous version cannot verify them.
    await queryRunner.query(`DROP TRIGGER audit_chain_head_forward_only ON "audit_chain_head"`);
    await queryRunner.query(`DROP FUNCTION audit_chain_head_forward_only()`);
    await queryRunner.query(`DROP TRIGGER audit_chain_head_no_truncate ON "audit_chain_head"`);
    await queryRunner.query(`DROP TRIGGER audit_entries_no_truncate ON "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION audit_no_truncate()`);
    await queryRunner.query(`ALTER TABLE "audit_chain_head" DROP COLUMN "keyed_from"`);
  }
}
