import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'PROPOSAL_OPENED', 'CLOSING_SOON', 'PROPOSAL_CLOSED', 'ASSEMBLY_CONVENED', 'BUDGET_PHASE_CHANGED', 'MEMBERSHIP_CHANGED'`;
const AFTER = `${BEFORE}, 'PROPOSAL_PUBLISHED', 'COMMENT_REPLY', 'AMENDMENT_PROPOSED', 'AMENDMENT_DECIDED'`;

/** The deliberation's notifications: a proposal up for discussion, a reply, an amendment proposed, its outcome. */
export class DeliberationNotifications1796170000000 implements MigrationInterface {
  name = 'DeliberationNotifications1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (kind IN (${AFTER}))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notifications" WHERE NOT (kind IN (${BEFORE}))`);
    await queryRunner.query(
      `UPDATE "notification_preferences" SET muted = ARRAY(SELECT k FROM unnest(muted) AS k WHERE k IN (${BEFORE}))`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (kind IN (${BEFORE}))`);
  }
}
