import DataLoader from 'dataloader';
import { In, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { isUuid } from '@mingshi/graphql';
import { alignToKeys, groupToKeys } from './batch';
import type { RequestTransaction } from './request-transaction';

/**
 * Per-request DataLoaders over the request's transaction: one query for a whole page of keys, and
 * rows row-level security hides from the caller never come back. Keys that are not uuids match
 * nothing (a malformed id is simply not found, never a database error).
 */

/** Rows by id; a row the caller may not see loads as null. */
export function rowsById<T extends ObjectLiteral & { id: string }>(
  tx: RequestTransaction,
  entity: new () => T,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) =>
    alignToKeys(
      ids,
      await (
        await tx.manager()
      )
        .getRepository(entity)
        .findBy({ id: In(ids.filter(isUuid)) } as FindOptionsWhere<T>),
      (row) => row.id,
    ),
  );
}

/** Rows whose uuid `column` is one of the keys, grouped per key in key order. */
export function rowsByColumn<T extends ObjectLiteral>(
  tx: RequestTransaction,
  entity: new () => T,
  column: keyof T & string,
  order: FindOptionsOrder<T>,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) =>
    groupToKeys(
      keys,
      await (
        await tx.manager()
      )
        .getRepository(entity)
        .find({ where: { [column]: In(keys.filter(isUuid)) } as FindOptionsWhere<T>, order }),
      (row) => row[column] as string,
    ),
  );
}
