import { measuredLoaders, type RequestTransaction } from '@mingshi/db';
import type { FinanceContext } from './context';
import { createEventLoaders } from './webhooks/event-loaders';
import { createFundLoaders } from './services/fund-loaders';

/**
 * One set of loaders per request: each kind of row is fetched with one query for the whole page,
 * and rows the caller may not see never come back (row-level security on the request's
 * transaction).
 */
export function createLoaders(tx: RequestTransaction, ctx: () => FinanceContext) {
  return measuredLoaders({ ...createFundLoaders(tx, ctx), ...createEventLoaders(tx, ctx) });
}

export type FinanceLoaders = ReturnType<typeof createLoaders>;
