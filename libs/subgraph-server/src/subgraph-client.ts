import { request } from 'undici';
import { IDENTITY_HEADER } from '@mingshi/auth';
import { DomainError, ErrorCode } from '@mingshi/graphql';
import { REQUEST_ID_HEADER } from '@mingshi/logger';
import { serviceConnections } from './connections';
import type { SubgraphContext } from './context';

/**
 * Another subgraph could not answer; never a silent null. SERVICE_UNAVAILABLE when it was not
 * there to answer (no connection, or it said it cannot serve now), which a client may retry;
 * an internal error when it answered with one.
 */
export class SubgraphUnavailableError extends DomainError {
  constructor(name: string, detail: string, code = ErrorCode.INTERNAL_SERVER_ERROR) {
    super(code, `The ${name} service could not answer: ${detail}`);
  }
}

/** What a subgraph, or a proxy in front of it, answers when it cannot serve now. */
const UNAVAILABLE_STATUSES = [502, 503, 504];

/**
 * Who a call to another subgraph is made as: the identity the gateway signed for the request
 * (or, for a service acting on no request, one it signed for the system) and the request id that
 * ties the two services' logs together.
 */
export type SubgraphCaller = Pick<SubgraphContext, 'identity' | 'requestId'>;

/** Shared by every client in the process. */
const connections = serviceConnections();

/**
 * Calls another subgraph on the caller's behalf, forwarding the gateway-signed identity, so the
 * other service applies the caller's own scope and role: a workshop check on a teacher sees only
 * what the caller could see. Used for checks inside mutations; reads go through the gateway.
 */
export class SubgraphClient {
  constructor(
    private readonly name: string,
    private readonly url: string,
  ) {}

  async request<T>(caller: SubgraphCaller, query: string, variables: Record<string, unknown>): Promise<T> {
    let status: number;
    let text: string;
    try {
      const response = await request(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [IDENTITY_HEADER]: caller.identity,
          [REQUEST_ID_HEADER]: caller.requestId,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(10_000),
        dispatcher: connections,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      // The code, not the message: a socket's message names addresses inside the deployment.
      const cause = (error as { code?: string }).code ?? (error as Error).name;
      throw new SubgraphUnavailableError(
        this.name,
        `it is unavailable (${cause}). Try again shortly`,
        ErrorCode.SERVICE_UNAVAILABLE,
      );
    }
    const body = parseBody<T>(text);
    if (status < 200 || status >= 300 || body.errors?.length || !body.data) {
      const first = body.errors?.[0];
      const unavailable =
        UNAVAILABLE_STATUSES.includes(status) || first?.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE;
      throw new SubgraphUnavailableError(
        this.name,
        first?.message ?? `HTTP ${status}`,
        unavailable ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_SERVER_ERROR,
      );
    }
    return body.data;
  }
}

interface AnswerBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function parseBody<T>(text: string): AnswerBody<T> {
  try {
    return JSON.parse(text) as AnswerBody<T>;
  } catch {
    return {};
  }
}
