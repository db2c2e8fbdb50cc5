import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The job queues, each with pg-boss's retry policy for it (webhook retries follow WEBHOOK_RETRY_SCHEDULE instead). */
const QUEUES: Array<[string, Record<string, unknown>]> = [
  ['__pgboss__send-it', {}], // pg-boss's own, for cron schedules
  ['commons-mail', { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 }],
  ['commons-webhook', { retryLimit: 3, retryDelay: 10, expireInSeconds: 60 }],
  ['commons-closing-soon', { retryLimit: 2, retryDelay: 30, expireInSeconds: 300 }],
  ['commons-daily-digest', { retryLimit: 3, retryDelay: 60, expireInSeconds: 600 }],
  ['commons-weekly-digest', { retryLimit: 3, retryDelay: 60, expireInSeconds: 600 }],
];

/**
 * Notifications (inbox, preferences, mails), webhooks and their deliveries, the cursor of the worker that reads
 * the audit log as its outbox, and pg-boss's schema with our queues: made here, by the role that owns the
 * schema, since the API's role may not create tables (db/roles.sql).
 */
export class Notifications1796169340289 implements MigrationInterface {
  name = 'Notifications1796169340289';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "subject" character varying(300) NOT NULL, "body" text NOT NULL, "link" character varying(500), "source" character varying(120) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "mail_id" uuid, "mail_pending" boolean NOT NULL DEFAULT false, CONSTRAINT "notifications_kind_check" CHECK (kind IN ('PROPOSAL_OPENED', 'CLOSING_SOON', 'PROPOSAL_CLOSED', 'ASSEMBLY_CONVENED', 'BUDGET_PHASE_CHANGED', 'MEMBERSHIP_CHANGED')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "notifications_digest" ON "notifications"  ("member_id") WHERE mail_pending`);
    await queryRunner.query(`CREATE INDEX "notifications_inbox" ON "notifications"  ("member_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "notifications_once" ON "notifications"  ("member_id", "kind", "source") `);
    await queryRunner.query(`CREATE TABLE "notification_preferences" ("member_id" uuid NOT NULL, "email" boolean NOT NULL DEFAULT true, "digest" character varying(8) NOT NULL DEFAULT 'NEVER', "muted" character varying(24) array NOT NULL DEFAULT '{}', CONSTRAINT "notification_preferences_digest_check" CHECK (digest IN ('NEVER', 'DAILY', 'WEEKLY')), CONSTRAINT "PK_b46f4431d5c6707b3da7ecfbb6f" PRIMARY KEY ("member_id"))`);
    await queryRunner.query(`CREATE TABLE "mails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "digest" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_218248d7dfe1b739f06e2309349" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "mails_member" ON "mails"  ("member_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" character varying(2000) NOT NULL, "events" character varying(80) array NOT NULL, "secret" character varying(100) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL, "webhook_id" uuid NOT NULL, "event" character varying(80) NOT NULL, "audit_seq" bigint NOT NULL, "body" text NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "response_status" integer, "last_error" character varying(500), "last_attempt_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_deliveries_status_check" CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_deliveries_list" ON "webhook_deliveries"  ("webhook_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "webhook_deliveries_once" ON "webhook_deliveries"  ("webhook_id", "audit_seq") `);
    await queryRunner.query(`CREATE TABLE "notification_cursor" ("name" character varying(40) NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "PK_e8fda2f50b1fd0860a05286f5bf" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "closing_soon_reminders" ("proposal_id" uuid NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reminded" integer NOT NULL, CONSTRAINT "PK_3fb74294bb5e403cc2468b49511" PRIMARY KEY ("proposal_id"))`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mails" ADD CONSTRAINT "mails_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_fk" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Events from now on: the history already in the log is not announced again.
    await queryRunner.query(
      `INSERT INTO notification_cursor (name, last_seq) SELECT 'events', coalesce((SELECT last_seq FROM audit_chain_head WHERE id = 1), 0)`,
    );
    // pg-boss's own plan wraps itself in BEGIN … COMMIT (the migration's transaction is the one to use), and
    // creates its schema, which needs CREATE on the database: db/roles.sql makes the schema for the owner instead.
    const [schema] = await queryRunner.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss'`);
    if (!schema) await queryRunner.query('CREATE SCHEMA pgboss');
    const plan = PgBoss.getConstructionPlans('pgboss')
      .trim()
      .replace(/^BEGIN;/, '')
      .replace(/COMMIT;$/, '')
      .replace(/CREATE SCHEMA IF NOT EXISTS pgboss/, 'SELECT 1');
    await queryRunner.query(plan);
    for (const [name, options] of QUEUES)
      await queryRunner.query('SELECT pgboss.create_queue($1, $2)', [name, JSON.stringify({ policy: 'standard', ...options })]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The schema itself stays (db/roles.sql may have made it for the owner, who could not make it again).
    await queryRunner.query(
      'DROP TABLE pgboss.job, pgboss.archive, pgboss.schedule, pgboss.subscription, pgboss.queue, pgboss.version CASCADE',
    );
    await queryRunner.query('DROP FUNCTION pgboss.create_queue(text, json), pgboss.delete_queue(text)');
    await queryRunner.query('DROP TYPE pgboss.job_state');
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_webhook_fk"`);
    await queryRunner.query(`ALTER TABLE "mails" DROP CONSTRAINT "mails_member_fk"`);
    await queryRunner.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_member_fk"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_member_fk"`);
    await queryRunner.query(`DROP TABLE "closing_soon_reminders"`);
    await queryRunner.query(`DROP TABLE "notification_cursor"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_once"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_list"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
    await queryRunner.query(`DROP INDEX "public"."mails_member"`);
    await queryRunner.query(`DROP TABLE "mails"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_once"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_inbox"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_digest"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
