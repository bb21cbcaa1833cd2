import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@mingshi/graphql';

/**
 * Runs the query serving a subscription once, as the subscriber: a fresh request each time, so
 * the token is verified again and each run has its own deadline.
 */
export type QueryRunner = (variables: Record<string, unknown>) => Promise<FormattedExecutionResult>;

/** What a run that threw (a token refused since connecting, the gateway stopping) answers. */
export function runFailure(error: unknown, advice: string): FormattedExecutionResult {
  if (error instanceof GraphQLError) return { errors: [error.toJSON()] };
  return { errors: [{ message: advice, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] };
}

/** graphql-ws sends errors as GraphQLErrors (it calls toJSON); a query's are already formatted. */
export function asGraphQLError(error: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}
