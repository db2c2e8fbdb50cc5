import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Surplus1795516880684 implements MigrationInterface {
  name = 'Surplus1795516880684';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "fiscal_periods" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "starts_on" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_on" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'OPEN', "revenue" numeric(14,2) NOT NULL DEFAULT '0', "expenses" numeric(14,2) NOT NULL DEFAULT '0', "closed_at" TIMESTAMP WITH TIME ZONE, "distributed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "fiscal_periods_totals_check" CHECK (revenue >= 0 AND expenses >= 0), CONSTRAINT "fiscal_periods_dates_check" CHECK (ends_on > starts_on), CONSTRAINT "fiscal_periods_status_check" CHECK (status IN ('OPEN', 'CLOSED', 'DISTRIBUTED')), CONSTRAINT "PK_9bb1e4e84a0d820b943e116888d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "fiscal_periods_listing" ON "fiscal_periods"  ("starts_on", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "fiscal_periods_name_unique" ON "fiscal_periods"  ("name") `);
    await queryRunner.query(`CREATE TABLE "ledger_postings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" BIGSERIAL NOT NULL, "period_id" uuid, "kind" character varying(40) NOT NULL, "memo" text NOT NULL, "amount" numeric(14,2) NOT NULL, "line_count" integer NOT NULL, "reverses_id" uuid, "posted_by" uuid, "posted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ledger_postings_kind_check" CHECK (kind ~ '^[a-z][a-z_]{0,39}$'), CONSTRAINT "ledger_postings_line_count_check" CHECK (line_count >= 2), CONSTRAINT "ledger_postings_amount_check" CHECK (amount > 0), CONSTRAINT "PK_4cdc4ebcb3797412b9d9177df70" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_postings_reverses_unique" ON "ledger_postings"  ("reverses_id") WHERE reverses_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ledger_postings_period" ON "ledger_postings"  ("period_id", "number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_postings_number_unique" ON "ledger_postings"  ("number") `);
    await queryRunner.query(`CREATE TABLE "fiscal_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "amount" numeric(14,2) NOT NULL, "memo" character varying(500) NOT NULL, "occurred_on" TIMESTAMP WITH TIME ZONE, "posting_id" uuid NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "fiscal_entries_amount_check" CHECK (amount > 0), CONSTRAINT "fiscal_entries_kind_check" CHECK (kind IN ('REVENUE', 'EXPENSE')), CONSTRAINT "PK_b5d74bea1e44b8117470f9d2b07" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "fiscal_entries_posting_unique" ON "fiscal_entries"  ("posting_id") `);
    await queryRunner.query(`CREATE INDEX "fiscal_entries_period" ON "fiscal_entries"  ("period_id", "recorded_at", "id") `);
    await queryRunner.query(`CREATE TABLE "patronage_records" ("period_id" uuid NOT NULL, "member_id" uuid NOT NULL, "amount" numeric(14,2) NOT NULL, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "patronage_records_amount_check" CHECK (amount >= 0), CONSTRAINT "PK_72700a213e8b4ab568f82429de8" PRIMARY KEY ("period_id", "member_id"))`);
    await queryRunner.query(`CREATE TABLE "surplus_distributions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period_id" uuid NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'PROPOSED', "reserve_percent" numeric(5,2) NOT NULL, "education_percent" numeric(5,2) NOT NULL, "commons_percent" numeric(5,2) NOT NULL, "patronage_percent" numeric(5,2) NOT NULL, "patronage_cash_percent" numeric(5,2) NOT NULL, "surplus" numeric(14,2) NOT NULL, "reserve_amount" numeric(14,2) NOT NULL, "education_amount" numeric(14,2) NOT NULL, "commons_amount" numeric(14,2) NOT NULL, "patronage_amount" numeric(14,2) NOT NULL, "proposal_id" uuid NOT NULL, "proposed_by" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "posted_at" TIMESTAMP WITH TIME ZONE, "posted_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "surplus_distributions_amounts_check" CHECK (reserve_amount >= 0 AND education_amount >= 0 AND commons_amount >= 0 AND patronage_amount >= 0 AND surplus > 0 AND reserve_amount + education_amount + commons_amount + patronage_amount = surplus), CONSTRAINT "surplus_distributions_policy_check" CHECK (reserve_percent >= 0 AND education_percent >= 0 AND commons_percent >= 0 AND patronage_percent >= 0 AND patronage_cash_percent >= 0 AND patronage_cash_percent <= 100 AND reserve_percent + education_percent + commons_percent + patronage_percent = 100), CONSTRAINT "surplus_distributions_status_check" CHECK (status IN ('PROPOSED', 'APPROVED', 'REJECTED', 'POSTED')), CONSTRAINT "PK_c5074b3eac3caa6c3d130f8b257" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "surplus_distributions_proposal_unique" ON "surplus_distributions"  ("proposal_id") `);
    await queryRunner.query(`CREATE INDEX "surplus_distributions_period" ON "surplus_distributions"  ("period_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "surplus_distributions_one_live" ON "surplus_distributions"  ("period_id") WHERE status IN ('PROPOSED', 'APPROVED', 'POSTED')`);
    await queryRunner.query(`CREATE TABLE "member_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "distribution_id" uuid NOT NULL, "period_id" uuid NOT NULL, "member_id" uuid NOT NULL, "patronage" numeric(14,2) NOT NULL, "refund" numeric(14,2) NOT NULL, "cash" numeric(14,2) NOT NULL, "retained" numeric(14,2) NOT NULL, CONSTRAINT "member_allocations_amounts_check" CHECK (patronage >= 0 AND cash >= 0 AND retained >= 0 AND cash + retained = refund), CONSTRAINT "PK_02c413d2473d537f4d3b47b1f41" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "member_allocations_member" ON "member_allocations"  ("member_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "member_allocations_period_member" ON "member_allocations"  ("period_id", "member_id") `);
    await queryRunner.query(`CREATE TABLE "surplus_settings" ("id" smallint NOT NULL, "min_reserve" numeric(5,2), "min_education" numeric(5,2), "min_commons" numeric(5,2), "min_patronage" numeric(5,2), "min_patronage_cash" numeric(5,2), "updated_by" uuid, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "surplus_settings_minimums_check" CHECK ((min_reserve IS NULL OR min_reserve BETWEEN 0 AND 100) AND (min_education IS NULL OR min_education BETWEEN 0 AND 100) AND (min_commons IS NULL OR min_commons BETWEEN 0 AND 100) AND (min_patronage IS NULL OR min_patronage BETWEEN 0 AND 100) AND (min_patronage_cash IS NULL OR min_patronage_cash BETWEEN 0 AND 100)), CONSTRAINT "surplus_settings_single_row" CHECK (id = 1), CONSTRAINT "PK_8085e3b76d0fd9cbdda8dd3a2dc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "ledger_lines" ("posting_id" uuid NOT NULL, "line_no" integer NOT NULL, "account" character varying(120) NOT NULL, "control_account" character varying(60) NOT NULL, "member_id" uuid, "debit" numeric(14,2) NOT NULL DEFAULT '0', "credit" numeric(14,2) NOT NULL DEFAULT '0', CONSTRAINT "ledger_lines_line_no_check" CHECK (line_no >= 1), CONSTRAINT "ledger_lines_amounts_check" CHECK (debit >= 0 AND credit >= 0 AND (debit > 0) <> (credit > 0)), CONSTRAINT "PK_d1f6d6d7568c79cfbf2e0e02db9" PRIMARY KEY ("posting_id", "line_no"))`);
    await queryRunner.query(`CREATE INDEX "ledger_lines_member" ON "ledger_lines"  ("member_id") WHERE member_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ledger_lines_control_account" ON "ledger_lines"  ("control_account", "posting_id") `);
    await queryRunner.query(`CREATE INDEX "ledger_lines_account" ON "ledger_lines"  ("account", "posting_id") `);
    await queryRunner.query(`ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_period_fk" FOREIGN KEY ("period_id") REFERENCES "fiscal_periods"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_reverses_fk" FOREIGN KEY ("reverses_id") REFERENCES "ledger_postings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_posted_by_fk" FOREIGN KEY ("posted_by") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fiscal_entries" ADD CONSTRAINT "fiscal_entries_period_fk" FOREIGN KEY ("period_id") REFERENCES "fiscal_periods"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fiscal_entries" ADD CONSTRAINT "fiscal_entries_posting_fk" FOREIGN KEY ("posting_id") REFERENCES "ledger_postings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fiscal_entries" ADD CONSTRAINT "fiscal_entries_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "patronage_records" ADD CONSTRAINT "patronage_records_period_fk" FOREIGN KEY ("period_id") REFERENCES "fiscal_periods"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "patronage_records" ADD CONSTRAINT "patronage_records_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "surplus_distributions" ADD CONSTRAINT "surplus_distributions_period_fk" FOREIGN KEY ("period_id") REFERENCES "fiscal_periods"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "surplus_distributions" ADD CONSTRAINT "surplus_distributions_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "surplus_distributions" ADD CONSTRAINT "surplus_distributions_proposed_by_fk" FOREIGN KEY ("proposed_by") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "surplus_distributions" ADD CONSTRAINT "surplus_distributions_posted_by_fk" FOREIGN KEY ("posted_by") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "member_allocations" ADD CONSTRAINT "member_allocations_distribution_fk" FOREIGN KEY ("distribution_id") REFERENCES "surplus_distributions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "member_allocations" ADD CONSTRAINT "member_allocations_period_fk" FOREIGN KEY ("period_id") REFERENCES "fiscal_periods"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "member_allocations" ADD CONSTRAINT "member_allocations_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "surplus_settings" ADD CONSTRAINT "surplus_settings_updated_by_fk" FOREIGN KEY ("updated_by") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_posting_fk" FOREIGN KEY ("posting_id") REFERENCES "ledger_postings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Not expressible in entities: the ledger is append-only, and every posting balances.
    await queryRunner.query(`CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % is refused; post a reversing entry instead', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON "ledger_postings" FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
    await queryRunner.query(`CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON "ledger_postings" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    await queryRunner.query(`CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON "ledger_lines" FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
    await queryRunner.query(`CREATE TRIGGER ledger_lines_no_truncate BEFORE TRUNCATE ON "ledger_lines" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    // At commit, each new posting has exactly its line_count lines, and its debits and credits both equal its amount.
    await queryRunner.query(`CREATE FUNCTION ledger_posting_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        lines integer;
        debits numeric;
        credits numeric;
      BEGIN
        SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0) INTO lines, debits, credits
          FROM ledger_lines WHERE posting_id = NEW.id;
        IF lines <> NEW.line_count OR debits <> NEW.amount OR credits <> NEW.amount THEN
          RAISE EXCEPTION 'ledger posting % does not balance: % line(s), debits %, credits %; it declares % line(s) of %',
            NEW.number, lines, debits, credits, NEW.line_count, NEW.amount USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON "ledger_postings" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_balanced()`);
    // Lines can never be added beyond what a posting declares, so a committed (complete) posting takes no more.
    await queryRunner.query(`CREATE FUNCTION ledger_lines_within_posting() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (
          SELECT 1 FROM (SELECT DISTINCT posting_id FROM new_lines) touched
            JOIN ledger_postings p ON p.id = touched.posting_id
            CROSS JOIN LATERAL (SELECT count(*) AS lines, sum(debit) AS debits, sum(credit) AS credits
                                  FROM ledger_lines l WHERE l.posting_id = p.id) totals
           WHERE totals.lines > p.line_count OR totals.debits > p.amount OR totals.credits > p.amount) THEN
          RAISE EXCEPTION 'lines beyond what their posting declares are refused' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER ledger_lines_within_posting AFTER INSERT ON "ledger_lines" REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_within_posting()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER ledger_lines_within_posting ON "ledger_lines"`);
    await queryRunner.query(`DROP FUNCTION ledger_lines_within_posting()`);
    await queryRunner.query(`DROP TRIGGER ledger_postings_balanced ON "ledger_postings"`);
    await queryRunner.query(`DROP FUNCTION ledger_posting_balanced()`);
    await queryRunner.query(`DROP TRIGGER ledger_lines_no_truncate ON "ledger_lines"`);
    await queryRunner.query(`DROP TRIGGER ledger_lines_append_only ON "ledger_lines"`);
    await queryRunner.query(`DROP TRIGGER ledger_postings_no_truncate ON "ledger_postings"`);
    await queryRunner.query(`DROP TRIGGER ledger_postings_append_only ON "ledger_postings"`);
    await queryRunner.query(`DROP FUNCTION ledger_append_only()`);
    await queryRunner.query(`ALTER TABLE "ledger_lines" DROP CONSTRAINT "ledger_lines_member_fk"`);
    await queryRunner.query(`ALTER TABLE "ledger_lines" DROP CONSTRAINT "ledger_lines_posting_fk"`);
    await queryRunner.query(`ALTER TABLE "surplus_settings" DROP CONSTRAINT "surplus_settings_updated_by_fk"`);
    await queryRunner.query(`ALTER TABLE "member_allocations" DROP CONSTRAINT "member_allocations_member_fk"`);
    await queryRunner.query(`ALTER TABLE "member_allocations" DROP CONSTRAINT "member_allocations_period_fk"`);
    await queryRunner.query(`ALTER TABLE "member_allocations" DROP CONSTRAINT "member_allocations_distribution_fk"`);
    await queryRunner.query(`ALTER TABLE "surplus_distributions" DROP CONSTRAINT "surplus_distributions_posted_by_fk"`);
    await queryRunner.query(`ALTER TABLE "surplus_distributions" DROP CONSTRAINT "surplus_distributions_proposed_by_fk"`);
    await queryRunner.query(`ALTER TABLE "surplus_distributions" DROP CONSTRAINT "surplus_distributions_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "surplus_distributions" DROP CONSTRAINT "surplus_distributions_period_fk"`);
    await queryRunner.query(`ALTER TABLE "patronage_records" DROP CONSTRAINT "patronage_records_member_fk"`);
    await queryRunner.query(`ALTER TABLE "patronage_records" DROP CONSTRAINT "patronage_records_period_fk"`);
    await queryRunner.query(`ALTER TABLE "fiscal_entries" DROP CONSTRAINT "fiscal_entries_recorded_by_fk"`);
    await queryRunner.query(`ALTER TABLE "fiscal_entries" DROP CONSTRAINT "fiscal_entries_posting_fk"`);
    await queryRunner.query(`ALTER TABLE "fiscal_entries" DROP CONSTRAINT "fiscal_entries_period_fk"`);
    await queryRunner.query(`ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_posted_by_fk"`);
    await queryRunner.query(`ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_reverses_fk"`);
    await queryRunner.query(`ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_period_fk"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_lines_account"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_lines_control_account"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_lines_member"`);
    await queryRunner.query(`DROP TABLE "ledger_lines"`);
    await queryRunner.query(`DROP TABLE "surplus_settings"`);
    await queryRunner.query(`DROP INDEX "public"."member_allocations_period_member"`);
    await queryRunner.query(`DROP INDEX "public"."member_allocations_member"`);
    await queryRunner.query(`DROP TABLE "member_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."surplus_distributions_one_live"`);
    await queryRunner.query(`DROP INDEX "public"."surplus_distributions_period"`);
    await queryRunner.query(`DROP INDEX "public"."surplus_distributions_proposal_unique"`);
    await queryRunner.query(`DROP TABLE "surplus_distributions"`);
    await queryRunner.query(`DROP TABLE "patronage_records"`);
    await queryRunner.query(`DROP INDEX "public"."fiscal_entries_period"`);
    await queryRunner.query(`DROP INDEX "public"."fiscal_entries_posting_unique"`);
    await queryRunner.query(`DROP TABLE "fiscal_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_postings_number_unique"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_postings_period"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_postings_reverses_unique"`);
    await queryRunner.query(`DROP TABLE "ledger_postings"`);
    await queryRunner.query(`DROP INDEX "public"."fiscal_periods_name_unique"`);
    await queryRunner.query(`DROP INDEX "public"."fiscal_periods_listing"`);
    await queryRunner.query(`DROP TABLE "fiscal_periods"`);
  }
}
