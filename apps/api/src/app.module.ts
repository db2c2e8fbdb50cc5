import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { AuditModule } from '@commons/audit';
import { AuthModule } from '@commons/auth';
import { BudgetsModule } from '@commons/budgets';
import { APP_CONFIG, type AppConfig, DecimalScalar, JsonScalar, type RequestContext } from '@commons/core';
import { dataSourceOptions, DbModule } from '@commons/db';
import { MembersModule } from '@commons/members';
import { SurplusModule } from '@commons/surplus';
import { VotingModule } from '@commons/voting';
import { MIGRATIONS } from '../../../db/migrations/index.js';
import { ENTITIES } from './database/entities.js';
import { formatGraphQLError } from './graphql/format-error.js';
import { queryLimitsPlugin } from './graphql/query-limits.plugin.js';
import { HealthController } from './health/health.controller.js';

function bearerFrom(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

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
              context: ({ req, connectionParams }: { req?: Request; connectionParams?: Record<string, unknown> }): RequestContext =>
                // Subscriptions (graphql-ws) carry the token in the connection parameters instead of a header.
                req
                  ? { req, loaders: new Map() }
                  : { req: { headers: { authorization: bearerFrom(connectionParams) } }, loaders: new Map() },
              subscriptions: {
                'graphql-ws': {
                  path: '/graphql',
                  // Errors on subscriptions get the same codes and hygiene as on queries and mutations.
                  onNext: (_context: unknown, _id: unknown, _payload: unknown, _args: unknown, result: ExecutionResult) =>
                    result.errors ? { ...result, errors: result.errors.map((error) => formatGraphQLError(error.toJSON(), error)) } : result,
                  onError: (_context: unknown, _id: unknown, _payload: unknown, errors: readonly GraphQLError[]) =>
                    errors.map((error) => formatGraphQLError(error.toJSON(), error)),
                },
              },
              autoTransformHttpErrors: false,
              formatError: formatGraphQLError,
              includeStacktraceInErrorResponses: false,
              introspection: true,
              playground: false,
              plugins: [queryLimitsPlugin(() => schemaHost!.schema, config.graphqlMaxDepth, config.graphqlMaxComplexity)],
            };
          },
        }),
        DbModule,
        AuthModule,
        AuditModule,
        MembersModule,
        VotingModule,
        BudgetsModule,
        SurplusModule,
      ],
      controllers: [HealthController],
    };
  }
}
