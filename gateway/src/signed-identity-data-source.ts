import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER } from '@mingshi/auth';
import { REQUEST_ID_HEADER } from '@mingshi/logger';
import type { GatewayContext } from './context';

/**
 * Sends every subgraph request with the caller's identity signed by the gateway and the request
 * id, so subgraphs can trust who is asking and logs line up across services.
 */
export class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('signedIdentity' in context) || !context.signedIdentity) return;
    request.http?.headers.set(IDENTITY_HEADER, context.signedIdentity);
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  /**
   * A subgraph answers HTTP 400 when the gateway forwarded variables its scalars refuse (Date
   * '2024-02-30'): the gateway passes custom scalars through unchecked. That is the caller's
   * mistake, so it keeps the subgraph's BAD_USER_INPUT instead of becoming an internal error.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { errors?: { message: string; extensions?: { code?: string } }[] } | null;
      const refusal = body?.errors?.find((error) => error.extensions?.code === 'BAD_USER_INPUT');
      if (refusal) return new GraphQLError(refusal.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return super.errorFromResponse(response);
  }
}
