import { request } from 'undici';
import { IDENTITY_HEADER } from '@mingshi/auth';
import { DomainError, ErrorCode } from '@mingshi/graphql';
import { REQUEST_ID_HEADER } from '@mingshi/logger';
import { serviceConnections } from './connections';
import type { SubgraphContext } from './context';

/** Another subgraph could not answer; surfaces as an internal error, never as a silent null. */
export class SubgraphUnavailableError extends DomainError {
  constructor(name: string, detail: string) {
    super(ErrorCode.INTERNAL_SERVER_ERROR, `The ${name} service could not answer: ${detail}`);
  }
}

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
      throw new SubgraphUnavailableError(this.name, (error as Error).message);
    }
    const body = parseBody<T>(text);
    if (status < 200 || status >= 300 || body.errors?.length || !body.data) {
      throw new SubgraphUnavailableError(this.name, body.errors?.[0]?.message ?? `HTTP ${status}`);
    }
    return body.data;
  }
}

function parseBody<T>(text: string): { data?: T; errors?: { message: string }[] } {
  try {
    return JSON.parse(text) as { data?: T; errors?: { message: string }[] };
  } catch {
    return {};
  }
}
