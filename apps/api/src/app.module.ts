import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import { AssembliesModule } from '@commons/assemblies';
import { AuditModule } from '@commons/audit';
import { AuthModule } from '@commons/auth';
import { BudgetsModule } from '@commons/budgets';
import { BylawsModule } from '@commons/bylaws';
import { DeliberationModule } from '@commons/deliberation';
import { APP_CONFIG, type AppConfig, DecimalScalar, JsonScalar, type RequestContext } from '@commons/core';
import { dataSourceOptions, DbModule } from '@commons/db';
import { MembersModule } from '@commons/members';
import { NotificationsModule } from '@commons/notifications';
import { GovernanceHealthModule } from '@commons/health';
import { SharesModule } from '@commons/shares';
import { SurplusModule } from '@commons/surplus';
import { VotingModule } from '@commons/voting';
import { MIGRATIONS } from '../../../db/migrations/index.js';
import { ENTITIES } from './database/entities.js';
import { formatGraphQLError } from './graphql/format-error.js';
import { GraphQLSocketServer } from './graphql/graphql-socket.js';
import { operationLimits } from './graphql/operation-limits.js';
import { queryLimitsPlugin } from './graphql/query-limits.plugin.js';
import { HealthController } from './health/health.controller.js';

export interface AppSettings {
  config: AppConfig;
  databaseUrl: string;
  /** Where to write the generated SDL; unset keeps the schema in memory. */
  schemaFile?: string;
}

@Global()
@Module({})
class ConfigModule {
  static register(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

/** Wires the libs into one server. Behaviour lives in the libs; this only configures and connects. */
@Module({})
export class AppModule {
  static register(settings: AppSettings): DynamicModule {
    const { config } = settings;
    let schemaHost: GraphQLSchemaHost | undefined;
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        TypeOrmModule.forRoot(
          dataSourceOptions({ url: settings.databaseUrl, entities: ENTITIES, migrations: MIGRATIONS, poolSize: config.databasePoolSize }),
        ),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [GraphQLSchemaHost],
          useFactory: (host: GraphQLSchemaHost) => {
            schemaHost = host;
            return {
              autoSchemaFile: settings.schemaFile ?? true,
              sortSchema: true,
              path: '/graphql',
              resolvers: { Decimal: DecimalScalar, JSON: JsonScalar },
              // graphql-ws is served by GraphQLSocketServer, which builds its own context (token from the connection parameters).
              context: ({ req }: { req: Request }): RequestContext => ({ req, loaders: new Map() }),
              autoTransformHttpErrors: false,
              formatError: formatGraphQLError,
              includeStacktraceInErrorResponses: false,
              introspection: true,
              playground: false,
              parseOptions: { maxTokens: config.graphqlMaxTokens },
              plugins: [queryLimitsPlugin(() => schemaHost!.schema, operationLimits(config))],
            };
          },
        }),
        DbModule,
        AuthModule,
        AuditModule,
        MembersModule,
        VotingModule,
        BylawsModule,
        DeliberationModule,
        BudgetsModule,
        SurplusModule,
        SharesModule,
        GovernanceHealthModule,
        AssembliesModule,
        NotificationsModule,
      ],
      controllers: [HealthController],
      providers: [GraphQLSocketServer],
    };
  }
}
