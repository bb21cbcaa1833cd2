/**
 * DataLoader batch functions must answer in the order of their keys. These align rows fetched with
 * one `WHERE key = ANY($1)` query back to the keys.
 */

/** One row (or null) per key. Null, not an Error, for a missing key: in a scoped service a row the
 * caller may not see must look exactly like a row that does not exist. */
export function alignToKeys<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map<K, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** All rows per key (possibly none), for one-to-many children. */
export function groupToKeys<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const byKey = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}
