import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Voting1795515868364 implements MigrationInterface {
  name = 'Voting1795515868364';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "delegations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "from_member_id" uuid NOT NULL, "to_member_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "delegations_not_self" CHECK (from_member_id <> to_member_id), CONSTRAINT "PK_01f9fbbc9b3bf52236a4e951b19" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "delegations_to" ON "delegations"  ("to_member_id") WHERE revoked_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "delegations_one_active" ON "delegations"  ("from_member_id") WHERE revoked_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "proposal_options" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "position" integer NOT NULL, "label" character varying(300) NOT NULL, CONSTRAINT "PK_4eb906d6255adf7c14b53f5b243" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "proposal_options_position" ON "proposal_options"  ("proposal_id", "position") `);
    await queryRunner.query(`CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(300) NOT NULL, "body" text NOT NULL, "author_id" uuid NOT NULL, "method" character varying(20) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'DRAFT', "secret" boolean NOT NULL DEFAULT false, "quorum" numeric(5,4) NOT NULL DEFAULT '0', "threshold" numeric(5,4) NOT NULL, "seats" integer NOT NULL DEFAULT '1', "colleges" jsonb, "opens_at" TIMESTAMP WITH TIME ZONE, "closes_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "eligible_count" integer, "outcome" character varying(12), "winners" jsonb, "final_tally" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "proposals_seats_check" CHECK (seats >= 1), CONSTRAINT "proposals_threshold_check" CHECK (threshold >= 0 AND threshold <= 1), CONSTRAINT "proposals_quorum_check" CHECK (quorum >= 0 AND quorum <= 1), CONSTRAINT "proposals_outcome_check" CHECK (outcome IS NULL OR outcome IN ('PASSED', 'REJECTED', 'NO_QUORUM')), CONSTRAINT "proposals_method_check" CHECK (method IN ('MAJORITY', 'SUPERMAJORITY', 'CONSENT', 'APPROVAL', 'RANKED_CHOICE', 'SCHULZE', 'SCORE')), CONSTRAINT "proposals_status_check" CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED', 'WITHDRAWN')), CONSTRAINT "PK_db524c8db8e126a38a2f16d8cac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "proposals_listing" ON "proposals"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "proposals_due" ON "proposals"  ("closes_at") WHERE status = 'OPEN' AND closes_at IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "proposal_voters" ("proposal_id" uuid NOT NULL, "member_id" uuid NOT NULL, "stakeholder_class" character varying(40) NOT NULL, "has_voted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_80cb528df1ef981a21a821aa2be" PRIMARY KEY ("proposal_id", "member_id"))`);
    await queryRunner.query(`CREATE TABLE "ballots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "member_id" uuid NOT NULL, "option_ids" jsonb NOT NULL, "scores" jsonb, "receipt_hash" character(64) NOT NULL, "cast_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1c29cf82a8045f839f8639634e9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ballots_receipt" ON "ballots"  ("proposal_id", "receipt_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ballots_one_per_member" ON "ballots"  ("proposal_id", "member_id") `);
    await queryRunner.query(`CREATE TABLE "secret_ballots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "stakeholder_class" character varying(40), "option_ids" jsonb NOT NULL, "scores" jsonb, "receipt_hash" character(64) NOT NULL, CONSTRAINT "PK_2099ff5b1624d104dec93ab969e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "secret_ballots_receipt" ON "secret_ballots"  ("proposal_id", "receipt_hash") `);
    await queryRunner.query(`ALTER TABLE "delegations" ADD CONSTRAINT "delegations_from_fk" FOREIGN KEY ("from_member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegations" ADD CONSTRAINT "delegations_to_fk" FOREIGN KEY ("to_member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_options" ADD CONSTRAINT "proposal_options_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_fk" FOREIGN KEY ("author_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" ADD CONSTRAINT "proposal_voters_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" ADD CONSTRAINT "proposal_voters_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ballots" ADD CONSTRAINT "ballots_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ballots" ADD CONSTRAINT "ballots_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "secret_ballots" ADD CONSTRAINT "secret_ballots_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "secret_ballots" DROP CONSTRAINT "secret_ballots_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "ballots" DROP CONSTRAINT "ballots_member_fk"`);
    await queryRunner.query(`ALTER TABLE "ballots" DROP CONSTRAINT "ballots_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" DROP CONSTRAINT "proposal_voters_member_fk"`);
    await queryRunner.query(`ALTER TABLE "proposal_voters" DROP CONSTRAINT "proposal_voters_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_author_fk"`);
    await queryRunner.query(`ALTER TABLE "proposal_options" DROP CONSTRAINT "proposal_options_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "delegations_to_fk"`);
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "delegations_from_fk"`);
    await queryRunner.query(`DROP INDEX "public"."secret_ballots_receipt"`);
    await queryRunner.query(`DROP TABLE "secret_ballots"`);
    await queryRunner.query(`DROP INDEX "public"."ballots_one_per_member"`);
    await queryRunner.query(`DROP INDEX "public"."ballots_receipt"`);
    await queryRunner.query(`DROP TABLE "ballots"`);
    await queryRunner.query(`DROP TABLE "proposal_voters"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_due"`);
    await queryRunner.query(`DROP INDEX "public"."proposals_listing"`);
    await queryRunner.query(`DROP TABLE "proposals"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_options_position"`);
    await queryRunner.query(`DROP TABLE "proposal_options"`);
    await queryRunner.query(`DROP INDEX "public"."delegations_one_active"`);
    await queryRunner.query(`DROP INDEX "public"."delegations_to"`);
    await queryRunner.query(`DROP TABLE "delegations"`);
  }
}
