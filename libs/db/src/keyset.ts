import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError, toConnection, type Connection, type Page } from '@mingshi/graphql';

/**
 * Keyset pagination: rows after the cursor's values in `columns` order. Unlike OFFSET, page 500
 * costs the same as page 1, which matters for province-wide lists. `descending` reads every
 * column newest first (one direction for all, so the row comparison stays one index range).
 */
export async function fetchConnection<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: Page,
  keyset: { columns: string[]; valuesOf: (row: T) => unknown[]; descending?: boolean },
): Promise<Connection<T>> {
  const counted = query.clone();
  const direction = keyset.descending ? 'DESC' : 'ASC';
  const paged = query.clone();
  if (page.after) {
    if (page.after.length !== keyset.columns.length) {
      throw new BadUserInputError('after is not a cursor for this list', 'after');
    }
    const params = Object.fromEntries(page.after.map((value, i) => [`keyset_${i}`, value]));
    paged.andWhere(
      `(${keyset.columns.join(', ')}) ${keyset.descending ? '<' : '>'} (${page.after.map((_, i) => `:keyset_${i}`).join(', ')})`,
      params,
    );
  }
  keyset.columns.forEach((column, i) =>
    i === 0 ? paged.orderBy(column, direction) : paged.addOrderBy(column, direction),
  );
  const rows = await paged.limit(page.limit + 1).getMany();
  return toConnection(rows, page, keyset.valuesOf, () => counted.getCount());
}
