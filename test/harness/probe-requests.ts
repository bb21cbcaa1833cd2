import type { GraphQLResponse } from '@mingshi/testing';
import { inParallel } from './in-parallel';
import { printOperation, type OperationKind, type QueryBudget } from './query-budget';
import type { Selection } from './schema-walk';
import type { TestSystem, TokenRequest } from './system';

/** One root call's answer in a probe. */
export interface Observation {
  /** The call with the selection it was sent with; its key is the alias it was sent under. */
  call: Selection;
  /** What came back under the alias (null when it failed). */
  data: unknown;
  /** The errors of the call, and those of the whole request. */
  errors: NonNullable<GraphQLResponse['errors']>;
  /** Which request of the probe it was, counting from 1. */
  request: number;
  document: string;
}

/** Sends a probe's root calls through the gateway, packed into as few requests as the limits allow. */
export class ProbeRequests {
  /** Requests sent so far. */
  count = 0;

  constructor(
    private readonly system: TestSystem,
    private readonly budget: QueryBudget,
  ) {}

  async send(
    caller: TokenRequest,
    calls: Selection[],
    kind: OperationKind,
    observe: (observation: Observation) => void,
  ): Promise<void> {
    const token = await this.system.token(caller);
    // Mutations go one per request, so that each is its own transaction and its refusal its own.
    const operations = this.budget.pack(calls, kind, kind === 'mutation');
    await inParallel(operations, async (operation) => {
      const document = printOperation(kind, operation);
      const request = ++this.count;
      const response = await this.system.gql(token, document);
      for (const call of operation) {
        observe({
          call,
          data: response.data?.[call.key] ?? null,
          errors: (response.errors ?? []).filter((error) => !error.path || error.path[0] === call.key),
          request,
          document,
        });
      }
    });
  }
}
