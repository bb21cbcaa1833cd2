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
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ErrorCode } from '@mingshi/graphql';
import type { Logger } from '@mingshi/logger';
import type { GatewayContext } from '../context';
import { tailEvents } from './tail';
import { tailQuery } from './tail-query';
import type { WakeUps } from './wake-ups';

/** The subscriptions the gateway serves, over the API schema's own types. */
const SUBSCRIPTIONS = parse(`
  extend schema { subscription: Subscription }

  "Live feeds, each a tail of the query of the same name: from a cursor, then as things happen."
  type Subscription {
    """
    Fund events after the cursor in the log's one order, then each new one as it is sequenced:
    the same events, scope and masking as Query.fundEvents. Resume after a disconnect by passing
    the position of the last event handled as \`after\`.
    """
    fundEvents(after: String, filter: FundEventFilter): FundEvent!
  }
`);

/** Enough for a front end's few live views; a runaway client cannot open thousands of tails. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;
const PAGE_SIZE = 50;

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
  logger: Logger;
}

/**
 * GraphQL over WebSocket (graphql-ws) at /graphql, for subscriptions only. `@apollo/gateway`
 * executes no subscriptions, so each one is served as a tail of its query (tail-query.ts): the
 * query runs page by page through this gateway's own Apollo Server as the subscriber, with the
 * caller's JWT checked on connecting and again on every page. docs/fund-events.md has the design.
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
        let tail;
        try {
          tail = tailQuery(document, operation);
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
        open.set(socket, count + 1);
        socket.once('close', () => open.delete(socket));
        const variables = payload.variables ?? {};
        const after = tail.initialAfter
          ? ((valueFromAST(tail.initialAfter, GraphQLString, variables) as string | null | undefined) ?? null)
          : null;
        const headers = headersOf(ctx.connectionParams);
        return {
          schema: schema(),
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue: {
            events: () =>
              tailEvents({
                tail,
                variables,
                after,
                pageSize: PAGE_SIZE,
                wakeUps: options.wakeUps,
                onClose: () => open.set(socket, Math.max(0, (open.get(socket) ?? 1) - 1)),
                run: async (pageVariables) => {
                  const contextValue = await options.context(headers);
                  const response = await options.apollo.executeOperation(
                    { query: tail.document, variables: pageVariables },
                    { contextValue },
                  );
                  if (response.body.kind !== 'single') throw new Error('A tail page cannot be incremental');
                  return response.body.singleResult;
                },
              }),
          },
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

function refusal(message: string, code: ErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
