import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { AppModule } from './app.module.js';
import { migrate } from './database/migrate.js';
import { graphqlIde } from './graphql/ide/graphql-ide.js';
import { inputValidationPipe } from './graphql/validation.pipe.js';
import { DomainErrorHttpFilter } from './http/domain-error.filter.js';
import { webApp } from './http/web-app.js';

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  schemaFile?: string;
  /** Apply pending migrations first (the server does; tests use an already migrated database). */
  migrate?: boolean;
  logger?: ConsoleLogger | false;
}

/** Builds the Nest application: migrations, body limit, validation. Call `listen` or `init` on it. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const { config } = options;
  const logger =
    options.logger ??
    new ConsoleLogger('Commons', {
      json: config.production,
      logLevels: (['error', 'warn', 'log', 'debug', 'verbose'] as const).slice(
        0,
        ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(config.logLevel) + 1,
      ),
    });
  if (options.migrate) {
    const applied = await migrate(options.databaseUrl, { auditKey: config.auditKey });
    if (applied.length > 0 && logger) logger.log(`Applied migrations: ${applied.join(', ')}`);
  }
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, databaseUrl: options.databaseUrl, schemaFile: options.schemaFile }),
    { bodyParser: false, logger: logger === false ? false : logger },
  );
  // Whose X-Forwarded-For names the client (for the per-address limits); by default nobody's.
  app.set('trust proxy', config.trustProxy);
  // Before the GraphQL server (mounted at init), so that a browser's GET /graphql gets the IDE page.
  if (config.graphqlIde) app.use('/graphql', graphqlIde());
  // The members' web app at `/`, with index.html for its client routes; the API's paths keep theirs.
  app.use(webApp());
  // Large enough for a 50 MB Pabulib file sent as a GraphQL string.
  app.useBodyParser('json', { limit: config.bodyLimit });
  // After the body is read, every request runs in a connection scope of its own: one pooled connection
  // at a time, whatever its fields do in parallel.
  const work = app.get(UnitOfWork);
  app.use((_request: unknown, _response: unknown, next: () => void) => work.inScope(next));
  app.useGlobalPipes(inputValidationPipe());
  app.useGlobalFilters(new DomainErrorHttpFilter());
  return app;
}

/**
 * Connections the kernel may hold for the app before it accepts them. Node's default (511) resets some of a
 * burst of a thousand new connections (a general assembly's vote opening); the kernel caps it at somaxconn.
 */
export const LISTEN_BACKLOG = 4096;

/** `app.listen` with the larger backlog (Nest passes the extra argument on to `http.Server.listen`). */
export function listen(app: INestApplication, port: number, host: string): Promise<unknown> {
  const listenWithBacklog = app.listen.bind(app) as unknown as (port: number, host: string, backlog: number) => Promise<unknown>;
  return listenWithBacklog(port, host, LISTEN_BACKLOG);
}
