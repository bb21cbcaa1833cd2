import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode, ServiceUnavailableError } from '@mingshi/graphql';
import type { SubgraphContext } from './context';

/**
 * Ends each request's transaction once the response is ready. A failed commit must not leave the
 * client believing its mutation landed, so it replaces the response with an error.
 */
export function transactionPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, logger }) {
          // Ended even when never opened: a field still loading must not open it after the answer.
          if (!contextValue?.tx) return;
          try {
            await contextValue.tx.finish(true);
          } catch (error) {
            logger.error(`commit failed: ${(error as Error).message}`);
            // The database going away (a restart) is an outage the client may retry, not a fault here.
            const unavailable = error instanceof ServiceUnavailableError;
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                new GraphQLError(
                  unavailable ? error.message : 'The request could not be committed; nothing was saved',
                  { extensions: { code: unavailable ? error.code : ErrorCode.INTERNAL_SERVER_ERROR } },
                ).toJSON(),
              ];
            }
          }
        },
      };
    },
  };
}

/** One structured log line per operation: who, what, how long, which error codes. */
export function requestLogPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          contextValue.logger?.info(
            {
              operationName,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              errorCodes: errors.map((e) => e.extensions?.code),
              ...(contextValue.tx?.readsReplicas ? { readReplicas: true } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
