import type { RequestTransaction } from '@mingshi/db';
import type { FinanceContext } from '../context';

/** Loaders of allocations, expenses and studios (placeholder until the funds work lands). */
export function createFundLoaders(_tx: RequestTransaction, _ctx: () => FinanceContext) {
  return {};
}
