import {
  Kind,
  OperationTypeNode,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { fragmentsOf, subscribedField } from './subscribed-field';

/** The subscription fields the gateway serves, each as a tail of the query field of the same name. */
export const TAILED_FIELDS = ['fundEvents'] as const;

/** Variables the tail query adds; clients cannot name theirs so (GraphQL reserves `__`). */
export const AFTER_VARIABLE = '__tailAfter';
export const FIRST_VARIABLE = '__tailFirst';
/** Alias of the cursor field the tail query adds to each node, removed before the node is sent. */
export const CURSOR_ALIAS = '__tailCursor';

export interface TailQuery {
  /** The query to run page by page, with `$__tailAfter` and `$__tailFirst`. */
  document: DocumentNode;
  /** Where the client's answer goes: the root field's alias or name. */
  responseKey: string;
  /** The `after` argument as the client wrote it (a literal or its own variable), if any. */
  initialAfter: ValueNode | null;
}

/**
 * Rewrites a subscription to `fundEvents` into the query that serves it: the client's selection
 * becomes the selection of each node of `Query.fundEvents`, with the event's position added to
 * carry the cursor; every other argument (the filter) is kept as written, with the fragments and
 * variables it uses. So the subscription goes through the same query planner, scope checks,
 * masking and cost limits as any query.
 */
export function tailQuery(document: DocumentNode, operation: OperationDefinitionNode): TailQuery {
  const field = subscribedField(operation, TAILED_FIELDS);
  const initialAfter = field.arguments?.find((arg) => arg.name.value === 'after')?.value ?? null;
  const kept = (field.arguments ?? []).filter((arg) => !['after', 'first'].includes(arg.name.value));
  const queryField: FieldNode = {
    kind: Kind.FIELD,
    alias: field.alias,
    name: field.name,
    arguments: [
      ...kept,
      variableArgument('after', AFTER_VARIABLE),
      variableArgument('first', FIRST_VARIABLE),
    ],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          kind: Kind.FIELD,
          name: { kind: Kind.NAME, value: 'nodes' },
          selectionSet: withCursor(field.selectionSet!),
        },
      ],
    },
  };
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: { kind: Kind.NAME, value: 'SubscriptionTail' },
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []),
      variableDefinition(AFTER_VARIABLE, 'String'),
      variableDefinition(FIRST_VARIABLE, 'Int'),
    ],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [queryField] },
  };
  return {
    document: withoutUnusedVariables({ kind: Kind.DOCUMENT, definitions: [query, ...fragmentsOf(document)] }),
    responseKey: field.alias?.value ?? field.name.value,
    initialAfter,
  };
}

function withCursor(selectionSet: SelectionSetNode): SelectionSetNode {
  const cursor: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: CURSOR_ALIAS },
    name: { kind: Kind.NAME, value: 'position' },
  };
  return { ...selectionSet, selections: [cursor, ...selectionSet.selections] };
}

function variableArgument(name: string, variable: string): ArgumentNode {
  return {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: name },
    value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } },
  };
}

function variableDefinition(name: string, type: string) {
  return {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
    type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } },
  } as const;
}

/** The client's `$after` no longer appears once `after` is the tail's: GraphQL refuses unused variables. */
function withoutUnusedVariables(document: DocumentNode): DocumentNode {
  const used = new Set<string>();
  visit(document, {
    VariableDefinition: () => false,
    Variable: (node) => {
      used.add(node.name.value);
    },
  });
  return visit(document, {
    VariableDefinition: (node) => (used.has(node.variable.name.value) ? undefined : null),
  });
}
