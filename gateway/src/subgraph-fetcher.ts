import { STATUS_CODES } from 'node:http';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { Histogram } from 'prom-client';
import { request } from 'undici';
import { serviceConnections } from '@mingshi/subgraph-server';
import { metricsRegistry } from '@mingshi/telemetry';
import { budgetSignal } from './deadline';

/** One HTTP fetch to a subgraph, from sending the request to having read its answer. */
export const subgraphFetchDuration = new Histogram({
  name: 'mingshi_subgraph_fetch_duration_seconds',
  help: 'One HTTP fetch from the gateway to a subgraph, request sent to answer read, by subgraph',
  labelNames: ['subgraph'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
  registers: [metricsRegistry],
});

/**
 * The gateway's HTTP client to its subgraphs: undici's `request` over kept-alive connections.
 *
 * Apollo's default (make-fetch-happen) is built for npm's registry traffic: an agent lookup, a
 * retry wrapper and a cache policy per request. undici's own `fetch` is little better, as it
 * builds web streams for every body. Profiles of the gateway under load put a quarter (make-fetch-
 * happen) and nearly half (undici fetch) of its busy CPU in the client; `request` reads the answer
 * straight from the socket. Subgraph traffic needs none of the rest: a few origins, no cache, and
 * no retries (the caller's budget is already being spent).
 *
 * Answers are asked for uncompressed: the subgraphs sit next to the gateway, and compressing and
 * inflating every answer would cost both sides CPU to save bandwidth nobody pays for.
 */
export function subgraphFetcher(): {
  /** The fetcher of one subgraph's data source: its fetches are timed under its name. */
  fetcherFor: (subgraph: string) => Fetcher;
  close: () => Promise<void>;
} {
  const agent = serviceConnections();
  const fetcherFor = (subgraph: string): Fetcher => {
    const duration = subgraphFetchDuration.labels(subgraph);
    return async (url, init) => {
      const started = process.hrtime.bigint();
      try {
        const answer = await request(url, {
          method: (init?.method ?? 'GET') as 'POST',
          headers: { ...init?.headers, 'accept-encoding': 'identity' },
          body: init?.body,
          signal: budgetSignal(init?.headers),
          dispatcher: agent,
        });
        return new SubgraphResponse(url, answer.statusCode, answer.headers, await answer.body.text());
      } finally {
        duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
      }
    };
  };
  return { fetcherFor, close: () => agent.close() };
}

/** The answer as Apollo's data source reads it: status, headers and a body already read whole. */
class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: Headers;
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.headers = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
        this.headers.append(name, one);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  async text(): Promise<string> {
    this.used = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new SubgraphResponse(this.url, this.status, Object.fromEntries(this.headers), this.body);
  }
}
