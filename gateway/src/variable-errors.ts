import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { ErrorCode } from '@mingshi/graphql';

/** As many of a request's variable problems as graphql-js itself reports before it gives up. */
export const MAX_VARIABLE_ERRORS = 50;

/**
 * @apollo/gateway checks a request's variables without graphql-js's error limit, so a list of
 * 10,000 wrong elements makes 10,000 errors, each formatted and sent: seconds of the gateway's
 * CPU for one hostile request. Variables past the limit are refused here first, with one error
 * that says how the first one was wrong; fewer problems take the gateway's ordinary path.
 */
export function boundedVariableErrorsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      if (!request.variables || Object.keys(request.variables).length === 0) return;
      return {
        async didResolveOperation({ schema, operation }) {
          const definitions = operation?.variableDefinitions ?? [];
          if (definitions.length === 0) return;
          const { errors } = getVariableValues(schema, definitions, request.variables ?? {}, {
            maxErrors: MAX_VARIABLE_ERRORS,
          });
          if (!errors || errors.length <= MAX_VARIABLE_ERRORS) return;
          throw new GraphQLError(
            `The variables have more than ${MAX_VARIABLE_ERRORS} problems; the first: ${errors[0]!.message}`,
            { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
