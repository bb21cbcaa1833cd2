import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError, toConnection, type Connection, type Page } from '@mingshi/graphql';

/** A column (or SQL expression) of a keyset with its own direction, for orders that mix them. */
export interface KeysetColumn {
  /** SQL of the column or expression, e.g. `w.name` or `date_trunc('milliseconds', w.created_at)`. */
  sql: string;
  descending?: boolean;
}

export interface Keyset<T> {
  /** The order, most significant first; the last must make it total (a unique id). */
  columns: (string | KeysetColumn)[];
  /** The values of `columns` for a row, as its cursor carries them. */
  valuesOf: (row: T) => unknown[];
  /** Every plain-string column newest first; a KeysetColumn says its own direction. */
  descending?: boolean;
  /**
   * Names the order a cursor was issued for, for lists a client may order several ways: it is
   * written into the cursor, and a cursor of another order is refused rather than read as a
   * position in this one.
   */
  order?: string;
  /** Whether decoded cursor values can be this keyset's (types, formats); refused otherwise. */
  accepts?: (values: unknown[]) => boolean;
}

/**
 * Keyset pagination: rows after the cursor's values in `columns` order. Unlike OFFSET, page 500
 * costs the same as page 1, which matters for province-wide lists. When every column runs one
 * way the position is one row comparison, `(a, b) > (x, y)`, which PostgreSQL reads as one index
 * range; an order mixing directions (newest first, ties by id) spells it out column by column.
 */
export async function fetchConnection<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: Page,
  keyset: Keyset<T>,
): Promise<Connection<T>> {
  const columns = keyset.columns.map((column) =>
    typeof column === 'string'
      ? { sql: column, descending: keyset.descending ?? false }
      : { sql: column.sql, descending: column.descending ?? false },
  );
  const counted = query.clone();
  const paged = query.clone();
  if (page.after) {
    const values = readCursor(page.after, keyset, columns.length);
    const params = Object.fromEntries(values.map((value, i) => [`keyset_${i}`, value]));
    paged.andWhere(afterPosition(columns), params);
  }
  columns.forEach(({ sql, descending }, i) => {
    const direction = descending ? 'DESC' : 'ASC';
    if (i === 0) paged.orderBy(sql, direction);
    else paged.addOrderBy(sql, direction);
  });
  const rows = await paged.limit(page.limit + 1).getMany();
  const cursorOf = keyset.order
    ? (row: T) => [keyset.order, ...keyset.valuesOf(row)]
    : (row: T) => keyset.valuesOf(row);
  return toConnection(rows, page, cursorOf, () => counted.getCount());
}

/** The cursor's keyset values, once it is known to be one this keyset issued. */
function readCursor<T>(after: unknown[], keyset: Keyset<T>, length: number): unknown[] {
  const values = keyset.order ? after.slice(1) : after;
  const fits =
    (!keyset.order || after[0] === keyset.order) &&
    values.length === length &&
    (keyset.accepts?.(values) ?? true);
  if (!fits) throw new BadUserInputError('after is not a cursor for this list', 'after');
  return values;
}

/** The SQL condition "after the cursor's position", its values as `:keyset_<i>`. */
function afterPosition(columns: Required<KeysetColumn>[]): string {
  const oneWay = columns.every((c) => c.descending === columns[0]!.descending);
  if (oneWay) {
    const values = columns.map((_, i) => `:keyset_${i}`).join(', ');
    return `(${columns.map((c) => c.sql).join(', ')}) ${columns[0]!.descending ? '<' : '>'} (${values})`;
  }
  // (a > x) OR (a = x AND b < y) OR …: each step ties the columns before it and passes this one.
  const steps = columns.map((column, i) => {
    const ties = columns.slice(0, i).map((earlier, j) => `${earlier.sql} = :keyset_${j}`);
    const passes = `${column.sql} ${column.descending ? '<' : '>'} :keyset_${i}`;
    return `(${[...ties, passes].join(' AND ')})`;
  });
  return `(${steps.join(' OR ')})`;
}
