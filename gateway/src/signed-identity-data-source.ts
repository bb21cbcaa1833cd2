import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type DataLoader from 'dataloader';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER } from '@mingshi/auth';
import { ErrorCode } from '@mingshi/graphql';
import { REQUEST_ID_HEADER } from '@mingshi/logger';
import type { GatewayContext } from './context';
import { BUDGET_HEADER } from '@mingshi/subgraph-server';
import { EntityFetchBatches, type FetchAnswer } from './entity-fetch-batches';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
/** A fetch of a caller's operation (not a health check or a schema load): the ones a plan batches. */
type OperationFetch = Extract<ProcessOptions, { incomingRequestContext: unknown }>;

/**
 * Codes a subgraph's HTTP 400 keeps. The gateway passes custom scalars through unchecked, so a
 * Date the subgraph refuses ('2024-02-30') is the caller's mistake: BAD_USER_INPUT for a variable,
 * GRAPHQL_VALIDATION_FAILED for a literal, as one server holding the whole schema would answer.
 */
const CALLER_MISTAKES = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'];

/** What a subgraph, or a proxy in front of it, answers when it cannot serve now. */
const UNAVAILABLE_STATUSES = [502, 503, 504];

/** Network errors that mean the subgraph was never reached: nothing was asked of it. */
const NOT_REACHED = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'];

/**
 * Sends every subgraph request with the caller's identity signed by the gateway, the request id
 * (so logs line up across services), and what is left of the request's time budget, after which
 * the fetcher (subgraph-fetcher.ts) aborts the fetch. The `_entities` fetches a plan sends this
 * subgraph side by side go as one request (entity-fetch-batches.ts).
 */
export class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The subgraph's name in the supergraph, for the errors that say it is unavailable. */
  private readonly subgraph: string;
  private readonly batches = new EntityFetchBatches<OperationFetch>(
    (options) => options.request as { query: string; variables?: Record<string, unknown> },
    async (options, merged) =>
      (await super.process(
        merged
          ? {
              ...options,
              request: { ...options.request, ...merged, operationName: undefined },
              document: undefined,
            }
          : options,
      )) as FetchAnswer,
  );
  /** Each request's batcher, gone with the request's context. */
  private readonly batchers = new WeakMap<object, DataLoader<OperationFetch, FetchAnswer>>();

  constructor(config: ConstructorParameters<typeof RemoteGraphQLDataSource>[0] & { subgraph: string }) {
    super(config);
    this.subgraph = config.subgraph;
  }

  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    if (!('incomingRequestContext' in options) || !options.request.query) return super.process(options);
    let batcher = this.batchers.get(options.context);
    if (!batcher) {
      batcher = this.batches.forRequest();
      this.batchers.set(options.context, batcher);
    }
    return (await batcher.load(options)) as GatewayGraphQLResponse;
  }

  override willSendRequest({ request, context }: ProcessOptions): void {
    if (!('signedIdentity' in context) || !context.signedIdentity) return;
    const remaining = context.deadline.remainingMs();
    if (remaining <= 0) throw context.deadline.exceeded();
    request.http?.headers.set(IDENTITY_HEADER, context.signedIdentity);
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    request.http?.headers.set(BUDGET_HEADER, String(remaining));
  }

  /**
   * A fetch aborted by its budget is the request's TIMEOUT, not an internal error: undici rejects
   * with the budget signal's reason, a TimeoutError. A fetch that got no answer at all (the
   * subgraph's process is gone or restarting) is SERVICE_UNAVAILABLE naming the subgraph, so a
   * client can tell an outage it may retry from a fault in the graph.
   */
  override didEncounterError(
    ...args: Parameters<RemoteGraphQLDataSource<GatewayContext>['didEncounterError']>
  ): void {
    const [error, , response, context] = args;
    if (error.name === 'TimeoutError' && context?.deadline) throw context.deadline.exceeded();
    if (!response) throw this.unreachable(error);
    super.didEncounterError(...args);
  }

  private unreachable(error: Error): GraphQLError {
    const cause = (error as { code?: string }).code ?? error.name;
    // Once a request has gone out, a connection closed before the answer leaves a mutation's fate unknown.
    const consequence = NOT_REACHED.includes(cause)
      ? 'could not be reached, so nothing was asked of it'
      : 'closed the connection before it answered: a change asked of it may or may not have been made';
    return new GraphQLError(
      `The ${this.subgraph} service is unavailable (${cause}): it ${consequence}. Try again shortly`,
      {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: this.subgraph },
      },
    );
  }

  /**
   * The body is read once, as text. Apollo's default is fine, but reading a clone is not: a clone
   * whose twin is never read stops flowing once the body outgrows the stream's buffer, and a long
   * invalid Date, echoed back in the subgraph's message, left the gateway waiting for ever.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await response.text();
    if (response.status === 400) {
      const mistake = parseErrors(body)?.find((error) =>
        CALLER_MISTAKES.includes(error.extensions?.code ?? ''),
      );
      if (mistake)
        return new GraphQLError(mistake.message, { extensions: { code: mistake.extensions!.code } });
    }
    if (UNAVAILABLE_STATUSES.includes(response.status)) {
      return new GraphQLError(
        `The ${this.subgraph} service is unavailable (it answered HTTP ${response.status}). Try again shortly`,
        { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: this.subgraph } },
      );
    }
    // Internal: the formatter hides it outside development, where the subgraph's answer helps.
    return new GraphQLError(`${response.status}: ${response.statusText}`, {
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        response: { url: response.url, status: response.status, body },
      },
    });
  }
}

function parseErrors(body: string): { message: string; extensions?: { code?: string } }[] | undefined {
  try {
    return (JSON.parse(body) as { errors?: { message: string; extensions?: { code?: string } }[] }).errors;
  } catch {
    return undefined;
  }
}
