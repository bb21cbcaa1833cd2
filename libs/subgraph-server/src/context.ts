import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { DataSource } from 'typeorm';
import { IDENTITY_HEADER, scopeOf, verifyIdentity, type Principal } from '@mingshi/auth';
import { DEFAULT_REQUEST_BUDGET_MS, RequestTransaction } from '@mingshi/db';
import { UnauthenticatedError, toGraphQLError } from '@mingshi/graphql';
import { REQUEST_ID_HEADER, type Logger } from '@mingshi/logger';

/** How long the gateway will still wait for this request, in ms; the subgraph's budget never outlasts it. */
export const BUDGET_HEADER = 'x-mingshi-budget-ms';

/** What every subgraph resolver receives; services extend it with their loaders. */
export interface SubgraphContext {
  principal: Principal;
  /** The gateway-signed identity as received, to call other subgraphs on the caller's behalf. */
  identity: string;
  requestId: string;
  logger: Logger;
  /** The request's scoped database transaction (see RequestTransaction). */
  tx: RequestTransaction;
}

/**
 * Builds the base context from the gateway-signed identity header. A request without one, or with
 * one the gateway did not sign, is refused before any resolver runs.
 */
export async function createBaseContext(
  headers: IncomingHttpHeaders,
  deps: {
    dataSource: DataSource;
    /** The read replicas' pool, which replicaRoutingPlugin may send the request to. */
    readDataSource?: DataSource;
    identitySecret: string;
    logger: Logger;
    requestBudgetMs?: number;
  },
): Promise<SubgraphContext> {
  const requestId = single(headers[REQUEST_ID_HEADER]) ?? randomUUID();
  const token = single(headers[IDENTITY_HEADER]);
  if (!token) {
    throw toGraphQLError(new UnauthenticatedError('Subgraphs accept requests from the gateway only'));
  }
  let principal: Principal;
  try {
    principal = await verifyIdentity(token, deps.identitySecret);
  } catch {
    throw toGraphQLError(new UnauthenticatedError('The gateway identity on this request is not valid'));
  }
  return {
    principal,
    identity: token,
    requestId,
    logger: deps.logger.child({ requestId, user: principal.userId }),
    tx: new RequestTransaction(
      deps.dataSource,
      scopeOf(principal),
      requestBudget(deps.requestBudgetMs ?? DEFAULT_REQUEST_BUDGET_MS, single(headers[BUDGET_HEADER])),
      deps.readDataSource,
    ),
  };
}

/** The subgraph's own budget, cut to what the gateway has left when it says so. */
function requestBudget(ownMs: number, gatewayHeader: string | undefined): number {
  const gatewayMs = Number(gatewayHeader);
  return Number.isFinite(gatewayMs) && gatewayMs > 0 ? Math.min(ownMs, gatewayMs) : ownMs;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
