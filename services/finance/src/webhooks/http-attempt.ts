import { parseRetryAfter } from './retry-schedule';

/** What one HTTP attempt came to, as recorded in webhook_attempt. */
export interface AttemptOutcome {
  /** Null when no answer came (timeout, refused connection, refused address). */
  statusCode: number | null;
  durationMs: number;
  snippet: string | null;
  retryAfterMs: number | null;
}

/** The longest snippet of an answer kept with an attempt (the column's length). */
export const MAX_SNIPPET = 500;

/**
 * POSTs one signed body. Redirects are not followed: a redirect could lead anywhere, past the
 * address check the URL passed.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'mingshi-finance-webhooks', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const snippet = await readSnippet(response);
    const retryAfterMs =
      response.status === 429 || response.status === 503
        ? parseRetryAfter(response.headers.get('retry-after'))
        : null;
    return { statusCode: response.status, durationMs: Date.now() - started, snippet, retryAfterMs };
  } catch (error) {
    return {
      statusCode: null,
      durationMs: Date.now() - started,
      snippet: truncate(networkError(error)),
      retryAfterMs: null,
    };
  }
}

/** The start of the answer, read no further than needed. */
async function readSnippet(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < MAX_SNIPPET * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text === '' ? null : truncate(text);
}

export function truncate(text: string): string {
  const chars = [...text];
  return chars.length > MAX_SNIPPET ? chars.slice(0, MAX_SNIPPET).join('') : text;
}

function networkError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${error.message}: ${cause.code}` : error.message;
  }
  return String(error);
}
