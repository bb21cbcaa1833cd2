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
}

/** What one load run measured; latencies in milliseconds, counting 2xx responses only. */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Responses whose body carries GraphQL `errors` or no `data` (every non-2xx one among them). */
  graphqlErrors: number;
}

/** A probe or load run got wrong answers: numbers for failing requests mean nothing. */
export class BenchError extends Error {
  override readonly name = 'BenchError';
}

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
  try {
    const result = await autocannon({
      url: target.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(operation),
      duration: options.duration,
      connections: options.connections,
      setupClient: (client) => {
        clients.push(client);
        client.setHeaders(headers);
      },
      // A substring test, not a parse: the client shares two cores with the servers it measures.
      verifyBody: (body) => typeof body === 'string' && body.includes('"data"') && !body.includes('"errors"'),
    });
    // autocannon hangs up on the requests still in flight, but the servers finish them: wait as long
    // as the slowest request took, so that the next run does not start on busy servers.
    await sleep(result.latency.max);
    return {
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
      graphqlErrors: result.mismatches,
    };
  } finally {
    clearInterval(refresh);
  }
}

/** Requests without a clean answer. A non-2xx body carries `errors` too, so it is counted once. */
export function failedRequests(result: LoadResult): number {
  return result.errors + Math.max(result.non2xx, result.graphqlErrors);
}

/**
 * What a client pays making the measured calls one after another on each connection: the time of a
 * round is the sum of the calls' times, so throughput combines harmonically and latencies add. The
 * p99 so added is an upper bound: the calls' slowest requests rarely fall in the same round.
 */
export function inSequence(calls: readonly LoadResult[]): LoadResult {
  if (calls.length === 1) return calls[0]!;
  const sum = (pick: (r: LoadResult) => number) => calls.reduce((total, r) => total + pick(r), 0);
  return {
    requests: Math.min(...calls.map((r) => r.requests)),
    requestsPerSecond: 1 / sum((r) => 1 / r.requestsPerSecond),
    p50: sum((r) => r.p50),
    p99: sum((r) => r.p99),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    graphqlErrors: sum((r) => r.graphqlErrors),
  };
}
