import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { alignToKeys, type RequestTransaction } from '@mingshi/db';
import { isUuid } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import { ExpenseEntity, FundAllocationEntity } from '../entities';
import { canRead, readableMoney } from './money-reach';

/**
 * Loaders of allocations, expenses and studios: one query per kind for a whole page. Rows outside
 * the caller's region never come back (row-level security); rows inside it that the caller's role
 * may not read (another host's studio) load as null.
 */
export function createFundLoaders(tx: RequestTransaction, ctx: () => FinanceContext) {
  return {
    allocation: new DataLoader<string, FundAllocationEntity | null>(async (ids) => {
      const rows = await (
        await tx.manager()
      )
        .getRepository(FundAllocationEntity)
        .findBy({ id: In(ids.filter(isUuid)) });
      const reach = await readableMoney(ctx());
      return alignToKeys(
        ids,
        rows.filter((row) => canRead(reach, row)),
        (row) => row.id,
      );
    }),
    expense: new DataLoader<string, ExpenseEntity | null>(async (ids) => {
      const manager = await tx.manager();
      const rows = await manager.getRepository(ExpenseEntity).findBy({ id: In(ids.filter(isUuid)) });
      const allocations = await manager
        .getRepository(FundAllocationEntity)
        .findBy({ id: In([...new Set(rows.map((row) => row.allocationId))]) });
      const schoolOf = new Map(allocations.map((a) => [a.id, a.hostSchoolId]));
      const reach = await readableMoney(ctx());
      return alignToKeys(
        ids,
        rows.filter((row) =>
          canRead(reach, { workshopId: row.workshopId, hostSchoolId: schoolOf.get(row.allocationId) ?? '' }),
        ),
        (row) => row.id,
      );
    }),
    /** Studios as the workshop subgraph shows them to the caller: one `_entities` call per batch. */
    studio: new DataLoader((ids: readonly string[]) => ctx().studios.studios(ctx(), ids)),
  };
}
