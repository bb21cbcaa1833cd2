import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@mingshi/graphql';
import { BUDGET_HEADER } from '@mingshi/subgraph-server';

/** When one gateway request must have answered by: every subgraph fetch it makes shares the budget. */
export class Deadline {
  private readonly at: number;

  constructor(readonly budgetMs: number) {
    this.at = Date.now() + budgetMs;
  }

  remainingMs(): number {
    return this.at - Date.now();
  }

  exceeded(): GraphQLError {
    return new GraphQLError(`The request did not finish within its ${this.budgetMs} ms budget`, {
      extensions: { code: ErrorCode.TIMEOUT },
    });
  }
}

/**
 * The signal that aborts a subgraph fetch when the budget named in its headers runs out. The
 * budget travels in a header because Apollo's data source hands its fetcher only url and init;
 * the same header tells the subgraph how long the gateway waits.
 */
export function budgetSignal(headers: Record<string, string> | undefined): AbortSignal | undefined {
  const budget = Number(headers?.[BUDGET_HEADER]);
  return budget > 0 ? AbortSignal.timeout(budget) : undefined;
}

/**
 * An answer that ran out of time is HTTP 504, like any gateway that gave up on its upstream, so
 * load balancers and clients' retry logic see it without parsing GraphQL; the body still carries
 * whatever data did arrive and the TIMEOUT error.
 */
export function timeoutStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((error) => error.extensions?.code === ErrorCode.TIMEOUT))
            response.http.status = 504;
        },
      };
    },
  };
}
