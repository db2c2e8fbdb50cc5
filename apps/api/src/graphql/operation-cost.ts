import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLList,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '@commons/core';
import { MAX_LARGEST_VOTER_ALERTS } from '@commons/health';
import { ADD_MEMBERS_MAX } from '@commons/members';

/**
 * How many items an unpaged list of objects can hold, by `Type.field`: its real bound where the input
 * caps it (50 options, 50 agenda items), else a co-op's plausible size. `schema-costs.spec.ts` fails when
 * a list of objects has no entry here, so a new one is costed on purpose.
 */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  'AddMembersPayload.invitations': ADD_MEMBERS_MAX,
  'Assembly.agenda': 50,
  'Assembly.proxies': 1000,
  'Budget.projects': 1000,
  'BudgetResult.explanation': 1000,
  'BudgetResult.funded': 1000,
  // The fixed set of reaction emoji.
  'Comment.reactions': 6,
  'FiscalPeriod.distributions': 100,
  // One holding per share class.
  'Member.holdings': 50,
  'MyDelegations.received': 1000,
  'Proposal.amendments': 200,
  'Proposal.colleges': 20,
  'Proposal.myVote': 50,
  'Proposal.options': 50,
  'Proposal.revisions': 200,
  'Proposal.winners': 50,
  'Query.bylawsHistory': 100,
  // A draw per commons-funded budget (split where it spends two distributions' money): a few a year.
  'Query.commonsFunding': 100,
  // One point per proposal closed in the window (a year by default).
  'GovernanceHealth.alertDetails': MAX_LARGEST_VOTER_ALERTS + 2,
  'Query.governanceHealthSeries': 1000,
  'Query.shareClasses': 50,
  'Query.stakeholderClasses': 50,
  'Query.surplusFlows': 100,
  // Each member's sub-accounts when rollUpMembers is false.
  'Query.trialBalance': 2000,
  'Tally.results': 50,
  // A round per eliminated option, each with every option.
  'Tally.rounds': 2500,
  'Query.webhooks': 100,
};

/** An unpaged list missing from LIST_BOUNDS counts this many items. */
export const DEFAULT_LIST_BOUND = 100;

/**
 * What a field costs by itself beyond 1, per item it is asked for: the work its resolver does that its
 * selection does not show. A live tally recounts the whole proposal's ballots; verifyAuditChain rehashes
 * the whole chain, so it costs half the default budget (one per operation, with room for little else).
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Proposal.tally': 200,
  'Proposal.myVote': 2,
  'Subscription.tallyUpdated': 200,
  'Query.verifyAuditChain': 10_000,
};

/** The page a connection field returns: its `first`, or the default page when it has none. */
function pageOf(node: FieldNode, variables: Record<string, unknown>): number {
  const argument = node.arguments?.find((candidate) => candidate.name.value === 'first');
  let first: unknown;
  if (!argument) first = undefined;
  else if (argument.value.kind === Kind.INT) first = Number(argument.value.value);
  else if (argument.value.kind === Kind.VARIABLE) first = variables[argument.value.name.value];
  else if (argument.value.kind === Kind.NULL) first = null;
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.max(0, Math.ceil(first));
}

/** How many items a field returns, as far as cost goes. */
function itemsOf(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>) {
  if (field.args.some((argument) => argument.name === 'first')) return pageOf(node, variables);
  const type = getNullableType(field.type);
  if (!isListType(type) || !isCompositeType(getNamedType(type))) return 1;
  // A connection's edges are its page, already counted on the connection field.
  if (parent.name.endsWith('Connection') && field.name === 'edges') return 1;
  return LIST_BOUNDS[`${parent.name}.${field.name}`] ?? DEFAULT_LIST_BOUND;
}

/** Costs an operation: each field 1 plus its own cost, times the items it returns, plus what is selected in it. */
class CostMeter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly costed = new Map<string, number>();
  private readonly costing = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  selectionSet(selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType): number {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += this.field(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        total += this.selectionSet(selection.selectionSet, isCompositeType(type) ? type : parent);
      } else total += this.fragment(selection.name.value);
      if (total >= Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
    }
    return total;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType): number {
    // Introspection is answered from the schema in memory.
    if (node.name.value.startsWith('__')) return 1;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field) return 1;
    const named = getNamedType(field.type);
    const child = isCompositeType(named) ? this.selectionSet(node.selectionSet, named) : 0;
    const own = 1 + (FIELD_COSTS[`${parent.name}.${field.name}`] ?? 0);
    return Math.min((own + child) * itemsOf(parent, field, node, this.variables), Number.MAX_SAFE_INTEGER);
  }

  private fragment(name: string): number {
    const known = this.costed.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.costing.has(name)) return 0;
    const type = this.schema.getType(fragment.typeCondition.name.value);
    if (!isCompositeType(type)) return 0;
    this.costing.add(name);
    const cost = this.selectionSet(fragment.selectionSet, type);
    this.costing.delete(name);
    this.costed.set(name, cost);
    return cost;
  }
}

/**
 * The cost of running `operation`: every field at least 1, times the items its parent returns (a page
 * without `first` is the default page of 20; an unpaged list its bound), plus FIELD_COSTS for the work
 * a resolver does out of sight. Each fragment is costed once, whatever it spreads.
 */
export function operationComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  return new CostMeter(schema, document, variables).selectionSet(operation.selectionSet, root);
}

/** Lists of objects in the schema that are neither paged (`first`) nor in LIST_BOUNDS: each is a cost guessed. */
export function unboundedLists(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const nullable = getNullableType(field.type);
      if (!(nullable instanceof GraphQLList) || !isCompositeType(getNamedType(field.type))) continue;
      if (field.args.some((argument) => argument.name === 'first')) continue;
      if (type.name.endsWith('Connection') && field.name === 'edges') continue;
      if (LIST_BOUNDS[`${type.name}.${field.name}`] === undefined) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}
