import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BudgetCommonsPosting1795518574441 implements MigrationInterface {
  name = 'BudgetCommonsPosting1795518574441';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "budgets" ADD "commons_posting_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "budgets" DROP COLUMN "commons_posting_id"`);
  }
}
