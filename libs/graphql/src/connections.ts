import { BadUserInputError } from './errors';
import { InputCheck } from './input-check';

/** Page sizes: large enough for a front end's table, small enough that no query scans unbounded. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Validated page request: `limit` rows after the keyset position `after` (null: from the start). */
export interface Page {
  limit: number;
  after: unknown[] | null;
}

export function readPage(args: PageArgs): Page {
  const check = new InputCheck();
  const limit = check.wholeNumber(args.first ?? DEFAULT_PAGE_SIZE, 'first', 1, MAX_PAGE_SIZE);
  check.done();
  return { limit, after: args.after ? decodeCursor(args.after) : null };
}

/** Cursors are opaque to clients: the keyset values of the row, base64url-encoded JSON. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values)) return values;
  } catch {
    // fall through to the refusal below
  }
  throw new BadUserInputError('after is not a cursor this API issued', 'after');
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Counted only when a client asks for it: a count over a province is not free. */
  totalCount: () => Promise<number>;
}

/**
 * Builds a connection from rows fetched with `LIMIT page.limit + 1`: the extra row only tells
 * whether there is a next page.
 */
export function toConnection<T>(
  rows: T[],
  page: Page,
  keyOf: (row: T) => unknown[],
  count: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: count,
  };
}

/** A connection with no rows, for a request that can match nothing (e.g. a region outside scope). */
export function emptyConnection<T>(): Connection<T> {
  return {
    edges: [],
    nodes: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: async () => 0,
  };
}
