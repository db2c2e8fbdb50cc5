import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a member's standing, roles or class is announced (at commit) on commons_member_changed,
 * so every API process forgets its cached copy; a trigger, so no path can change a member without it.
 */
export class MemberChangeSignal1796159232497 implements MigrationInterface {
  name = 'MemberChangeSignal1796159232497';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION members_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('commons_member_changed', NEW.id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER members_announce_change AFTER UPDATE ON members FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.roles IS DISTINCT FROM NEW.roles
            OR OLD.stakeholder_class IS DISTINCT FROM NEW.stakeholder_class)
      EXECUTE FUNCTION members_announce_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER members_announce_change ON members`);
    await queryRunner.query(`DROP FUNCTION members_announce_change()`);
  }
}
