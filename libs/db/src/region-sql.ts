/**
 * A row's region code read in SQL as the regions above it, for grouping by city or county. The
 * same reading of GB/T 2260 codes as `regionLevel` in libs/auth (region-scope.ts): a code ending
 * in 0000 is a province, in 00 a city, otherwise a county.
 */

/** The city a region lies in (itself for a city); null for a province. */
export function cityOfSql(column: string): string {
  return `CASE WHEN ${column} LIKE '__0000' THEN NULL ELSE substr(${column}, 1, 4) || '00' END`;
}

/** The county itself; null for a city or a province, which lie above every county. */
export function countyOfSql(column: string): string {
  return `CASE WHEN ${column} LIKE '____00' THEN NULL ELSE ${column} END`;
}
