import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { postGraphQL } from '@mingshi/testing';

/** Where one scenario is sent, and the headers that authenticate it there. */
export interface Target {
  url: string;
  /** Called again while the load runs, so short-lived credentials stay valid for any duration. */
  headers: () => Promise<Record<string, string>>;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export interface LoadOptions {
  /** Seconds. */
  duration: number;
  connections: number;
  /**
   * Requests to send in all, instead of for `duration`: the run then lasts until every one is
   * answered or has failed, however slow (a quick run's second at 100 callers may answer none).
   */
  amount?: number;
}

/** What one load run measured; latencies in milliseconds, counting 2xx responses only. */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Of the errors, requests unanswered after CLIENT_TIMEOUT_S. */
  timeouts: number;
  /**
   * Requests still in flight when the run's time was up, which autocannon abandons: neither
   * answered nor failed, and missing from the latencies. Many of them mean the run was too short
   * for its callers (each waited longer than the run lasted).
   */
  abandoned: number;
  non2xx: number;
  /** Responses whose body carries GraphQL `errors` or no `data` (every non-2xx one among them). */
  graphqlErrors: number;
  /**
   * What those responses said, counted: their first error's `extensions.code` and message, so a
   * failed run names its cause (TIMEOUT past the budget, a refusal, a crash) instead of a count.
   */
  failedAnswers: Record<string, number>;
}

/** A probe or load run got wrong answers: numbers for failing requests mean nothing. */
export class BenchError extends Error {
  override readonly name = 'BenchError';
}

/** Seconds autocannon waits for an answer before it counts a timeout (its default is 10). */
const CLIENT_TIMEOUT_S = 20;

/** The gateway signs subgraph identities for 60 s (libs/auth/identity.ts); refresh well inside that. */
const HEADER_REFRESH_MS = 20_000;

/**
 * Sends the operation once and checks the answer before any load, so a refusal (expired identity,
 * scope, a typo in the query) fails loudly instead of being timed. Returns the response data.
 */
export async function probe(target: Target, operation: Operation): Promise<Record<string, unknown>> {
  const response = await postGraphQL(
    target.url,
    operation.query,
    operation.variables,
    await target.headers(),
  );
  if (response.status !== 200 || response.errors?.length || !response.data) {
    throw new BenchError(
      `${target.url} answered ${response.status}: ${JSON.stringify(response.errors ?? response.data)}`,
    );
  }
  return response.data;
}

export async function load(target: Target, operation: Operation, options: LoadOptions): Promise<LoadResult> {
  const clients: autocannon.Client[] = [];
  let headers = await target.headers();
  const refresh = setInterval(() => {
    target
      .headers()
      .then((fresh) => {
        headers = fresh;
        for (const client of clients) client.setHeaders(fresh);
      })
      // The requests that follow fail and are counted; the cause belongs next to them.
      .catch((error: unknown) => console.error('could not refresh headers:', error));
  }, HEADER_REFRESH_MS);
  // Latencies from each answer as it comes: autocannon's own summary has no 95th percentile.
  const latencies: number[] = [];
  const failedAnswers: Record<string, number> = {};
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: target.url,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(operation),
          duration: options.duration,
          connections: options.connections,
          ...(options.amount ? { amount: options.amount } : {}),
          // Longer than the gateway's own budget (GATEWAY_TIMEOUT_MS, 15 s): a request that fails is
          // then one the system failed (TIMEOUT, 504), not one the client gave up on first.
          timeout: CLIENT_TIMEOUT_S,
          setupClient: (client) => {
            clients.push(client);
            client.setHeaders(headers);
          },
          // A substring test, not a parse: the client shares two cores with the servers it measures.
          verifyBody: (body) => {
            const clean = typeof body === 'string' && body.includes('"data"') && !body.includes('"errors"');
            if (!clean) tally(failedAnswers, whatItSaid(body));
            return clean;
          },
        },
        (error: unknown, done) => (error ? reject(error as Error) : resolve(done)),
      );
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
    });
    // autocannon hangs up on the requests still in flight, but the servers finish them: wait as long
    // as the slowest request took, so that the next run does not start on busy servers.
    await sleep(result.latency.max);
    latencies.sort((a, b) => a - b);
    return {
      requests: result.requests.total,
      // Not autocannon's mean of per-second samples: a run of a second or two has one or two.
      requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      errors: result.errors,
      timeouts: result.timeouts,
      abandoned: Math.max(0, result.requests.sent - result.requests.total - result.errors),
      non2xx: result.non2xx,
      graphqlErrors: result.mismatches,
      failedAnswers,
    };
  } finally {
    clearInterval(refresh);
  }
}

/** Distinct failures kept per run: enough to name the causes, bounded whatever the answers say. */
const MAX_FAILURE_KINDS = 5;

function tally(counts: Record<string, number>, what: string): void {
  if (what in counts || Object.keys(counts).length < MAX_FAILURE_KINDS)
    counts[what] = (counts[what] ?? 0) + 1;
}

/** A failed answer's first error as `CODE: message`, or the start of the body when it is no GraphQL answer. */
export function whatItSaid(body: unknown): string {
  const text = typeof body === 'string' ? body : String(body);
  try {
    const parsed = JSON.parse(text) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
    const first = parsed.errors?.[0];
    if (first)
      return `${String(first.extensions?.code ?? 'NO CODE')}: ${String(first.message).slice(0, 120)}`;
    return 'no data';
  } catch {
    return `not JSON: ${text.slice(0, 80)}`;
  }
}

/**
 * The nearest-rank percentile of latencies sorted in ascending order, rounded to 0.1 ms; 0 when
 * there are none (every request failed: the failure counts say so).
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(sorted[rank - 1]! * 10) / 10;
}

/** Requests without a clean answer. A non-2xx body carries `errors` too, so it is counted once. */
export function failedRequests(result: LoadResult): number {
  return result.errors + Math.max(result.non2xx, result.graphqlErrors);
}

/**
 * Why a run's numbers measure nothing, or null when they do: requests failed, or none was answered
 * in the run (each took longer than the run lasted, which no failure count shows).
 */
export function voidRun(result: LoadResult): string | null {
  if (failedRequests(result) > 0) {
    const said = Object.entries(result.failedAnswers).map(([what, count]) => `${count} × ${what}`);
    return `${failedRequests(result)} failed requests` + (said.length ? ` (${said.join('; ')})` : '');
  }
  if (result.requests === 0)
    return `no request answered (${result.abandoned} abandoned when the time was up)`;
  return null;
}

/**
 * What a client pays making the measured calls one after another on each connection: the time of a
 * round is the sum of the calls' times, so throughput combines harmonically and latencies add. The
 * p95 and p99 so added are upper bounds: the calls' slowest requests rarely fall in the same round.
 */
export function inSequence(calls: readonly LoadResult[]): LoadResult {
  if (calls.length === 1) return calls[0]!;
  const sum = (pick: (r: LoadResult) => number) => calls.reduce((total, r) => total + pick(r), 0);
  return {
    requests: Math.min(...calls.map((r) => r.requests)),
    requestsPerSecond: 1 / sum((r) => 1 / r.requestsPerSecond),
    p50: sum((r) => r.p50),
    p95: sum((r) => r.p95),
    p99: sum((r) => r.p99),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    abandoned: sum((r) => r.abandoned),
    non2xx: sum((r) => r.non2xx),
    graphqlErrors: sum((r) => r.graphqlErrors),
    failedAnswers: calls.reduce<Record<string, number>>((all, r) => {
      for (const [what, count] of Object.entries(r.failedAnswers)) all[what] = (all[what] ?? 0) + count;
      return all;
    }, {}),
  };
}
