import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitedMembers1796158345445 implements MigrationInterface {
  name = 'InvitedMembers1796158345445';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "members" ALTER COLUMN "password_hash" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "members" ALTER COLUMN "password_hash" SET NOT NULL`);
  }
}
