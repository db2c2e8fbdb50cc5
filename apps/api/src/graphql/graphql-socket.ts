import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { execute, type ExecutionArgs, type ExecutionResult, GraphQLError, subscribe } from 'graphql';
import { type Context, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import proxyAddr from 'proxy-addr';
import { WebSocketServer } from 'ws';
import { APP_CONFIG, type AppConfig, type RequestContext, TooManyRequestsError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { formatGraphQLError } from './format-error.js';
import { operationLimits, prepareOperation } from './operation-limits.js';

/** The largest message a client may send; a bigger one closes the socket (1009) before it is read. */
export const SOCKET_MAX_PAYLOAD = 1024 * 1024;
/** Operations one socket may have running at once (each live subscription is one). */
export const SOCKET_MAX_OPERATIONS = 50;

const PATH = '/graphql';

type Extra = { request: IncomingMessage };

function bearerFrom(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatGraphQLError(error.toJSON(), error));

/**
 * graphql-ws at /graphql, with what HTTP has and graphql-ws alone does not: every operation (subscriptions,
 * and queries and mutations too) is parsed under the token cap and refused by the same shape and cost
 * limits as on HTTP (operation-limits.ts) before it runs; it runs with the client's address (the socket's
 * peer, or X-Forwarded-For under TRUST_PROXY), so the per-address throttles of `login` and `register`
 * hold here too; in a connection scope of its own (one pooled connection at a time), like a request.
 */
@Injectable()
export class GraphQLSocketServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server?: WebSocketServer;
  private dispose?: () => void | Promise<void>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly work: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const adapter = this.adapterHost.httpAdapter;
    const httpServer = adapter.getHttpServer() as Server;
    const express = adapter.getInstance<{ get(setting: string): unknown }>();
    const limits = operationLimits(this.config);
    const server = new WebSocketServer({ noServer: true, maxPayload: SOCKET_MAX_PAYLOAD });
    this.server = server;

    const clientAddress = (request: IncomingMessage): string => {
      const trust = express.get('trust proxy fn') as Parameters<typeof proxyAddr>[1];
      return proxyAddr(request, trust);
    };

    const onSubscribe = (context: Context<Record<string, unknown>, Extra>, _id: string, payload: SubscribePayload) => {
      if (Object.keys(context.subscriptions).length > SOCKET_MAX_OPERATIONS) {
        const tooMany = new TooManyRequestsError(`At most ${SOCKET_MAX_OPERATIONS} operations at once on one socket.`, 1);
        return [new GraphQLError(tooMany.message, { originalError: tooMany })];
      }
      const schema = this.schemaHost.schema;
      const prepared = prepareOperation(schema, payload, limits);
      if (prepared.errors) return [...prepared.errors];
      // What the resolvers read of a request: the bearer token, and the address the throttles key on.
      const req: RequestContext['req'] & { ip: string } = {
        headers: { authorization: bearerFrom(context.connectionParams) },
        ip: clientAddress(context.extra.request),
      };
      const contextValue: RequestContext = { req, loaders: new Map() };
      const args: ExecutionArgs = {
        schema,
        document: prepared.document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue,
      };
      return args;
    };

    const disposable = useServer<Record<string, unknown>, Extra>(
      {
        schema: this.schemaHost.schema,
        onSubscribe,
        execute: (args: ExecutionArgs) => this.work.inScope(() => execute(args)),
        subscribe: (args: ExecutionArgs) => this.work.inScope(() => subscribe(args)),
        // Errors get the same codes and hygiene as on HTTP.
        onNext: (_context, _id, _payload, _args, result: ExecutionResult) =>
          result.errors ? { ...result, errors: format(result.errors) } : result,
        onError: (_context, _id, _payload, errors) => format(errors),
      },
      server,
    );
    this.dispose = () => disposable.dispose();

    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== PATH) {
        socket.destroy();
        return;
      }
      server.handleUpgrade(request, socket, head, (client) => {
        server.emit('connection', client, request);
        // ws has already closed an oversized message's socket with 1009; that is the client's doing, not
        // the internal error graphql-ws would log for every such message.
        const others = client.listeners('error') as Array<(error: Error) => void>;
        client.removeAllListeners('error');
        client.on('error', (error: Error & { code?: string }) => {
          if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return;
          for (const listener of others) listener.call(client, error);
        });
      });
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispose?.();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
