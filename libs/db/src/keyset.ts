import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError, toConnection, type Connection, type Page } from '@mingshi/graphql';

/** The direction of one column of a keyset order. */
export type KeysetDirection = 'ASC' | 'DESC';

/** How a list is ordered and how its cursors read. */
export interface Keyset<T> {
  /**
   * SQL expressions of the order, most significant first: columns or computed values (a sum over
   * child rows), each never null, together unique (end with the id).
   */
  columns: string[];
  /**
   * The cursor values of a row, in `columns` order. Omitted: each column is selected with the row
   * (as text) and the cursor carries what the database compared, which a computed column needs.
   */
  valuesOf?: (row: T) => unknown[];
  /** Every column newest first (one direction for all, so the row comparison stays one index range). */
  descending?: boolean;
  /** One direction per column, for orders that mix them; overrides `descending`. */
  directions?: KeysetDirection[];
  /**
   * Names the order in its cursors, so that a cursor of one order is refused by another instead of
   * comparing, say, a name with a date. Null or omitted for a list's default order, whose cursors
   * are the bare values.
   */
  order?: string | null;
  /** Whether decoded cursor values fit the columns (issued by this API, not forged into a cast error). */
  accepts?: (values: unknown[]) => boolean;
}

/**
 * Keyset pagination: rows after the cursor's values in `columns` order. Unlike OFFSET, page 500
 * costs the same as page 1, which matters for province-wide lists.
 */
export async function fetchConnection<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: Page,
  keyset: Keyset<T>,
): Promise<Connection<T>> {
  const counted = query.clone();
  const directions = keyset.columns.map(
    (_, i) => keyset.directions?.[i] ?? (keyset.descending ? 'DESC' : 'ASC'),
  );
  const label = keyset.order ?? null;
  const paged = query.clone();
  if (page.after) {
    const values = cursorValues(page.after, keyset.columns.length, label);
    if (keyset.accepts && !keyset.accepts(values)) {
      throw new BadUserInputError('after is not a cursor this API issued', 'after');
    }
    const params = Object.fromEntries(values.map((value, i) => [`keyset_${i}`, value]));
    paged.andWhere(
      afterCondition(
        keyset.columns,
        directions,
        values.map((_, i) => `:keyset_${i}`),
      ),
      params,
    );
  }
  keyset.columns.forEach((column, i) =>
    i === 0 ? paged.orderBy(column, directions[i]) : paged.addOrderBy(column, directions[i]),
  );
  paged.limit(page.limit + 1);
  const labelled = (values: unknown[]) => (label === null ? values : [label, ...values]);
  if (keyset.valuesOf) {
    const valuesOf = keyset.valuesOf;
    const rows = await paged.getMany();
    return toConnection(
      rows,
      page,
      (row) => labelled(valuesOf(row)),
      () => counted.getCount(),
    );
  }
  keyset.columns.forEach((column, i) => paged.addSelect(`(${column})::text`, `keyset_${i}`));
  const { entities, raw } = await paged.getRawAndEntities<Record<string, unknown>>();
  // With no join that repeats a row (a teacher's one training year may join) TypeORM answers one
  // entity per raw row, in the same order.
  const cursors = new Map(
    entities.map((entity, i) => [entity, keyset.columns.map((_, c) => raw[i]![`keyset_${c}`])]),
  );
  return toConnection(
    entities,
    page,
    (row) => labelled(cursors.get(row)!),
    () => counted.getCount(),
  );
}

/**
 * "After these values" in a keyset order. One direction for all: a row comparison, which
 * PostgreSQL reads as one index range. Mixed: the row is after the cursor when it equals it on the
 * first i columns and lies beyond it on the next, for some i.
 */
export function afterCondition(
  columns: readonly string[],
  directions: readonly KeysetDirection[],
  values: readonly string[],
): string {
  const beyond = (d: KeysetDirection) => (d === 'DESC' ? '<' : '>');
  if (directions.every((d) => d === directions[0])) {
    return `(${columns.join(', ')}) ${beyond(directions[0] ?? 'ASC')} (${values.join(', ')})`;
  }
  const alternatives = columns.map((column, i) =>
    [
      ...columns.slice(0, i).map((equal, j) => `${equal} = ${values[j]}`),
      `${column} ${beyond(directions[i]!)} ${values[i]}`,
    ].join(' AND '),
  );
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

/** The values of a decoded cursor, refused when it is not one of this list in this order. */
function cursorValues(after: unknown[], columns: number, label: string | null): unknown[] {
  const values = label === null ? after : after.slice(1);
  if ((label !== null && after[0] !== label) || values.length !== columns) {
    throw new BadUserInputError(
      label === null
        ? 'after is not a cursor for this list'
        : 'after is not a cursor for this list in this order: pass the orderBy its page was read with',
      'after',
    );
  }
  return values;
}
