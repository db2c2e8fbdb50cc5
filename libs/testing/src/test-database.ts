import { randomBytes } from 'node:crypto';
import { withAdminClient, withDatabase } from '@commons/db';
import { migrate } from '../../../apps/api/src/database/migrate.js';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Whichever spec file comes first migrates the run's template, under a lock the others wait on. */
const TEMPLATE_LOCK = 727_100_009;

function testServer(): { adminUrl: string; template: string } {
  const adminUrl = process.env.COMMONS_TEST_ADMIN_URL;
  const template = process.env.COMMONS_TEST_TEMPLATE;
  if (!adminUrl || !template) throw new Error('No test database server: run the tests through `npm test`.');
  return { adminUrl, template };
}

async function ensureTemplate(adminUrl: string, template: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rows } = await client.query(
        `SELECT 1 FROM pg_database WHERE datname = $1 AND shobj_description(oid, 'pg_database') = 'migrated'`,
        [template],
      );
      if (rows.length > 0) return;
      await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${template}"`);
      await migrate(withDatabase(adminUrl, template));
      await client.query(`COMMENT ON DATABASE "${template}" IS 'migrated'`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
}

/** An empty database (not migrated), for specs that migrate it themselves, e.g. as another role. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const { adminUrl } = testServer();
  const name = `commons_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A fresh, migrated database of the spec file's own, copied from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = testServer();
  await ensureTemplate(adminUrl, template);
  const name = `commons_test_${randomBytes(6).toString('hex')}`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      break;
    } catch (error) {
      // Two workers copying the template at the same moment can collide; try again shortly.
      if (attempt >= 10) throw error;
      await new Promise((wake) => setTimeout(wake, 100 * attempt));
    }
  }
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () => withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
