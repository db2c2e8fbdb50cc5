import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795514558750 implements MigrationInterface {
  name = 'Foundation1795514558750';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_entries" ("id" BIGSERIAL NOT NULL, "seq" bigint, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "action" character varying(80) NOT NULL, "entity_type" character varying(80) NOT NULL, "entity_id" character varying(200), "data" jsonb, "prev_hash" character(64), "hash" character(64), CONSTRAINT "UQ_0de907d00514c64bf4c6fd7ae10" UNIQUE ("seq"), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_entries_entity" ON "audit_entries"  ("entity_id", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_entries_actor" ON "audit_entries"  ("actor_id", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_entries_action" ON "audit_entries"  ("action", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_entries_unsealed" ON "audit_entries"  ("id") WHERE seq IS NULL`);
    await queryRunner.query(`CREATE TABLE "audit_chain_head" ("id" smallint NOT NULL, "last_seq" bigint NOT NULL, "last_hash" character(64) NOT NULL, CONSTRAINT "audit_chain_head_single_row" CHECK (id = 1), CONSTRAINT "PK_9211408bf584034de409b1bbec5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "stakeholder_classes" ("code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_43ae46b47c8e3bf1ed18d808af4" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "email" character varying(320) NOT NULL, "password_hash" text NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'APPLICANT', "roles" character varying array NOT NULL DEFAULT '{MEMBER}', "stakeholder_class" character varying(40) NOT NULL, "share_capital" numeric(14,2) NOT NULL DEFAULT '0', "joined_at" TIMESTAMP WITH TIME ZONE, "suspension_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "members_share_capital_check" CHECK (share_capital >= 0), CONSTRAINT "members_roles_check" CHECK (roles <@ ARRAY['MEMBER', 'ADMIN', 'AUDITOR']::varchar[]), CONSTRAINT "members_status_check" CHECK (status IN ('APPLICANT', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN')), CONSTRAINT "PK_28b53062261b996d9c99fa12404" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "members_created" ON "members"  ("created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "members_email_unique" ON "members"  ("email") `);
    await queryRunner.query(`ALTER TABLE "members" ADD CONSTRAINT "members_stakeholder_class_fk" FOREIGN KEY ("stakeholder_class") REFERENCES "stakeholder_classes"("code") ON DELETE RESTRICT ON UPDATE CASCADE`);
    // Not expressible in entities: the default stakeholder classes, and the audit log's protection.
    await queryRunner.query(`INSERT INTO "stakeholder_classes" ("code", "name") VALUES ('WORKER', 'Workers'), ('CONSUMER', 'Consumers'), ('SUPPORTER', 'Supporters')`);
    await queryRunner.query(`CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'audit entries cannot be deleted';
        END IF;
        IF OLD.seq IS NOT NULL THEN
          RAISE EXCEPTION 'sealed audit entries cannot be changed';
        END IF;
        IF NEW.at IS DISTINCT FROM OLD.at OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.action IS DISTINCT FROM OLD.action
           OR NEW.entity_type IS DISTINCT FROM OLD.entity_type OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
           OR NEW.data IS DISTINCT FROM OLD.data THEN
          RAISE EXCEPTION 'audit entries can only be sealed, not changed';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_entries_append_only ON "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION audit_entries_append_only()`);
    await queryRunner.query(`ALTER TABLE "members" DROP CONSTRAINT "members_stakeholder_class_fk"`);
    await queryRunner.query(`DROP INDEX "public"."members_email_unique"`);
    await queryRunner.query(`DROP INDEX "public"."members_created"`);
    await queryRunner.query(`DROP TABLE "members"`);
    await queryRunner.query(`DROP TABLE "stakeholder_classes"`);
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_unsealed"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_action"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_actor"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_entity"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
  }
}
