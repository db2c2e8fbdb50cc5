import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** A list's cost is its page size times the cost of one item. */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
  return 1 + childComplexity * first;
};

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** The depth of the deepest field in an operation, following fragments. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return depthOf(operation.selectionSet, fragments, new Set());
}

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** Refuses queries that are too deep or too costly before any resolver (or the database) runs. */
export function queryLimitsPlugin(getSchema: () => GraphQLSchema, maxDepth: number, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context: GraphQLRequestContext<Record<string, unknown>>) {
          const { document, operation } = context;
          if (!document || !operation) return;
          const depth = operationDepth(document, operation);
          if (depth > maxDepth) throw refuse(`Query is ${depth} levels deep; the limit is ${maxDepth}.`);
          const complexity = getComplexity({
            schema: getSchema(),
            query: document,
            operationName: context.request.operationName ?? undefined,
            variables: context.request.variables ?? {},
            estimators: [pagedEstimator],
          });
          if (complexity > maxComplexity) {
            throw refuse(`Query complexity is ${complexity}; the limit is ${maxComplexity}. Ask for fewer items or fields.`);
          }
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
