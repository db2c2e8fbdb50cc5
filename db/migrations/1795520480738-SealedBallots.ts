import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SealedBallots1795520480738 implements MigrationInterface {
  name = 'SealedBallots1795520480738';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sealed_ballots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "sealed" text NOT NULL, CONSTRAINT "PK_dc6322022777bcf6d7f582964f3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sealed_ballots_proposal" ON "sealed_ballots"  ("proposal_id") `);
    await queryRunner.query(`ALTER TABLE "sealed_ballots" ADD CONSTRAINT "sealed_ballots_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sealed_ballots" DROP CONSTRAINT "sealed_ballots_proposal_fk"`);
    await queryRunner.query(`DROP INDEX "public"."sealed_ballots_proposal"`);
    await queryRunner.query(`DROP TABLE "sealed_ballots"`);
  }
}
