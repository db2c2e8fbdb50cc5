import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in throttling becomes general rate limiting (registrations too): each bucket keeps its own window. */
export class RateLimits1796156909401 implements MigrationInterface {
  name = 'RateLimits1796156909401';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_throttle" RENAME TO "rate_limits"`);
    await queryRunner.query(`ALTER TABLE "rate_limits" RENAME COLUMN "failures" TO "count"`);
    await queryRunner.query(`ALTER TABLE "rate_limits" ADD "window_seconds" integer NOT NULL DEFAULT 900`);
    await queryRunner.query(`ALTER TABLE "rate_limits" ALTER COLUMN "window_seconds" DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limits" DROP COLUMN "window_seconds"`);
    await queryRunner.query(`ALTER TABLE "rate_limits" RENAME COLUMN "count" TO "failures"`);
    await queryRunner.query(`ALTER TABLE "rate_limits" RENAME TO "login_throttle"`);
  }
}
