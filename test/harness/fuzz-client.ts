import { requestBody } from './graphql-literal';

export interface AnsweredError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, any>;
}

/** How the gateway answered one fuzz request, or that it did not answer in time. */
export interface Answer {
  /** HTTP status; 0 when no answer came (time budget spent, or the connection failed). */
  status: number;
  ms: number;
  timedOut: boolean;
  /** Set when no answer came for another reason than the time budget, or the body was no JSON. */
  failure?: string;
  data?: Record<string, unknown> | null;
  errors: AnsweredError[];
}

/**
 * Posts one operation with a time budget. A request that outlives it is abandoned (the fetch is
 * aborted) and reported as unanswered, so one hang fails its case instead of the whole test run.
 */
export async function sendWithin(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  budgetMs: number,
): Promise<Answer> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: requestBody(query, variables),
      signal: AbortSignal.timeout(budgetMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      status: 0,
      ms: elapsed(),
      timedOut,
      errors: [],
      ...(timedOut ? {} : { failure: String(error) }),
    };
  }
  try {
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: AnsweredError[] };
    return {
      status: response.status,
      ms: elapsed(),
      timedOut: false,
      data: body.data,
      errors: body.errors ?? [],
    };
  } catch {
    return {
      status: response.status,
      ms: elapsed(),
      timedOut: false,
      errors: [],
      failure: `body is not JSON: ${JSON.stringify(text.slice(0, 120))}`,
    };
  }
}
