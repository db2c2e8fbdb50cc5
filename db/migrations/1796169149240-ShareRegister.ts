import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShareRegister1796169149240 implements MigrationInterface {
  name = 'ShareRegister1796169149240';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "share_classes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "nominal_value" numeric(14,2) NOT NULL, "min_per_member" integer NOT NULL DEFAULT '0', "max_per_member" integer, "voting_rights" boolean NOT NULL DEFAULT true, "redeemable" boolean NOT NULL DEFAULT false, "stakeholder_classes" character varying array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "share_classes_limits_check" CHECK (min_per_member >= 0 AND (max_per_member IS NULL OR (max_per_member >= 1 AND max_per_member >= min_per_member))), CONSTRAINT "share_classes_nominal_value_check" CHECK (nominal_value > 0), CONSTRAINT "PK_09005229fee38b8d488d398840e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "share_classes_code_unique" ON "share_classes"  ("code") `);
    await queryRunner.query(`CREATE TABLE "share_operations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" integer, "kind" character varying(12) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'REQUESTED', "member_id" uuid NOT NULL, "counterpart_id" uuid, "share_class_id" uuid NOT NULL, "quantity" integer NOT NULL, "amount" numeric(14,2) NOT NULL, "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "decided_by" uuid, "settled_at" TIMESTAMP(3) WITH TIME ZONE, "settled_by" uuid, "reason" text, "cap_year_start" TIMESTAMP(3) WITH TIME ZONE, "posting_id" uuid, CONSTRAINT "share_operations_queued_check" CHECK (status <> 'QUEUED' OR kind = 'REDEMPTION'), CONSTRAINT "share_operations_counterpart_check" CHECK ((kind = 'TRANSFER') = (counterpart_id IS NOT NULL) AND counterpart_id IS DISTINCT FROM member_id), CONSTRAINT "share_operations_settled_check" CHECK ((status = 'PAID') = (settled_at IS NOT NULL AND posting_id IS NOT NULL)), CONSTRAINT "share_operations_number_check" CHECK ((number IS NULL) = (status <> 'PAID') AND (number IS NULL OR number >= 1)), CONSTRAINT "share_operations_quantity_check" CHECK (quantity >= 1 AND amount > 0), CONSTRAINT "share_operations_status_check" CHECK (status IN ('REQUESTED', 'APPROVED', 'PAID', 'CANCELLED', 'REFUSED', 'QUEUED')), CONSTRAINT "share_operations_kind_check" CHECK (kind IN ('SUBSCRIPTION', 'TRANSFER', 'REDEMPTION')), CONSTRAINT "PK_92d1189052a5fbf6986e1d5dc58" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "share_operations_queue" ON "share_operations"  ("requested_at", "id") WHERE status = 'QUEUED'`);
    await queryRunner.query(`CREATE INDEX "share_operations_listing" ON "share_operations"  ("requested_at", "id") `);
    await queryRunner.query(`CREATE INDEX "share_operations_counterpart" ON "share_operations"  ("counterpart_id") WHERE counterpart_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "share_operations_member" ON "share_operations"  ("member_id", "requested_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "share_operations_number_unique" ON "share_operations"  ("number") `);
    await queryRunner.query(`CREATE TABLE "share_holdings" ("member_id" uuid NOT NULL, "share_class_id" uuid NOT NULL, "quantity" integer NOT NULL DEFAULT '0', CONSTRAINT "share_holdings_quantity_check" CHECK (quantity >= 0), CONSTRAINT "PK_a4822108865e8284d6d57d02b00" PRIMARY KEY ("member_id", "share_class_id"))`);
    await queryRunner.query(`CREATE INDEX "share_holdings_class" ON "share_holdings"  ("share_class_id") `);
    await queryRunner.query(`CREATE TABLE "share_register_counter" ("id" integer NOT NULL, "last_number" integer NOT NULL DEFAULT '0', CONSTRAINT "share_register_counter_last_check" CHECK (last_number >= 0), CONSTRAINT "share_register_counter_single_row" CHECK (id = 1), CONSTRAINT "PK_001ab3755423125ed24d1ed1991" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "bylaws" ADD "shares_to_join" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "bylaws" ADD "redemption_cap_percent" numeric(5,2) NOT NULL DEFAULT '10'`);
    await queryRunner.query(`ALTER TABLE "bylaws" ADD CONSTRAINT "bylaws_redemption_cap_check" CHECK (redemption_cap_percent >= 0 AND redemption_cap_percent <= 100)`);
    await queryRunner.query(`ALTER TABLE "bylaws" ADD CONSTRAINT "bylaws_shares_to_join_check" CHECK (shares_to_join >= 0)`);
    await queryRunner.query(`ALTER TABLE "share_operations" ADD CONSTRAINT "share_operations_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "share_operations" ADD CONSTRAINT "share_operations_counterpart_fk" FOREIGN KEY ("counterpart_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "share_operations" ADD CONSTRAINT "share_operations_share_class_fk" FOREIGN KEY ("share_class_id") REFERENCES "share_classes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "share_operations" ADD CONSTRAINT "share_operations_decided_by_fk" FOREIGN KEY ("decided_by") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "share_operations" ADD CONSTRAINT "share_operations_settled_by_fk" FOREIGN KEY ("settled_by") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "share_operations" ADD CONSTRAINT "share_operations_posting_fk" FOREIGN KEY ("posting_id") REFERENCES "ledger_postings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "share_holdings" ADD CONSTRAINT "share_holdings_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "share_holdings" ADD CONSTRAINT "share_holdings_share_class_fk" FOREIGN KEY ("share_class_id") REFERENCES "share_classes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`INSERT INTO "share_register_counter" ("id", "last_number") VALUES (1, 0)`);
    // Share capital that admins set by hand becomes the register's opening entries: one class, OPENING, whose
    // nominal value divides every amount (1.00, or 0.01 when an amount has cents), one PAID subscription per
    // member numbered in the order they joined, and one ledger posting (Dr bank / Cr share_capital:OPENING:<member>).
    const [{ holders }] = await queryRunner.query(`SELECT count(*)::int AS holders FROM "members" WHERE "share_capital" > 0`);
    if (holders > 0) {
      await queryRunner.query(
        `INSERT INTO "share_classes" ("code", "name", "nominal_value", "min_per_member", "voting_rights", "redeemable")
         SELECT 'OPENING', 'Share capital held before the register', CASE WHEN bool_and("share_capital" = trunc("share_capital")) THEN 1 ELSE 0.01 END, 0, true, true
           FROM "members" WHERE "share_capital" > 0`,
      );
      await queryRunner.query(
        `INSERT INTO "ledger_postings" ("period_id", "kind", "memo", "amount", "line_count", "posted_by")
         SELECT NULL, 'share_opening', 'Share register opening entries: share capital held before the register', sum("share_capital"), count(*) + 1, NULL
           FROM "members" WHERE "share_capital" > 0`,
      );
      await queryRunner.query(
        `INSERT INTO "ledger_lines" ("posting_id", "line_no", "account", "control_account", "member_id", "debit", "credit")
         SELECT p."id", 1, 'bank', 'bank', NULL, p."amount", 0 FROM "ledger_postings" p WHERE p."kind" = 'share_opening'
         UNION ALL
         SELECT p."id", 1 + row_number() OVER (ORDER BY m."created_at", m."id"), 'share_capital:OPENING:' || m."id", 'share_capital', m."id", 0, m."share_capital"
           FROM "members" m CROSS JOIN "ledger_postings" p WHERE p."kind" = 'share_opening' AND m."share_capital" > 0`,
      );
      await queryRunner.query(`SET CONSTRAINTS "ledger_postings_balanced" IMMEDIATE`);
      await queryRunner.query(
        `INSERT INTO "share_operations" ("number", "kind", "status", "member_id", "share_class_id", "quantity", "amount", "requested_at", "decided_at", "settled_at", "reason", "posting_id")
         SELECT row_number() OVER (ORDER BY m."created_at", m."id"), 'SUBSCRIPTION', 'PAID', m."id", c."id", (m."share_capital" / c."nominal_value")::int, m."share_capital",
                now(), now(), now(), 'Opening entry: share capital held before the register', p."id"
           FROM "members" m CROSS JOIN "share_classes" c CROSS JOIN "ledger_postings" p
          WHERE m."share_capital" > 0 AND c."code" = 'OPENING' AND p."kind" = 'share_opening'`,
      );
      await queryRunner.query(
        `INSERT INTO "share_holdings" ("member_id", "share_class_id", "quantity") SELECT "member_id", "share_class_id", "quantity" FROM "share_operations"`,
      );
      await queryRunner.query(`UPDATE "share_register_counter" SET "last_number" = $1 WHERE "id" = 1`, [holders]);
    }
    await queryRunner.query(`ALTER TABLE "members" DROP CONSTRAINT "members_share_capital_check"`);
    await queryRunner.query(`ALTER TABLE "members" DROP COLUMN "share_capital"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "share_holdings" DROP CONSTRAINT "share_holdings_share_class_fk"`);
    await queryRunner.query(`ALTER TABLE "share_holdings" DROP CONSTRAINT "share_holdings_member_fk"`);
    await queryRunner.query(`ALTER TABLE "share_operations" DROP CONSTRAINT "share_operations_posting_fk"`);
    await queryRunner.query(`ALTER TABLE "share_operations" DROP CONSTRAINT "share_operations_settled_by_fk"`);
    await queryRunner.query(`ALTER TABLE "share_operations" DROP CONSTRAINT "share_operations_decided_by_fk"`);
    await queryRunner.query(`ALTER TABLE "share_operations" DROP CONSTRAINT "share_operations_share_class_fk"`);
    await queryRunner.query(`ALTER TABLE "share_operations" DROP CONSTRAINT "share_operations_counterpart_fk"`);
    await queryRunner.query(`ALTER TABLE "share_operations" DROP CONSTRAINT "share_operations_member_fk"`);
    await queryRunner.query(`ALTER TABLE "bylaws" DROP CONSTRAINT "bylaws_shares_to_join_check"`);
    await queryRunner.query(`ALTER TABLE "bylaws" DROP CONSTRAINT "bylaws_redemption_cap_check"`);
    await queryRunner.query(`ALTER TABLE "bylaws" DROP COLUMN "redemption_cap_percent"`);
    await queryRunner.query(`ALTER TABLE "bylaws" DROP COLUMN "shares_to_join"`);
    await queryRunner.query(`ALTER TABLE "members" ADD "share_capital" numeric(14,2) NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `UPDATE "members" m SET "share_capital" = t."capital"
         FROM (SELECT h."member_id", sum(h."quantity" * c."nominal_value") AS "capital" FROM "share_holdings" h JOIN "share_classes" c ON c."id" = h."share_class_id" GROUP BY h."member_id") t
        WHERE t."member_id" = m."id"`,
    );
    await queryRunner.query(`DROP TABLE "share_register_counter"`);
    await queryRunner.query(`DROP INDEX "public"."share_holdings_class"`);
    await queryRunner.query(`DROP TABLE "share_holdings"`);
    await queryRunner.query(`DROP INDEX "public"."share_operations_number_unique"`);
    await queryRunner.query(`DROP INDEX "public"."share_operations_member"`);
    await queryRunner.query(`DROP INDEX "public"."share_operations_counterpart"`);
    await queryRunner.query(`DROP INDEX "public"."share_operations_listing"`);
    await queryRunner.query(`DROP INDEX "public"."share_operations_queue"`);
    await queryRunner.query(`DROP TABLE "share_operations"`);
    await queryRunner.query(`DROP INDEX "public"."share_classes_code_unique"`);
    await queryRunner.query(`DROP TABLE "share_classes"`);
    await queryRunner.query(`ALTER TABLE "members" ADD CONSTRAINT "members_share_capital_check" CHECK ((share_capital >= (0)::numeric))`);
  }
}
