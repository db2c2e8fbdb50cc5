import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecretBallotReceipts1796157082309 implements MigrationInterface {
  name = 'SecretBallotReceipts1796157082309';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "secret_ballot_receipts" ("proposal_id" uuid NOT NULL, "receipt_hash" character(64) NOT NULL, CONSTRAINT "PK_0ca9d199fddfde9c2e13bb69855" PRIMARY KEY ("proposal_id", "receipt_hash"))`);
    await queryRunner.query(`ALTER TABLE "secret_ballot_receipts" ADD CONSTRAINT "secret_ballot_receipts_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Not expressible in entities: the receipts already in the box move to their own table, in random order.
    await queryRunner.query(`INSERT INTO "secret_ballot_receipts" ("proposal_id", "receipt_hash") SELECT "proposal_id", "receipt_hash" FROM "secret_ballots" ORDER BY random()`);
    await queryRunner.query(`DROP INDEX "public"."secret_ballots_receipt"`);
    await queryRunner.query(`ALTER TABLE "secret_ballots" DROP COLUMN "receipt_hash"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "secret_ballots" ADD "receipt_hash" character(64)`);
    // Receipts were never linked to ballots: each ballot gets one of its proposal's receipts, in no particular pairing.
    await queryRunner.query(`UPDATE "secret_ballots" AS ballot SET "receipt_hash" = receipt."receipt_hash"
      FROM (SELECT "id", "proposal_id", row_number() OVER (PARTITION BY "proposal_id" ORDER BY "id") AS n FROM "secret_ballots") AS numbered
      JOIN (SELECT "proposal_id", "receipt_hash", row_number() OVER (PARTITION BY "proposal_id" ORDER BY "receipt_hash") AS n FROM "secret_ballot_receipts") AS receipt
        ON receipt."proposal_id" = numbered."proposal_id" AND receipt.n = numbered.n
      WHERE ballot."id" = numbered."id"`);
    await queryRunner.query(`ALTER TABLE "secret_ballots" ALTER COLUMN "receipt_hash" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "secret_ballots_receipt" ON "secret_ballots" USING btree ("proposal_id", "receipt_hash") `);
    await queryRunner.query(`ALTER TABLE "secret_ballot_receipts" DROP CONSTRAINT "secret_ballot_receipts_proposal_fk"`);
    await queryRunner.query(`DROP TABLE "secret_ballot_receipts"`);
  }
}
