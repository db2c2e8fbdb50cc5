import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliberation before decision: proposals gain the DISCUSSION status (between DRAFT and OPEN) and when they were
 * published; comments with reactions, numbered revisions of proposals' bodies, and amendments.
 */
export class Deliberation1796168860822 implements MigrationInterface {
  name = 'Deliberation1796168860822';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "proposals" ADD CONSTRAINT "proposals_status_check" CHECK (status IN ('DRAFT', 'DISCUSSION', 'OPEN', 'CLOSED', 'WITHDRAWN'))`,
    );
    await queryRunner.query(`CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "author_id" uuid NOT NULL, "parent_id" uuid, "body" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP(3) WITH TIME ZONE, "removed_at" TIMESTAMP(3) WITH TIME ZONE, "removed_by" uuid, "removal_reason" character varying(500), CONSTRAINT "comments_body_check" CHECK ((removed_at IS NULL) = (body IS NOT NULL)), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "comments_parent" ON "comments"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "comments_thread" ON "comments"  ("proposal_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "amendments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "rationale" text, "status" character varying(12) NOT NULL DEFAULT 'PROPOSED', "base_revision" integer NOT NULL, "revision" integer, "decline_reason" character varying(2000), "note" character varying(500), "vote_proposal_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "amendments_vote_check" CHECK ((status = 'PUT_TO_VOTE') <= (vote_proposal_id IS NOT NULL)), CONSTRAINT "amendments_status_check" CHECK (status IN ('PROPOSED', 'ACCEPTED', 'DECLINED', 'PUT_TO_VOTE', 'ADOPTED', 'REJECTED', 'WITHDRAWN')), CONSTRAINT "PK_232751b4529e81fd8a6b2847ace" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "amendments_vote_proposal" ON "amendments"  ("vote_proposal_id") `);
    await queryRunner.query(`CREATE INDEX "amendments_proposal" ON "amendments"  ("proposal_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "proposal_revisions" ("proposal_id" uuid NOT NULL, "number" integer NOT NULL, "body" text NOT NULL, "author_id" uuid NOT NULL, "amendment_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "proposal_revisions_number_check" CHECK (number >= 1), CONSTRAINT "PK_b2bb6a66106699ffd02bb0e3b6f" PRIMARY KEY ("proposal_id", "number"))`);
    await queryRunner.query(`CREATE TABLE "comment_reactions" ("comment_id" uuid NOT NULL, "member_id" uuid NOT NULL, "emoji" character varying(16) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "comment_reactions_emoji_check" CHECK (emoji IN ('👍', '👎', '❤️', '🎉', '🤔', '👀')), CONSTRAINT "PK_5638a1ee73bacb41257e0d38f54" PRIMARY KEY ("comment_id", "member_id", "emoji"))`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "comments_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "comments_author_fk" FOREIGN KEY ("author_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "comments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "amendments" ADD CONSTRAINT "amendments_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "amendments" ADD CONSTRAINT "amendments_author_fk" FOREIGN KEY ("author_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "amendments" ADD CONSTRAINT "amendments_vote_proposal_fk" FOREIGN KEY ("vote_proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_revisions" ADD CONSTRAINT "proposal_revisions_proposal_fk" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_revisions" ADD CONSTRAINT "proposal_revisions_author_fk" FOREIGN KEY ("author_id") REFERENCES "members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_revisions" ADD CONSTRAINT "proposal_revisions_amendment_fk" FOREIGN KEY ("amendment_id") REFERENCES "amendments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "comment_reactions" ADD CONSTRAINT "comment_reactions_comment_fk" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "comment_reactions" ADD CONSTRAINT "comment_reactions_member_fk" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comment_reactions" DROP CONSTRAINT "comment_reactions_member_fk"`);
    await queryRunner.query(`ALTER TABLE "comment_reactions" DROP CONSTRAINT "comment_reactions_comment_fk"`);
    await queryRunner.query(`ALTER TABLE "proposal_revisions" DROP CONSTRAINT "proposal_revisions_amendment_fk"`);
    await queryRunner.query(`ALTER TABLE "proposal_revisions" DROP CONSTRAINT "proposal_revisions_author_fk"`);
    await queryRunner.query(`ALTER TABLE "proposal_revisions" DROP CONSTRAINT "proposal_revisions_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "amendments" DROP CONSTRAINT "amendments_vote_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "amendments" DROP CONSTRAINT "amendments_author_fk"`);
    await queryRunner.query(`ALTER TABLE "amendments" DROP CONSTRAINT "amendments_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "comments_parent_fk"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "comments_author_fk"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "comments_proposal_fk"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "published_at"`);
    await queryRunner.query(`DROP TABLE "comment_reactions"`);
    await queryRunner.query(`DROP TABLE "proposal_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."amendments_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."amendments_vote_proposal"`);
    await queryRunner.query(`DROP TABLE "amendments"`);
    await queryRunner.query(`DROP INDEX "public"."comments_thread"`);
    await queryRunner.query(`DROP INDEX "public"."comments_parent"`);
    await queryRunner.query(`DROP TABLE "comments"`);
    // Proposals in discussion go back to being drafts, the only status before OPEN there was.
    await queryRunner.query(`UPDATE "proposals" SET status = 'DRAFT' WHERE status = 'DISCUSSION'`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "proposals_status_check"`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "proposals_status_check" CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED', 'WITHDRAWN'))`);
  }
}
