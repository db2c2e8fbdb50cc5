import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { checkOperationCost, checkOperationShape, type OperationLimits } from './operation-limits.js';

/**
 * The operation limits on HTTP (graphql-ws applies the same ones in graphql-socket.ts), once the
 * operation and its variables are known. The token cap is Apollo's `parseOptions.maxTokens`, which also
 * bounds what validation can be made to do before this runs.
 */
export function queryLimitsPlugin(getSchema: () => GraphQLSchema, limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context: GraphQLRequestContext<Record<string, unknown>>) {
          const { document, operation } = context;
          if (!document || !operation) return;
          const refused =
            checkOperationShape(document, context.request.operationName, limits) ??
            checkOperationCost(getSchema(), document, operation, context.request.variables, limits);
          if (refused) throw refused;
        },
        async willSendResponse(context) {
          // A request refused as a whole for the caller's input is a 400, not a 500.
          const body = context.response.body;
          if (body.kind !== 'single' || body.singleResult.data !== undefined) return;
          const codes = (body.singleResult.errors ?? []).map((error) => error.extensions?.code);
          if (codes.length > 0 && codes.every((code) => code === 'BAD_USER_INPUT')) context.response.http.status = 400;
        },
      };
    },
  };
}
