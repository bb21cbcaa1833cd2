import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  GraphQLError,
  GraphQLString,
  extendSchema,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  valueFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ErrorCode } from '@mingshi/graphql';
import type { Logger } from '@mingshi/logger';
import type { GatewayContext } from '../context';
import type { QueryRunner } from './query-results';
import { subscribedField } from './subscribed-field';
import { tailEvents } from './tail';
import { TAILED_FIELDS, tailQuery, type TailQuery } from './tail-query';
import type { WakeUps } from './wake-ups';
import { watchEvents } from './watch';
import { WATCHED_FIELDS, watchQuery, type WatchQuery } from './watch-query';

/** The subscriptions the gateway serves, over the API schema's own types. */
const SUBSCRIPTIONS = parse(`
  extend schema { subscription: Subscription }

  """
  Live views, each answered by the query of the same name: a tail of a log (from a cursor, then
  as things happen) or a watch of one object (now, then each time it changes, until it is over).
  """
  type Subscription {
    """
    Fund events after the cursor in the log's one order, then each new one as it is sequenced:
    the same events, scope and masking as Query.fundEvents. Resume after a disconnect by passing
    the position of the last event handled as \`after\`.
    """
    fundEvents(after: String, filter: FundEventFilter): FundEvent!

    """
    The report job as Query.reportJob answers it now, then each time its status, progress or a
    section changes, until it has finished (SUCCEEDED, FAILED or CANCELLED): the job in that state
    is the last message, and the subscription completes. A job that does not exist or that the
    caller may not see is answered with NOT_FOUND, as by the query, and the subscription completes.
    The job's status is read whether or not it is selected, and sent only when it is.
    """
    reportJob(id: ID!): ReportJob!
  }
`);

/** Enough for a front end's few live views; a runaway client cannot open thousands of tails. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;
const PAGE_SIZE = 50;
const SERVED_FIELDS = [...TAILED_FIELDS, ...Object.keys(WATCHED_FIELDS)];

/** How a subscription is served, as its root field says. */
type Served = { kind: 'tail'; tail: TailQuery } | { kind: 'watch'; watch: WatchQuery };

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  apollo: ApolloServer<GatewayContext>;
  /** The API schema (the gateway's, once loaded). */
  apiSchema: () => GraphQLSchema | null;
  /** The same checks as HTTP requests: depth, aliases, scalars written inline. */
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  /** Builds a request context from the subscriber's headers, as for HTTP (verifies the token). */
  context: (headers: http.IncomingHttpHeaders) => Promise<GatewayContext>;
  wakeUps: WakeUps;
  /** How often a watch (Subscription.reportJob) runs its query again. */
  watchIntervalMs: number;
  logger: Logger;
}

/**
 * GraphQL over WebSocket (graphql-ws) at /graphql, for subscriptions only. `@apollo/gateway`
 * executes no subscriptions, so each one is served by its query, run through this gateway's own
 * Apollo Server as the subscriber, with the caller's JWT checked on connecting and again on every
 * run: as a tail (tail-query.ts: page by page from a cursor, woken by notifications) or as a watch
 * (watch-query.ts: the same object again and again, sent when it changes). docs/fund-events.md
 * has the design; docs/reports.md the watch of a report job.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): { stop: () => Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  let cached: { api: GraphQLSchema; schema: GraphQLSchema } | null = null;
  const schema = (): GraphQLSchema => {
    const api = options.apiSchema();
    if (!api) throw new Error('The gateway has not loaded its schema yet');
    if (cached?.api !== api) cached = { api, schema: extendSchema(api, SUBSCRIPTIONS) };
    return cached.schema;
  };
  const open = new WeakMap<object, number>();
  const headersOf = (params: Readonly<Record<string, unknown>> | undefined): http.IncomingHttpHeaders => {
    const value = params?.authorization ?? params?.Authorization;
    return typeof value === 'string' ? { authorization: value } : {};
  };
  /** Runs `query` as the subscriber: a new request context each time, so the token is checked again. */
  const runAs =
    (headers: http.IncomingHttpHeaders, query: DocumentNode): QueryRunner =>
    async (variables) => {
      const contextValue = await options.context(headers);
      const response = await options.apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('A subscription’s query cannot be incremental');
      return response.body.singleResult;
    };

  const disposable = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          await options.context(headersOf(ctx.connectionParams));
          return true;
        } catch {
          // graphql-ws closes the socket with 4403 Forbidden: no token, or one the gateway refuses.
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: options.maxTokens });
        } catch (error) {
          return [refusal((error as Error).message, ErrorCode.BAD_USER_INPUT)];
        }
        const errors = validate(schema(), document, [...specifiedRules, ...options.validationRules]);
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation)
          return [refusal('The document has no operation of that name', ErrorCode.BAD_USER_INPUT)];
        let served: Served;
        try {
          served = servedAs(document, operation);
        } catch (error) {
          return [refusal((error as Error).message, ErrorCode.BAD_USER_INPUT)];
        }
        const socket = ctx.extra.socket;
        const count = open.get(socket) ?? 0;
        if (count >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [
            refusal(
              `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`,
              ErrorCode.BAD_USER_INPUT,
            ),
          ];
        }
        // One listener per socket, not per subscription (ten would trip Node's leak warning).
        if (!open.has(socket)) socket.once('close', () => open.delete(socket));
        open.set(socket, count + 1);
        const variables = payload.variables ?? {};
        const headers = headersOf(ctx.connectionParams);
        const onClose = () => open.set(socket, Math.max(0, (open.get(socket) ?? 1) - 1));
        const events = (): AsyncIterableIterator<ExecutionResult> => {
          if (served.kind === 'watch') {
            return watchEvents({
              watch: served.watch,
              variables,
              intervalMs: options.watchIntervalMs,
              run: runAs(headers, served.watch.document),
              onClose,
            });
          }
          const { tail } = served;
          const after = tail.initialAfter
            ? ((valueFromAST(tail.initialAfter, GraphQLString, variables) as string | null | undefined) ??
              null)
            : null;
          return tailEvents({
            tail,
            variables,
            after,
            pageSize: PAGE_SIZE,
            wakeUps: options.wakeUps,
            run: runAs(headers, tail.document),
            onClose,
          });
        };
        return {
          schema: schema(),
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue: { events },
        };
      },
      subscribe: (args) => {
        const { events } = args.contextValue as { events: () => AsyncIterableIterator<ExecutionResult> };
        return events();
      },
      onError: (_ctx, id, _payload, errors) => {
        options.logger.debug(
          { subscription: id, errors: errors.map((e) => e.message) },
          'subscription refused',
        );
      },
    },
    wsServer,
  );

  return {
    stop: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/** A tail or a watch, as the root field says; refused when it is neither (or not a subscription). */
function servedAs(document: DocumentNode, operation: OperationDefinitionNode): Served {
  const name = subscribedField(operation, SERVED_FIELDS).name.value;
  return (TAILED_FIELDS as readonly string[]).includes(name)
    ? { kind: 'tail', tail: tailQuery(document, operation) }
    : { kind: 'watch', watch: watchQuery(document, operation) };
}

function refusal(message: string, code: ErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
