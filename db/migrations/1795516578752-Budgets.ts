import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Budgets1795516578752 implements MigrationInterface {
  name = 'Budgets1795516578752';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "budget_projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "budget_id" uuid NOT NULL, "number" integer NOT NULL, "external_id" character varying(100), "title" character varying(500) NOT NULL, "description" text, "cost" numeric(18,2) NOT NULL, "proposer_id" uuid, "status" character varying(12) NOT NULL DEFAULT 'SUBMITTED', "review_reason" text, "support" numeric(18,0), "columns" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "budget_projects_cost_check" CHECK (cost >= 0), CONSTRAINT "budget_projects_status_check" CHECK (status IN ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'FUNDED', 'NOT_FUNDED')), CONSTRAINT "PK_ff1eccd3a14bd1c2efbd4823fb9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "budget_projects_external_id" ON "budget_projects"  ("budget_id", "external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "budget_projects_number" ON "budget_projects"  ("budget_id", "number") `);
    await queryRunner.query(`CREATE TABLE "budgets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(300) NOT NULL, "description" text, "amount" numeric(18,2) NOT NULL, "currency" character varying(3) NOT NULL, "phase" character varying(12) NOT NULL DEFAULT 'DRAFT', "ballot_rule" character varying(12) NOT NULL, "allocation_method" character varying(14) NOT NULL, "min_projects" integer, "max_projects" integer, "points" integer, "created_by" uuid NOT NULL, "pabulib" jsonb, "result" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "budgets_points_check" CHECK (points IS NULL OR points > 0), CONSTRAINT "budgets_projects_range_check" CHECK (min_projects IS NULL OR max_projects IS NULL OR min_projects <= max_projects), CONSTRAINT "budgets_amount_check" CHECK (amount >= 0), CONSTRAINT "budgets_method_check" CHECK (allocation_method IN ('GREEDY', 'EQUAL_SHARES')), CONSTRAINT "budgets_rule_check" CHECK (ballot_rule IN ('APPROVAL', 'KNAPSACK', 'CUMULATIVE')), CONSTRAINT "budgets_phase_check" CHECK (phase IN ('DRAFT', 'SUBMISSION', 'REVIEW', 'VOTING', 'CLOSED')), CONSTRAINT "PK_9c8a51748f82387644b773da482" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "budgets_listing" ON "budgets"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "budget_ballots" ("id" BIGSERIAL NOT NULL, "budget_id" uuid NOT NULL, "member_id" uuid, "external_voter_id" character varying(100), "project_numbers" integer array NOT NULL, "points" integer array, "columns" jsonb, "cast_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "budget_ballots_voter_check" CHECK ((member_id IS NULL) <> (external_voter_id IS NULL)), CONSTRAINT "PK_b8d5dc9f25b0d3762df95c3fe03" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "budget_ballots_member" ON "budget_ballots"  ("budget_id", "member_id") WHERE member_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_budget_fk" FOREIGN KEY ("budget_id") REFERENCES "budgets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_proposer_fk" FOREIGN KEY ("proposer_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "budget_ballots" ADD CONSTRAINT "budget_ballots_budget_fk" FOREIGN KEY ("budget_id") REFERENCES "budgets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "budget_ballots" ADD CONSTRAINT "budget_ballots_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "budget_ballots" DROP CONSTRAINT "budget_ballots_member_fk"`);
    await queryRunner.query(`ALTER TABLE "budget_ballots" DROP CONSTRAINT "budget_ballots_budget_fk"`);
    await queryRunner.query(`ALTER TABLE "budget_projects" DROP CONSTRAINT "budget_projects_proposer_fk"`);
    await queryRunner.query(`ALTER TABLE "budget_projects" DROP CONSTRAINT "budget_projects_budget_fk"`);
    await queryRunner.query(`DROP INDEX "public"."budget_ballots_member"`);
    await queryRunner.query(`DROP TABLE "budget_ballots"`);
    await queryRunner.query(`DROP INDEX "public"."budgets_listing"`);
    await queryRunner.query(`DROP TABLE "budgets"`);
    await queryRunner.query(`DROP INDEX "public"."budget_projects_number"`);
    await queryRunner.query(`DROP INDEX "public"."budget_projects_external_id"`);
    await queryRunner.query(`DROP TABLE "budget_projects"`);
  }
}
