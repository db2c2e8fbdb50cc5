-- Database roles for running the API under a role that owns nothing, so that the API itself cannot alter
-- a table: not disable the audit log's triggers, not TRUNCATE, not change the schema (README, "Database
-- roles"). Run it once, as a superuser, in the Commons database, with four psql variables:
--
--   psql -v ON_ERROR_STOP=1 -d commons -f db/roles.sql \
--        -v owner=commons_owner -v owner_password=... -v app=commons_app -v app_password=...
--
-- docker-compose.yml runs it from PostgreSQL's first start (db/docker-init-roles.sh).
--
-- The owner runs the migrations (`npm run cli -- migrate`), so it owns every table, trigger and
-- function they create; the API connects as the app role, which may only read and write rows.

CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password';

ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- Rows of every table the owner creates, now or in later migrations; sequences for serial columns.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE ON SEQUENCES TO :"app";

-- pg-boss's schema (the job queue of notifications and webhooks): the owner creates its tables in a migration,
-- the app reads and writes their rows (queues are created by migrations too, since each is a table).
CREATE SCHEMA IF NOT EXISTS pgboss AUTHORIZATION :"owner";
ALTER SCHEMA pgboss OWNER TO :"owner";
REVOKE CREATE ON SCHEMA pgboss FROM PUBLIC;
GRANT USAGE ON SCHEMA pgboss TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA pgboss GRANT USAGE ON SEQUENCES TO :"app";

-- A database migrated before these roles existed: its tables (with their sequences) and functions pass
-- to the owner, and the app gets the same rights on them. On an empty database this does nothing.
SET commons.owner = :'owner';
DO $$
DECLARE
  owner text := current_setting('commons.owner');
  item record;
BEGIN
  FOR item IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'pgboss') LOOP
    EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', item.schemaname, item.tablename, owner);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS function FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname IN ('public', 'pgboss') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO %I', item.function, owner);
  END LOOP;
  FOR item IN
    SELECT t.oid::regtype AS type FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'pgboss' AND t.typtype = 'e'
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO %I', item.type, owner);
  END LOOP;
END $$;
RESET commons.owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO :"app";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA pgboss TO :"app";
