import type { RequestTransaction } from '@mingshi/db';
import type { FinanceContext } from '../context';

/** Loaders of fund events and webhook deliveries (placeholder until the events work lands). */
export function createEventLoaders(_tx: RequestTransaction, _ctx: () => FinanceContext) {
  return {};
}
