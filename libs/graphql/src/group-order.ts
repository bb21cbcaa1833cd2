/**
 * How grouped figures (teacherStats, workshopStats, activityStats) are ordered when the service
 * orders them itself: by the dimensions in the order asked, each by its own nature — regions by
 * code, enums as declared (`enumOrder`), studios and schools by name, years and months ascending,
 * false before true — and "none" (a province studio's county) after every value. So an answer is
 * stable from one call to the next, whatever order the database produced the groups in, and names
 * compare by code point rather than by the database's collation.
 */

/** A group's value of one dimension: a code, enum value, month, year, name or flag; null for none. */
export type GroupValue = string | number | boolean | null;

/** How one dimension's values compare, nulls aside. */
export type ValueOrder =
  | { kind: 'text' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'declared'; values: readonly string[] };

/** Compares two values of one dimension: ascending, none last. */
export function compareValues(order: ValueOrder, a: GroupValue, b: GroupValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  switch (order.kind) {
    case 'number':
    case 'boolean':
      return Number(a) - Number(b);
    case 'declared':
      return declaredPlace(order.values, a) - declaredPlace(order.values, b);
    case 'text':
      return String(a) < String(b) ? -1 : 1;
  }
}

/**
 * Groups ordered by their keys: `keysOf` gives each group's sort values, one per dimension asked
 * (a studio sorts by name, then id — two values), and `orders` how each compares.
 */
export function orderGroups<T>(
  groups: readonly T[],
  orders: readonly ValueOrder[],
  keysOf: (group: T) => GroupValue[],
): T[] {
  const keyed = groups.map((group) => ({ group, keys: keysOf(group) }));
  keyed.sort((x, y) => {
    for (const [i, order] of orders.entries()) {
      const difference = compareValues(order, x.keys[i] ?? null, y.keys[i] ?? null);
      if (difference !== 0) return difference;
    }
    return 0;
  });
  return keyed.map(({ group }) => group);
}

/** A value's place among the declared values; after all of them when it is none of them. */
function declaredPlace(values: readonly string[], value: GroupValue): number {
  const place = values.indexOf(String(value));
  return place === -1 ? Infinity : place;
}
