import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface DataSourceSettings {
  url: string;
  // TypeORM's own signature for entity and migration lists.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

/** One configuration for the server, the migration tool and the tests. `synchronize` stays off. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    // Failed queries surface as GraphQL errors, and unexpected ones are logged there.
    logging: false,
    poolSize: settings.poolSize ?? 20,
    applicationName: settings.applicationName ?? 'commons',
    // Waiting for a pooled connection is queueing under load, not an outage (a server that is down refuses at
    // once): wait long enough for a burst to drain before answering SERVICE_UNAVAILABLE.
    extra: { idleTimeoutMillis: 30_000, connectionTimeoutMillis: 15_000 },
  };
}
