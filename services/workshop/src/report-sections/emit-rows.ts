import type { SectionContext, WorkshopDatasets } from '@mingshi/reports';

/** The fields of a row type that hold numbers. */
export type NumericKeys<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T] & string;

/**
 * A PostgreSQL count or sum as a JS number. bigint and numeric arrive as strings; a figure past
 * 2^53 would lose digits in a number, so it is refused rather than rounded.
 */
export function exactNumber(value: unknown): number {
  if (typeof value !== 'number' && typeof value !== 'string')
    throw new Error(`Not a number: ${String(value)}`);
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER)
    throw new Error(`Not an exact number: ${value}`);
  return n;
}

/**
 * Streams a statement's rows into a dataset, with its numeric fields read by exactNumber. The
 * statement names its columns as the row type does.
 */
export async function emitRows<K extends keyof WorkshopDatasets & string>(
  ctx: SectionContext<WorkshopDatasets>,
  dataset: K,
  sql: string,
  params: unknown[],
  numeric: readonly NumericKeys<WorkshopDatasets[K]>[],
): Promise<void> {
  for await (const row of ctx.stream<Record<string, unknown>>(sql, params)) {
    for (const key of numeric) row[key] = exactNumber(row[key]);
    await ctx.emit(dataset, row as unknown as WorkshopDatasets[K]);
  }
}
