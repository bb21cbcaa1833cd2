import DataLoader from 'dataloader';
import { In, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { alignToKeys, groupToKeys, type RequestTransaction } from '@mingshi/db';
import { isUuid } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import {
  ExpenseEntity,
  FundAdjustmentEntity,
  FundAllocationEntity,
  FundDisbursementEntity,
} from '../entities';
import { fundStatsLoader } from './fund-stats.service';
import { loadFunding, loadMoneyReadableStudios, type FundingKey } from './funding.service';
import { canRead, readableMoney } from './money-reach';

/**
 * Loaders of allocations, expenses and studios: one query per kind for a whole page. Rows outside
 * the caller's region never come back (row-level security); rows inside it that the caller's role
 * may not read (another host's studio) load as null.
 */
export function createFundLoaders(tx: RequestTransaction, ctx: () => FinanceContext) {
  /**
   * Children of allocations, grouped per allocation. They are reached only through an allocation
   * the caller may read, so row-level security is their only filter.
   */
  const childrenOf = <T extends ObjectLiteral & { allocationId: string }>(
    entity: new () => T,
    order: FindOptionsOrder<T>,
  ) =>
    new DataLoader<string, T[]>(async (allocationIds) =>
      groupToKeys(
        allocationIds,
        await (
          await tx.manager()
        )
          .getRepository(entity)
          .find({ where: { allocationId: In(allocationIds.filter(isUuid)) } as FindOptionsWhere<T>, order }),
        (row) => row.allocationId,
      ),
    );

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
    /** The same without host and school, which spares workshop a question to personnel. */
    studioState: new DataLoader((ids: readonly string[]) => ctx().studios.states(ctx(), ids)),
    adjustmentsByAllocation: childrenOf(FundAdjustmentEntity, { id: 'ASC' }),
    disbursementsByAllocation: childrenOf(FundDisbursementEntity, { id: 'ASC' }),
    expensesByAllocation: childrenOf(ExpenseEntity, { submittedAt: 'ASC', id: 'ASC' }),
    /** A studio's allocations the caller may read, newest year first. */
    allocationsByWorkshop: new DataLoader<string, FundAllocationEntity[]>(async (workshopIds) => {
      const rows = await (await tx.manager()).getRepository(FundAllocationEntity).find({
        where: { workshopId: In(workshopIds.filter(isUuid)) },
        order: { year: 'DESC', sourceLevel: 'ASC' },
      });
      const reach = await readableMoney(ctx());
      return groupToKeys(
        workshopIds,
        rows.filter((row) => canRead(reach, row)),
        (row) => row.workshopId,
      );
    }),
    /** Whether the caller may read a studio's money at all (Workshop.funding is null otherwise). */
    moneyReadable: new DataLoader<string, boolean>((workshopIds) =>
      loadMoneyReadableStudios(ctx(), workshopIds),
    ),
    /** A studio's funding for a year: one SQL statement for a whole page of studios. */
    funding: new DataLoader((keys: readonly FundingKey[]) => loadFunding(ctx(), keys), {
      cacheKeyFn: (key: FundingKey) => `${key.workshopId}:${key.year}`,
    }),
    /** Fund statistics over region ranges: one SQL statement for every region asking the same. */
    fundStats: fundStatsLoader(ctx),
  };
}
