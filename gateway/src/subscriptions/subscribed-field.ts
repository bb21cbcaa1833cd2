import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * The one root field of a subscription, refused unless it is among `served`. Every subscription
 * the gateway serves is one field answered by running the query field of the same name, so the
 * checks are the same whichever way (tail or watch) it is served.
 */
export function subscribedField(operation: OperationDefinitionNode, served: readonly string[]): FieldNode {
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    throw new Error('Only subscriptions are served over this socket; send queries and mutations over HTTP');
  }
  const root = operation.selectionSet.selections;
  const field = root[0];
  if (root.length !== 1 || field?.kind !== Kind.FIELD) {
    throw new Error('A subscription selects exactly one field');
  }
  if (!served.includes(field.name.value)) {
    throw new Error(`Subscription.${field.name.value} is not served`);
  }
  return field;
}

/** The document's fragments, which the rewritten query keeps as the client wrote them. */
export function fragmentsOf(document: DocumentNode): FragmentDefinitionNode[] {
  return document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
}
