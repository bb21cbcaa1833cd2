import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
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
}
