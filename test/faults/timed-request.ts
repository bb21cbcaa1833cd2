import type { GraphQLResponse } from '@mingshi/testing';

/**
 * How one request through the gateway ended, as a client sees it:
 * - `ok`: an answer without errors;
 * - `partial`: data and errors, every error with a code (the plan could serve part of it);
 * - `error`: errors only, every one with a code (GraphQL or HTTP, e.g. 504 TIMEOUT);
 * - `unreachable`: no HTTP answer at all (connection refused or reset): nothing listened;
 * - `unclear`: an answer a client cannot act on: not JSON, or an error without `extensions.code`;
 * - `hang`: no answer within the client's deadline.
 */
export type Verdict = 'ok' | 'partial' | 'error' | 'unreachable' | 'unclear' | 'hang';

export interface RequestOutcome {
  /** Which stream and operation sent it: `read:teachers page`, `approve`, `report` … */
  operation: string;
  startedAt: number;
  ms: number;
  verdict: Verdict;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** Each error's `extensions.code`, or the network error's code when there was no answer. */
  codes: string[];
  /** The first error's message, when it failed: what the client was told. */
  message?: string;
}

export interface TimedAnswer<TData> {
  outcome: RequestOutcome;
  response?: GraphQLResponse<TData>;
}

/**
 * Posts one operation with a deadline of the client's own: whatever the server does, the call ends
 * by `deadlineMs`, and an answer that did not come by then is a hang, not a wait.
 */
export async function timedGraphQL<TData = Record<string, any>>(
  url: string,
  operation: string,
  request: { query: string; variables?: Record<string, unknown>; headers?: Record<string, string> },
  deadlineMs: number,
): Promise<TimedAnswer<TData>> {
  const startedAt = Date.now();
  const done = (verdict: Verdict, codes: string[], status?: number, message?: string): RequestOutcome => ({
    operation,
    startedAt,
    ms: Date.now() - startedAt,
    verdict,
    codes,
    ...(status === undefined ? {} : { status }),
    ...(message === undefined ? {} : { message: message.slice(0, 300) }),
  });
  let answer: Response;
  let text: string;
  try {
    // One signal for the whole exchange: a server that sends headers and then stalls is a hang too.
    const signal = AbortSignal.timeout(deadlineMs);
    answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }),
      signal,
    });
    text = await answer.text();
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return { outcome: done('hang', ['CLIENT_DEADLINE']) };
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    return { outcome: done('unreachable', [networkCode(error)], undefined, cause.message) };
  }
  let body: Omit<GraphQLResponse<TData>, 'status' | 'headers'>;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { outcome: done('unclear', ['NOT_JSON'], answer.status, text) };
  }
  const response: GraphQLResponse<TData> = { status: answer.status, headers: answer.headers, ...body };
  const errors = body.errors ?? [];
  const codes = errors.map((error) => String(error.extensions?.code ?? 'NO_CODE'));
  if (errors.length === 0) return { outcome: done('ok', [], answer.status), response };
  const message = errors[0]!.message;
  if (codes.includes('NO_CODE')) return { outcome: done('unclear', codes, answer.status, message), response };
  const verdict = hasData(body.data) ? 'partial' : 'error';
  return { outcome: done(verdict, codes, answer.status, message), response };
}

/** Whether any top-level field of the answer carries data. */
function hasData(data: unknown): boolean {
  return !!data && typeof data === 'object' && Object.values(data).some((value) => value !== null);
}

/** fetch (undici) wraps the socket's error: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET … */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).name;
}
