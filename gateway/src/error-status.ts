import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@mingshi/graphql';

/**
 * The HTTP status of an answer whose errors say the graph could not do the work, in order of
 * precedence: the request ran out of time (504), or a subgraph or a dependency it needs is down
 * (503). Like any gateway that gave up on its upstream, so load balancers and clients' retry logic
 * see it without parsing GraphQL; the body still carries whatever data did arrive and the errors.
 */
const STATUS_BY_CODE: readonly (readonly [ErrorCode, number])[] = [
  [ErrorCode.TIMEOUT, 504],
  [ErrorCode.SERVICE_UNAVAILABLE, 503],
];

export function errorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = new Set(
            (response.body.singleResult.errors ?? []).map((error) => error.extensions?.code),
          );
          const status = STATUS_BY_CODE.find(([code]) => codes.has(code))?.[1];
          if (status) response.http.status = status;
        },
      };
    },
  };
}
