// Developer and CI tasks on the database and the schema:
//   migrate | revert          apply pending migrations / undo the last one (DATABASE_URL or the embedded database)
//   generate <Name>           write db/migrations/<time>-<Name>.ts from the entities' difference to the migrations
//   check [--write]           fail if the entities and migrations drifted apart, or apps/api/schema.gql is stale
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@commons/core';
import { findOrStartServer, startEmbeddedPostgres, withAdminClient, withDatabase } from '@commons/db';
import { createApp } from './bootstrap.js';
import { createDataSource, migrate, type MigrationOptions, revertLastMigration } from './database/migrate.js';

const MIGRATIONS_DIR = join(process.cwd(), 'db/migrations');
const SCHEMA_FILE = join(process.cwd(), 'apps/api/schema.gql');

/**
 * Runs `work` on DATABASE_URL or the embedded database, with the AUDIT_KEY the server uses. A migration
 * needs no other secret, so a one-shot migrate job (docker-compose.yml) is given DATABASE_URL and AUDIT_KEY only.
 */
async function withConfiguredDatabase(work: (url: string, options: MigrationOptions) => Promise<void>): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl && (process.env.AUDIT_KEY || process.env.NODE_ENV === 'production'))
    return work(databaseUrl, { auditKey: process.env.AUDIT_KEY || undefined });
  const config = loadConfig(); // in development, the key generated into DATA_DIR
  if (config.databaseUrl) return work(config.databaseUrl, { auditKey: config.auditKey });
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
  try {
    await work(embedded.url, { auditKey: config.auditKey });
  } finally {
    await embedded.stop();
  }
}

/** Runs `work` on a new, migrated database that is dropped afterwards. */
async function withScratchDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const server = await findOrStartServer((message) => console.error(message));
  const name = `commons_scratch_${process.pid}_${Date.now()}`;
  try {
    await withAdminClient(server.adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = withDatabase(server.adminUrl, name);
    await migrate(url);
    await work(url);
  } finally {
    await withAdminClient(server.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(
      () => undefined,
    );
    await server.embedded?.stop();
  }
}

interface PendingSql {
  up: string[];
  down: string[];
}

async function pendingSchemaChanges(url: string): Promise<PendingSql> {
  const dataSource = await createDataSource(url).initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((query) => query.query), down: sql.downQueries.map((query) => query.query).reverse() };
  } finally {
    await dataSource.destroy();
  }
}

function quoted(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

function writeMigrationIndex(): void {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d+-[A-Za-z0-9]+\.ts$/.test(file))
    .sort();
  const classes = files.map((file) => {
    const [time, name] = file.replace(/\.ts$/, '').split('-');
    return { file: file.replace(/\.ts$/, '.js'), name: `${name}${time}` };
  });
  const lines = [
    '// Every migration, oldest first. `npm run db:generate -- Name` adds new ones here.',
    ...classes.map((migration) => `import { ${migration.name} } from './${migration.file}';`),
    '',
    `export const MIGRATIONS = [${classes.map((migration) => migration.name).join(', ')}];`,
    '',
  ];
  writeFileSync(join(MIGRATIONS_DIR, 'index.ts'), lines.join('\n'));
}

async function generate(name: string | undefined): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('Give the migration a PascalCase name: generate AddBudgets');
  await withScratchDatabase(async (url) => {
    const pending = await pendingSchemaChanges(url);
    if (pending.up.length === 0) {
      console.log('The entities match the migrations: nothing to generate.');
      return;
    }
    const time = Date.now();
    const body = (queries: string[]) => queries.map((query) => `    await queryRunner.query(${quoted(query)});`).join('\n');
    const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${time} implements MigrationInterface {
  name = '${name}${time}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(pending.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body(pending.down)}
  }
}
`;
    const file = join(MIGRATIONS_DIR, `${time}-${name}.ts`);
    writeFileSync(file, source);
    writeMigrationIndex();
    console.log(`Wrote ${file}; review it, then rebuild.`);
  });
}

async function check(write: boolean): Promise<void> {
  await withScratchDatabase(async (url) => {
    const pending = await pendingSchemaChanges(url);
    if (pending.up.length > 0) {
      console.error('The entities and the migrations differ. Run `npm run db:generate -- Name`. Pending SQL:');
      for (const query of pending.up) console.error(`  ${query}`);
      process.exitCode = 1;
    } else {
      console.log('Migrations match the entities.');
    }
    const schemaFile = join(mkdtempSync(join(tmpdir(), 'commons-schema-')), 'schema.gql');
    const app = await createApp({
      // Throwaway secrets: this server only prints its schema.
      config: loadConfig({ ...process.env, JWT_SECRET: 'j'.repeat(32), AUDIT_KEY: 'a'.repeat(32), BALLOT_KEY: 'b'.repeat(32) }),
      databaseUrl: url,
      schemaFile,
      logger: false,
    });
    await app.init();
    await app.close();
    const generated = readFileSync(schemaFile, 'utf8');
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (generated === committed) {
      console.log('apps/api/schema.gql is current.');
    } else if (write) {
      writeFileSync(SCHEMA_FILE, generated);
      console.log('Updated apps/api/schema.gql.');
    } else {
      console.error('apps/api/schema.gql is stale. Run `npm run schema:print` and commit it.');
      process.exitCode = 1;
    }
  });
}

async function main(): Promise<void> {
  const [command, argument] = process.argv.slice(2);
  switch (command) {
    case 'migrate':
      return withConfiguredDatabase(async (url, options) => {
        const applied = await migrate(url, options);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
      });
    case 'revert':
      return withConfiguredDatabase(async (url, options) => {
        await revertLastMigration(url, options);
        console.log('Reverted the last migration.');
      });
    case 'generate':
      return generate(argument);
    case 'check':
      return check(argument === '--write');
    default:
      throw new Error('Usage: cli migrate | revert | generate <Name> | check [--write]');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
