import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { TokenRejectedError, type Principal } from '@mingshi/auth';
import { UnauthenticatedError, toGraphQLError } from '@mingshi/graphql';
import { REQUEST_ID_HEADER } from '@mingshi/logger';
import { Deadline } from './deadline';
import type { VerifiedCaller, VerifiedCallers } from './verified-callers';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /** The principal signed for subgraphs, once per request. */
  signedIdentity: string;
  /** When the request must have answered by (GATEWAY_TIMEOUT_MS from its start). */
  deadline: Deadline;
}

/**
 * Authenticates the caller. Anonymous or invalid callers get UNAUTHENTICATED and nothing else —
 * not even introspection — because the context is built before any execution.
 */
export async function createGatewayContext(
  headers: IncomingHttpHeaders,
  deps: { callers: VerifiedCallers; timeoutMs: number },
): Promise<GatewayContext> {
  const deadline = new Deadline(deps.timeoutMs);
  const requestId = (headers[REQUEST_ID_HEADER] as string | undefined)?.slice(0, 64) || randomUUID();
  const authorization = headers.authorization;
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw toGraphQLError(new UnauthenticatedError());
  let caller: VerifiedCaller;
  try {
    caller = await deps.callers.resolve(token);
  } catch (error) {
    // Anything else (the identity provider unreachable) is the graph's failure, not the caller's.
    if (!(error instanceof TokenRejectedError)) throw error;
    throw toGraphQLError(new UnauthenticatedError(error.message));
  }
  return { principal: caller.principal, requestId, signedIdentity: caller.signedIdentity, deadline };
}
