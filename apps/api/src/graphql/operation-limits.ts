import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  specifiedRules,
  validate,
} from 'graphql';
import type { AppConfig } from '@commons/core';
import { operationComplexity } from './operation-cost.js';

/** What one GraphQL operation may ask for, on every transport (HTTP and graphql-ws). */
export interface OperationLimits {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  maxTokens: number;
}

export function operationLimits(config: AppConfig): OperationLimits {
  return {
    maxDepth: config.graphqlMaxDepth,
    maxComplexity: config.graphqlMaxComplexity,
    maxAliases: config.graphqlMaxAliases,
    maxTokens: config.graphqlMaxTokens,
  };
}

/** Root fields that hash a password: at most one of them per operation, so one request is one guess. */
const PASSWORD_FIELDS = new Set(['register', 'login', 'acceptInvitation']);

export function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

interface Shape {
  depth: number;
  aliases: number;
  /** Field selections once every fragment is spread where it is used. */
  fields: number;
}

const NO_SHAPE: Shape = { depth: 0, aliases: 0, fields: 0 };

/**
 * Measures selection sets with each fragment measured once (memoised by name), so a "fragment bomb" (fragments
 * that spread the next one twice, 30 deep) costs time in proportion to its text, not to its 2^30 expansion.
 */
class ShapeMeter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measured = new Map<string, Shape>();
  private readonly measuring = new Set<string>();

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  selectionSet(selectionSet: SelectionSetNode | undefined): Shape {
    if (!selectionSet) return NO_SHAPE;
    let depth = 0;
    let aliases = 0;
    let fields = 0;
    for (const selection of selectionSet.selections) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) {
          fields += 1;
          continue;
        }
        const child = this.selectionSet(selection.selectionSet);
        inner = { depth: child.depth + 1, aliases: child.aliases + (selection.alias ? 1 : 0), fields: child.fields + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.selectionSet(selection.selectionSet);
      } else {
        inner = this.fragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases = Math.min(aliases + inner.aliases, Number.MAX_SAFE_INTEGER);
      fields = Math.min(fields + inner.fields, Number.MAX_SAFE_INTEGER);
    }
    return { depth, aliases, fields };
  }

  private fragment(name: string): Shape {
    const known = this.measured.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown and cyclic fragments are validation errors; they add nothing here.
    if (!fragment || this.measuring.has(name)) return NO_SHAPE;
    this.measuring.add(name);
    const shape = this.selectionSet(fragment.selectionSet);
    this.measuring.delete(name);
    this.measured.set(name, shape);
    return shape;
  }

  /** How many root fields named in `names` the operation selects, through fragments too. */
  rootFieldsNamed(selectionSet: SelectionSetNode, names: Set<string>, seen = new Set<string>()): number {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (names.has(selection.name.value)) count += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += this.rootFieldsNamed(selection.selectionSet, names, seen);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        count += this.rootFieldsNamed(fragment.selectionSet, names, seen);
      }
    }
    return count;
  }
}

/** Parses with the token cap: a document of more than `maxTokens` tokens is refused while it is read. */
export function parseOperationDocument(source: string, limits: OperationLimits): DocumentNode {
  return parse(source, { maxTokens: limits.maxTokens });
}

/**
 * The limits that need only the document: depth, aliases, fields once fragments are spread, one password
 * field. Linear in the document, so it runs before validation (whose cost grows with what it refuses).
 * Returns the refusal, or undefined.
 */
export function checkOperationShape(
  document: DocumentNode,
  operationName: string | null | undefined,
  limits: OperationLimits,
): GraphQLError | undefined {
  const meter = new ShapeMeter(document);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && definition.name?.value !== operationName) continue;
    const shape = meter.selectionSet(definition.selectionSet);
    if (shape.depth > limits.maxDepth) return refusal(`Query is ${shape.depth} levels deep; the limit is ${limits.maxDepth}.`);
    if (shape.aliases > limits.maxAliases) {
      return refusal(`The operation has ${shape.aliases} aliased fields; the limit is ${limits.maxAliases}.`);
    }
    // Every field costs at least 1, so more fields than the complexity limit cannot fit in it.
    if (shape.fields > limits.maxComplexity) {
      const fields = shape.fields >= Number.MAX_SAFE_INTEGER ? 'more than 2^53' : `at least ${shape.fields}`;
      return refusal(`Query complexity is ${fields} (its fields once fragments are spread); the limit is ${limits.maxComplexity}.`);
    }
    if (definition.operation === 'mutation' && meter.rootFieldsNamed(definition.selectionSet, PASSWORD_FIELDS) > 1) {
      return refusal('Send at most one register, login or acceptInvitation per operation.');
    }
  }
  return undefined;
}

/** The limit that needs the schema and the variables: the operation's cost. */
export function checkOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
): GraphQLError | undefined {
  const complexity = operationComplexity(schema, document, operation, variables ?? {});
  if (complexity > limits.maxComplexity) {
    return refusal(`Query complexity is ${complexity}; the limit is ${limits.maxComplexity}. Ask for fewer items or fields.`);
  }
  return undefined;
}

export type PreparedOperation =
  { document: DocumentNode; operation: OperationDefinitionNode; errors?: undefined } | { errors: readonly GraphQLError[] };

/**
 * Everything HTTP's pipeline does before execution, for transports without it (graphql-ws): parse with
 * the token cap, the shape limits, validation, the cost limit.
 */
export function prepareOperation(
  schema: GraphQLSchema,
  request: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  limits: OperationLimits,
): PreparedOperation {
  let document: DocumentNode;
  try {
    document = parseOperationDocument(request.query, limits);
  } catch (error) {
    const syntax = error instanceof GraphQLError ? error : new GraphQLError(String(error));
    return { errors: [new GraphQLError(syntax.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const shape = checkOperationShape(document, request.operationName, limits);
  if (shape) return { errors: [shape] };
  const invalid = validate(schema, document, specifiedRules);
  if (invalid.length > 0) {
    return {
      errors: invalid.map(
        (error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ),
    };
  }
  const operation = getOperationAST(document, request.operationName);
  if (!operation) return { errors: [refusal('Name the operation to run (operationName): the document has several or none.')] };
  const cost = checkOperationCost(schema, document, operation, request.variables, limits);
  if (cost) return { errors: [cost] };
  return { document, operation };
}
