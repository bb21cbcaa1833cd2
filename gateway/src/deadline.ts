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
