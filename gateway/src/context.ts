import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { signIdentity, type Principal, type TokenVerifier } from '@mingshi/auth';
import { UnauthenticatedError, toGraphQLError } from '@mingshi/graphql';
import { REQUEST_ID_HEADER } from '@mingshi/logger';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /** The principal signed for subgraphs, once per request. */
  signedIdentity: string;
}

/**
 * Authenticates the caller. Anonymous or invalid callers get UNAUTHENTICATED and nothing else —
 * not even introspection — because the context is built before any execution.
 */
export async function createGatewayContext(
  headers: IncomingHttpHeaders,
  deps: { verifyToken: TokenVerifier; identitySecret: string },
): Promise<GatewayContext> {
  const requestId = (headers[REQUEST_ID_HEADER] as string | undefined)?.slice(0, 64) || randomUUID();
  const authorization = headers.authorization;
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw toGraphQLError(new UnauthenticatedError());
  let principal: Principal;
  try {
    principal = await deps.verifyToken(token);
  } catch (error) {
    throw toGraphQLError(new UnauthenticatedError(`The token was refused: ${(error as Error).message}`));
  }
  return { principal, requestId, signedIdentity: await signIdentity(principal, deps.identitySecret) };
}
