import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';
import { fragmentsOf, subscribedField } from './subscribed-field';

/**
 * The subscription fields the gateway serves as a watch of the query field of the same name (one
 * object, sent again whenever it changes), each with the field of that object that tells when it
 * is over and the values that mean it is.
 */
export const WATCHED_FIELDS = {
  reportJob: { stateField: 'status', finalStates: ['SUCCEEDED', 'FAILED', 'CANCELLED'] },
} as const satisfies Record<string, { stateField: string; finalStates: readonly string[] }>;

export type WatchedField = keyof typeof WATCHED_FIELDS;

/** Alias of the state field the watch query adds, removed before the object is sent. */
export const STATE_ALIAS = '__watchState';

export interface WatchQuery {
  /** The query to run again and again, with the client's own variables. */
  document: DocumentNode;
  /** Where the client's answer goes: the root field's alias or name. */
  responseKey: string;
  /** The values of the state field (under STATE_ALIAS) after which nothing changes any more. */
  finalStates: readonly string[];
}

/**
 * Rewrites a subscription to a watched field (`reportJob(id:)`) into the query of that field:
 * the same field, arguments, alias, selection, fragments and variables, with the object's state
 * added under an alias, since the watch must know when to stop whether or not the client asked
 * for it. So each run goes through the same query planner, scope checks, masking and cost limits
 * as the query.
 */
export function watchQuery(document: DocumentNode, operation: OperationDefinitionNode): WatchQuery {
  const field = subscribedField(operation, Object.keys(WATCHED_FIELDS));
  const watched = WATCHED_FIELDS[field.name.value as WatchedField];
  const state: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: STATE_ALIAS },
    name: { kind: Kind.NAME, value: watched.stateField },
  };
  const queryField: FieldNode = {
    ...field,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [state, ...field.selectionSet!.selections] },
  };
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: { kind: Kind.NAME, value: 'SubscriptionWatch' },
    variableDefinitions: operation.variableDefinitions,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [queryField] },
  };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [query, ...fragmentsOf(document)] },
    responseKey: field.alias?.value ?? field.name.value,
    finalStates: watched.finalStates,
  };
}
