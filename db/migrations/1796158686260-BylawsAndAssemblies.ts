import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BylawsAndAssemblies1796158686260 implements MigrationInterface {
  name = 'BylawsAndAssemblies1796158686260';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "assemblies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(300) NOT NULL, "kind" character varying(20) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'CONVENED', "convened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "convened_by" uuid NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "location" character varying(300), "bylaws_version" integer NOT NULL, "quorum" numeric(5,4) NOT NULL, "max_proxies_per_member" integer NOT NULL, "opened_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "roll_count" integer, "cancel_reason" text, "minutes_text" text, "minutes_hash" character(64), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "assemblies_max_proxies_check" CHECK (max_proxies_per_member >= 0), CONSTRAINT "assemblies_quorum_check" CHECK (quorum >= 0 AND quorum <= 1), CONSTRAINT "assemblies_status_check" CHECK (status IN ('CONVENED', 'IN_SESSION', 'CLOSED', 'CANCELLED')), CONSTRAINT "assemblies_kind_check" CHECK (kind IN ('ANNUAL', 'EXTRAORDINARY')), CONSTRAINT "PK_25f742ba403068985d28f3fe0c7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "assemblies_listing" ON "assemblies"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "agenda_items" ("assembly_id" uuid NOT NULL, "position" integer NOT NULL, "title" character varying(300) NOT NULL, "proposal_id" uuid, CONSTRAINT "UQ_c978123415807be2f79007fb009" UNIQUE ("proposal_id"), CONSTRAINT "REL_c978123415807be2f79007fb00" UNIQUE ("proposal_id"), CONSTRAINT "agenda_items_position_check" CHECK (position >= 1), CONSTRAINT "PK_8dfc7b8bd6e8d6f45a986b670c3" PRIMARY KEY ("assembly_id", "position"))`);
    await queryRunner.query(`CREATE TABLE "assembly_attendance" ("assembly_id" uuid NOT NULL, "member_id" uuid NOT NULL, "checked_in_at" TIMESTAMP(3) WITH TIME ZONE, "mode" character varying(10), CONSTRAINT "assembly_attendance_checked_in_check" CHECK ((checked_in_at IS NULL) = (mode IS NULL)), CONSTRAINT "assembly_attendance_mode_check" CHECK (mode IS NULL OR mode IN ('IN_PERSON', 'REMOTE')), CONSTRAINT "PK_349a4706bcc5a3123c2a91b35c4" PRIMARY KEY ("assembly_id", "member_id"))`);
    await queryRunner.query(`CREATE TABLE "assembly_proxies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assembly_id" uuid NOT NULL, "grantor_id" uuid NOT NULL, "holder_id" uuid NOT NULL, "slot" smallint NOT NULL, "cap" smallint NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP(3) WITH TIME ZONE, "end_reason" character varying(10), CONSTRAINT "assembly_proxies_end_check" CHECK ((ended_at IS NULL) = (end_reason IS NULL) AND (end_reason IS NULL OR end_reason IN ('REPLACED', 'REVOKED', 'LAPSED'))), CONSTRAINT "assembly_proxies_slot_check" CHECK (slot >= 1 AND slot <= cap), CONSTRAINT "assembly_proxies_not_self" CHECK (grantor_id <> holder_id), CONSTRAINT "PK_7042aedd662c1b9c68519000e40" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "assembly_proxies_slot" ON "assembly_proxies"  ("assembly_id", "holder_id", "slot") WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "assembly_proxies_one_per_grantor" ON "assembly_proxies"  ("assembly_id", "grantor_id") WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "bylaws" ("version" integer NOT NULL, "adopted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "adopted_by" uuid, "notice_days" integer NOT NULL, "assembly_quorum" numeric(5,4) NOT NULL, "max_proxies_per_member" integer NOT NULL, "default_quorum" numeric(5,4) NOT NULL, "amendment_threshold" numeric(5,4) NOT NULL, "min_voting_hours" integer NOT NULL, "reserve_minimum" numeric(5,2) NOT NULL, CONSTRAINT "UQ_c771b1fb1ababbfc9e948f882a1" UNIQUE ("adopted_by"), CONSTRAINT "REL_c771b1fb1ababbfc9e948f882a" UNIQUE ("adopted_by"), CONSTRAINT "bylaws_reserve_minimum_check" CHECK (reserve_minimum >= 0 AND reserve_minimum <= 100), CONSTRAINT "bylaws_min_voting_hours_check" CHECK (min_voting_hours >= 0), CONSTRAINT "bylaws_amendment_threshold_check" CHECK (amendment_threshold > 0.5 AND amendment_threshold <= 1), CONSTRAINT "bylaws_default_quorum_check" CHECK (default_quorum >= 0 AND default_quorum <= 1), CONSTRAINT "bylaws_max_proxies_check" CHECK (max_proxies_per_member >= 0), CONSTRAINT "bylaws_assembly_quorum_check" CHECK (assembly_quorum >= 0 AND assembly_quorum <= 1), CONSTRAINT "bylaws_notice_days_check" CHECK (notice_days >= 0), CONSTRAINT "bylaws_adopted_by_check" CHECK ((version = 1) = (adopted_by IS NULL)), CONSTRAINT "bylaws_version_check" CHECK (version >= 1), CONSTRAINT "PK_f8fba01174b482527423e2276ad" PRIMARY KEY ("version"))`);
    await queryRunner.query(`CREATE TABLE "bylaws_amendments" ("proposal_id" uuid NOT NULL, "changes" jsonb NOT NULL, "base_version" integer NOT NULL, CONSTRAINT "PK_9ebca7ae064124fe4bc6f909f30" PRIMARY KEY ("proposal_id"))`);
    // Version 1, the founding bylaws, with API.md's defaults; the admin-set reserve minimum moves into it.
    await queryRunner.query(
      `INSERT INTO "bylaws" ("version", "notice_days", "assembly_quorum", "max_proxies_per_member", "default_quorum", "amendment_threshold", "min_voting_hours", "reserve_minimum")
       VALUES (1, 14, 0.25, 1, 0, 0.6667, 72, coalesce((SELECT "min_reserve" FROM "surplus_settings" WHERE "id" = 1), 0))`,
    );
    await queryRunner.query(`ALTER TABLE "surplus_settings" DROP CONSTRAINT "surplus_settings_minimums_check"`);
    await queryRunner.query(`ALTER TABLE "surplus_settings" DROP COLUMN "min_reserve"`);
    await queryRunner.query(
      `ALTER TABLE "surplus_settings" ADD CONSTRAINT "surplus_settings_minimums_check" CHECK ((min_education IS NULL OR min_education BETWEEN 0 AND 100) AND (min_commons IS NULL OR min_commons BETWEEN 0 AND 100) AND (min_patronage IS NULL OR min_patronage BETWEEN 0 AND 100) AND (min_patronage_cash IS NULL OR min_patronage_cash BETWEEN 0 AND 100))`,
    );
    await queryRunner.query(`ALTER TABLE "proposals" ADD "at_sitting" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" ADD "may_vote" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" ADD "weight" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "secret_ballots" ADD "weight" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" ADD CONSTRAINT "proposal_voters_weight_check" CHECK (weight >= 1)`);
    await queryRunner.query(`ALTER TABLE "secret_ballots" ADD CONSTRAINT "secret_ballots_weight_check" CHECK (weight >= 1)`);
    await queryRunner.query(`ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_convened_by_fk" FOREIGN KEY ("convened_by") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_assembly_fk" FOREIGN KEY ("assembly_id") REFERENCES "assemblies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_grantor_fk" FOREIGN KEY ("grantor_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_holder_fk" FOREIGN KEY ("holder_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "bylaws" ADD CONSTRAINT "bylaws_adopted_by_fk" FOREIGN KEY ("adopted_by") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "bylaws_amendments" ADD CONSTRAINT "bylaws_amendments_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bylaws_amendments" DROP CONSTRAINT "bylaws_amendments_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "bylaws" DROP CONSTRAINT "bylaws_adopted_by_fk"`);
    await queryRunner.query(`ALTER TABLE "assembly_proxies" DROP CONSTRAINT "assembly_proxies_holder_fk"`);
    await queryRunner.query(`ALTER TABLE "assembly_proxies" DROP CONSTRAINT "assembly_proxies_grantor_fk"`);
    await queryRunner.query(`ALTER TABLE "assembly_proxies" DROP CONSTRAINT "assembly_proxies_assembly_fk"`);
    await queryRunner.query(`ALTER TABLE "assembly_attendance" DROP CONSTRAINT "assembly_attendance_member_fk"`);
    await queryRunner.query(`ALTER TABLE "assembly_attendance" DROP CONSTRAINT "assembly_attendance_assembly_fk"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "agenda_items_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "agenda_items_assembly_fk"`);
    await queryRunner.query(`ALTER TABLE "assemblies" DROP CONSTRAINT "assemblies_convened_by_fk"`);
    await queryRunner.query(`ALTER TABLE "secret_ballots" DROP CONSTRAINT "secret_ballots_weight_check"`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" DROP CONSTRAINT "proposal_voters_weight_check"`);
    await queryRunner.query(`ALTER TABLE "secret_ballots" DROP COLUMN "weight"`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" DROP COLUMN "weight"`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" DROP COLUMN "may_vote"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "at_sitting"`);
    await queryRunner.query(`ALTER TABLE "surplus_settings" DROP CONSTRAINT "surplus_settings_minimums_check"`);
    await queryRunner.query(`ALTER TABLE "surplus_settings" ADD "min_reserve" numeric(5,2)`);
    await queryRunner.query(
      `ALTER TABLE "surplus_settings" ADD CONSTRAINT "surplus_settings_minimums_check" CHECK ((min_reserve IS NULL OR min_reserve BETWEEN 0 AND 100) AND (min_education IS NULL OR min_education BETWEEN 0 AND 100) AND (min_commons IS NULL OR min_commons BETWEEN 0 AND 100) AND (min_patronage IS NULL OR min_patronage BETWEEN 0 AND 100) AND (min_patronage_cash IS NULL OR min_patronage_cash BETWEEN 0 AND 100))`,
    );
    await queryRunner.query(
      `UPDATE "surplus_settings" SET "min_reserve" = NULLIF((SELECT "reserve_minimum" FROM "bylaws" ORDER BY "version" DESC LIMIT 1), 0)`,
    );
    await queryRunner.query(`DROP TABLE "bylaws_amendments"`);
    await queryRunner.query(`DROP TABLE "bylaws"`);
    await queryRunner.query(`DROP INDEX "public"."assembly_proxies_one_per_grantor"`);
    await queryRunner.query(`DROP INDEX "public"."assembly_proxies_slot"`);
    await queryRunner.query(`DROP TABLE "assembly_proxies"`);
    await queryRunner.query(`DROP TABLE "assembly_attendance"`);
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`DROP INDEX "public"."assemblies_listing"`);
    await queryRunner.query(`DROP TABLE "assemblies"`);
  }
}
