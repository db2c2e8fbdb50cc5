import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@commons/core';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '@commons/db';
import { createApp, listen } from './bootstrap.js';

async function main(): Promise<void> {
  const logger = new Logger('Commons');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : undefined,
      log: (message) => logger.log(message),
    });
    databaseUrl = embedded.url;
    logger.log(`Using the embedded PostgreSQL in ${config.dataDir} (port ${embedded.port}); set DATABASE_URL to use another server`);
  }

  const app = await createApp({ config, databaseUrl, migrate: true, schemaFile: config.production ? undefined : process.env.SCHEMA_FILE });
  if (!embedded) app.enableShutdownHooks();
  else {
    const stopDatabase = embedded.stop;
    // Nest closes the app on SIGTERM/SIGINT; the embedded database goes down after it.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void app
          .close()
          .then(stopDatabase)
          .finally(() => process.exit(0));
      });
    }
  }
  try {
    await listen(app, config.port, '0.0.0.0');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(`Port ${config.port} is already in use, so the API cannot listen on it: set PORT to a free port.`, { cause: error });
  }
  logger.log(`Commons API listening on http://localhost:${config.port}/graphql`);
}

// A failure to start is one sentence (EmbeddedPostgresError, ConfigError…), never a stack trace.
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
