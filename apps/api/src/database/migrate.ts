import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@commons/db';
import { MIGRATIONS } from '../../../../db/migrations/index.js';
import { migrationSecrets } from '../../../../db/migrations/secrets.js';
import { ENTITIES } from './entities.js';

/** Held while migrating, so that several API processes starting together migrate once. */
const MIGRATION_LOCK = 727_100_000;

export function createDataSource(url: string, poolSize = 2): DataSource {
  return new DataSource(
    dataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize, applicationName: 'commons-migrate' }),
  );
}

export interface MigrationOptions {
  /** The server's AUDIT_KEY: the migration that keyed the audit chain rehashes an existing one with it. */
  auditKey?: string;
}

/** Applies pending migrations; returns their names. */
export async function migrate(url: string, options: MigrationOptions = {}): Promise<string[]> {
  const dataSource = await createDataSource(url).initialize();
  migrationSecrets.auditKey = options.auditKey;
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    migrationSecrets.auditKey = undefined;
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await dataSource.destroy();
  }
}

/** Undoes the last applied migration. */
export async function revertLastMigration(url: string, options: MigrationOptions = {}): Promise<void> {
  const dataSource = await createDataSource(url).initialize();
  migrationSecrets.auditKey = options.auditKey;
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    migrationSecrets.auditKey = undefined;
    await dataSource.destroy();
  }
}
