import { sampleValue } from '@mingshi/testing';
import { probe, type Operation, type Target } from './load';

/** Read off each subgraph's /metrics here; its spec pins how. */
export { sampleValue };

/** One page size's SQL, per page sent through the gateway. */
export interface PageStatements {
  /** `first` of the page. */
  first: number;
  /** Rows the page answered: fewer than `first` when the caller sees fewer. */
  rows: number;
  /** Pages sent, one at a time, between the two readings of the counters. */
  pages: number;
  /** SQL statements per page, by subgraph (its GraphQL requests' transactions only). */
  statements: Record<string, number>;
  /** GraphQL requests each subgraph answered per page: the gateway's and other subgraphs' calls. */
  requests: Record<string, number>;
  total: number;
}

export interface StatementCounts {
  scenario: string;
  sizes: PageStatements[];
  /** The same statements per page whatever its size: no statement per row anywhere. */
  flat: boolean;
}

const STATEMENTS = 'mingshi_sql_statements_total{transaction="request"}';
const REQUESTS = 'mingshi_graphql_requests_total';

/** Each subgraph's counters, from its /metrics (libs/subgraph-server/src/metrics.ts). */
async function readCounters(subgraphUrls: Record<string, string>) {
  return Object.fromEntries(
    await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        const response = await fetch(url.replace(/\/graphql$/, '/metrics'));
        if (!response.ok) throw new Error(`${name}'s /metrics answered ${response.status}`);
        const text = await response.text();
        return [name, { statements: sampleValue(text, STATEMENTS), requests: sampleValue(text, REQUESTS) }];
      }),
    ),
  ) as Record<string, { statements: number; requests: number }>;
}

/**
 * The statements a page costs each subgraph, for each page size: the counters are read before and
 * after `pages` pages sent one at a time (nothing else runs then; the counters leave out the
 * relays' and workers' statements), after one page that warms whatever caches there are.
 */
export async function countStatements(options: {
  scenario: string;
  gateway: Target;
  subgraphUrls: Record<string, string>;
  page: (first: number) => Operation;
  rows: (data: Record<string, unknown>) => number;
  sizes: readonly number[];
  pages: number;
}): Promise<StatementCounts> {
  const sizes: PageStatements[] = [];
  for (const first of options.sizes) {
    const operation = options.page(first);
    const rows = options.rows(await probe(options.gateway, operation));
    const before = await readCounters(options.subgraphUrls);
    for (let i = 0; i < options.pages; i++) await probe(options.gateway, operation);
    const after = await readCounters(options.subgraphUrls);
    const per = (pick: (c: { statements: number; requests: number }) => number) =>
      Object.fromEntries(
        Object.keys(after)
          .map((name) => [name, round((pick(after[name]!) - pick(before[name]!)) / options.pages)] as const)
          .filter(([, value]) => value > 0),
      );
    const statements = per((c) => c.statements);
    const total = round(Object.values(statements).reduce((sum, n) => sum + n, 0));
    sizes.push({ first, rows, pages: options.pages, statements, requests: per((c) => c.requests), total });
  }
  return { scenario: options.scenario, sizes, flat: new Set(sizes.map((s) => s.total)).size === 1 };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
