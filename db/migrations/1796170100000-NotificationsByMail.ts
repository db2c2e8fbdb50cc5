import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The mailer reads an email's notifications by `mail_id`: without an index that was a scan of every inbox. */
export class NotificationsByMail1796170100000 implements MigrationInterface {
  name = 'NotificationsByMail1796170100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "notifications_mail" ON "notifications" ("mail_id") WHERE mail_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "notifications_mail"`);
  }
}
