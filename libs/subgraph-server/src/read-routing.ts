import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { Role, hasRole, type Principal } from '@mingshi/auth';
import type { SubgraphContext } from './context';

/**
 * Whether a GraphQL request may read from the read replicas: a query by an analyst. Analysts write
 * their own queries across the whole graph, the heavy and unforeseen reads worth taking off the
 * primary, and read masked data only, so none of their queries writes (no personal-data audit).
 * Mutations stay on the primary whoever sends them: an analyst asks for and cancels reports, and a
 * caller may hold ANALYST beside an office role. Everyone else's queries stay there too.
 */
export function readsFromReplicas(principal: Principal, operation: OperationTypeNode): boolean {
  return operation === OperationTypeNode.QUERY && hasRole(principal, Role.ANALYST);
}

/**
 * Sends each request `readsFromReplicas` admits to the service's read pool, once the operation is
 * known and before any resolver opens the request's transaction. Without a read pool
 * (DATABASE_READ_URL unset) it changes nothing.
 */
export function replicaRoutingPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation && readsFromReplicas(contextValue.principal, operation.operation)) {
            contextValue.tx.readFromReplicas();
          }
        },
      };
    },
  };
}
