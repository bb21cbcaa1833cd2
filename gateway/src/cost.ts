import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from '@mingshi/graphql';

/**
 * What a field costs, as its subgraph declares it with the federation `@cost` and `@listSize`
 * directives (the demand-control spec): `weight` for the field itself, and how many items a list
 * field — or the list fields of the connection it returns (`sizedFields`) — is taken to hold.
 */
export interface FieldCost {
  weight?: number;
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** Objects cost 1 and scalars 0 unless they say otherwise; an undeclared list is taken to hold 10. */
const DEFAULT_LIST_SIZE = 10;
/** A mutation does more than a read of the same shape (a transaction, checks, an outbox row). */
const DEFAULT_MUTATION_WEIGHT = 10;

/** Reads every `@cost` / `@listSize` of the supergraph, keyed `Type.field`. */
export function readFieldCosts(supergraphSdl: string): Map<string, FieldCost> {
  const costs = new Map<string, FieldCost>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION)
      continue;
    for (const field of definition.fields ?? []) {
      const cost: FieldCost = {};
      for (const directive of field.directives ?? []) {
        const args = Object.fromEntries(
          (directive.arguments ?? []).map((arg) => [arg.name.value, literal(arg.value)]),
        );
        // Composition names the spec's directives @cost and @cost__listSize (or @listSize if imported).
        if (directive.name.value === 'cost') cost.weight = args.weight as number;
        if (/(^|__)listSize$/.test(directive.name.value)) Object.assign(cost, args);
      }
      if (Object.keys(cost).length) costs.set(`${definition.name.value}.${field.name.value}`, cost);
    }
  }
  return costs;
}

/**
 * The estimated cost of an operation: each field's weight, multiplied by the size of every list it
 * sits in — a page's size is its `first` argument (capped at the largest page a connection gives),
 * literal or variable. Introspection costs nothing.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  costs: Map<string, FieldCost>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const rootWeight = operation.operation === 'mutation' ? DEFAULT_MUTATION_WEIGHT : undefined;

  const selectionCost = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    sized: Map<string, number>,
    visiting: Set<string>,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, sized, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined)
          : parent;
        if (type) total += selectionCost(selection.selectionSet, type, sized, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        // A fragment that spreads itself is refused by validation; the guard only keeps this finite.
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        if (!type) continue;
        visiting.add(fragment.name.value);
        total += selectionCost(fragment.selectionSet, type, sized, visiting);
        visiting.delete(fragment.name.value);
      }
    }
    return total;
  };

  const fieldCost = (
    node: FieldNode,
    parent: GraphQLCompositeType,
    sized: Map<string, number>,
    visiting: Set<string>,
  ): number => {
    if (node.name.value.startsWith('__') || !('getFields' in parent)) return 0;
    const definition = parent.getFields()[node.name.value];
    if (!definition) return 0;
    const declared = costs.get(`${parent.name}.${node.name.value}`) ?? {};
    const type = getNamedType(definition.type);
    const weight =
      declared.weight ?? (parent === root ? rootWeight : undefined) ?? (isCompositeType(type) ? 1 : 0);
    const sliced = sliceSize(node, declared, variables);
    const size = isListType(getNullableType(definition.type))
      ? (sized.get(node.name.value) ?? sliced ?? declared.assumedSize ?? DEFAULT_LIST_SIZE)
      : 1;
    const childSizes = new Map(
      (declared.sizedFields ?? []).map((name) => [name, sliced ?? declared.assumedSize ?? DEFAULT_LIST_SIZE]),
    );
    const children =
      node.selectionSet && isCompositeType(type)
        ? selectionCost(node.selectionSet, type, childSizes, visiting)
        : 0;
    return size * (weight + children);
  };

  return isObjectType(root) ? selectionCost(operation.selectionSet, root, new Map(), new Set()) : 0;
}

/** The largest slicing argument given, capped at the largest page; undefined when none is given. */
function sliceSize(
  node: FieldNode,
  declared: FieldCost,
  variables: Record<string, unknown>,
): number | undefined {
  let size: number | undefined;
  for (const name of declared.slicingArguments ?? []) {
    const argument = node.arguments?.find((a) => a.name.value === name);
    if (!argument) continue;
    const value =
      argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : literal(argument.value);
    // Anything but a whole number is refused by the subgraph; priced as the largest page meanwhile.
    const n = typeof value === 'number' && Number.isInteger(value) ? value : MAX_PAGE_SIZE;
    size = Math.max(size ?? 0, Math.min(Math.max(n, 0), MAX_PAGE_SIZE));
  }
  return size;
}

function literal(value: ValueNode): unknown {
  switch (value.kind) {
    case Kind.INT:
      return Number.parseInt(value.value, 10);
    case Kind.FLOAT:
      return Number(value.value);
    case Kind.STRING:
    case Kind.ENUM:
      return value.value;
    case Kind.BOOLEAN:
      return value.value;
    case Kind.LIST:
      return value.values.map(literal);
    default:
      return undefined;
  }
}

/**
 * Refuses, before any subgraph is asked, an operation whose estimated cost exceeds `maxCost`, with
 * `QUERY_TOO_EXPENSIVE` (HTTP 400) and the figures, so a caller can split the request.
 */
export function costLimitPlugin(supergraphSdl: string, maxCost: number): ApolloServerPlugin {
  const costs = readFieldCosts(supergraphSdl);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables ?? {}, costs);
          if (cost > maxCost) {
            throw new GraphQLError(
              `The query's estimated cost is ${cost}, above the limit of ${maxCost}: ask for fewer or smaller pages, or split it`,
              { extensions: { code: 'QUERY_TOO_EXPENSIVE', cost, maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
