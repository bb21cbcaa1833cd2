import DataLoader from 'dataloader';
import type { RegionRange } from '@mingshi/auth';
import { MAX_STATS_GROUPS } from '@mingshi/graphql';
import { groupToKeys } from './batch';
import { enumPositionSql } from './enum-sql';

/**
 * The SQL shape every grouped aggregate (`fundStats`, `gradeStats` …) shares: one statement answers
 * the same question over several region ranges at once, each row carrying the place `k` of the
 * range it was counted for, so a province's cities (`regions { fundStats }`) cost one statement
 * and not one per city. The root field is the same statement over one range.
 */

/** A grouped aggregate asked over one region range: the range and the rest of the question. */
export interface RangedQuestion<Q> {
  range: RegionRange;
  /** The filter and grouping, read once; equal questions over different ranges share a statement. */
  question: Q;
}

/**
 * A per-request loader of grouped aggregates. Every load of one tick that asks the same question
 * (by `questionKey`) is answered by one call of `run` over all their ranges; different questions
 * run one after another, as the request's one transaction would anyway. `run` answers each range's
 * groups in the order of `ranges`, at most MAX_STATS_GROUPS + 1 of them (see `boundedPerRangeSql`);
 * the caller refuses more with `boundedGroups`, naming its own argument.
 */
export function rangedStatsLoader<Q, G>(
  run: (ranges: readonly RegionRange[], question: Q) => Promise<G[][]>,
  questionKey: (question: Q) => string,
): DataLoader<RangedQuestion<Q>, G[], string> {
  return new DataLoader<RangedQuestion<Q>, G[], string>(
    async (keys) => {
      const batches = new Map<string, number[]>();
      keys.forEach((key, i) => {
        const batch = questionKey(key.question);
        batches.set(batch, [...(batches.get(batch) ?? []), i]);
      });
      const answers: G[][] = new Array<G[]>(keys.length);
      for (const indices of batches.values()) {
        const groups = await run(
          indices.map((i) => keys[i]!.range),
          keys[indices[0]!]!.question,
        );
        indices.forEach((keyIndex, place) => (answers[keyIndex] = groups[place] ?? []));
      }
      return answers;
    },
    { cacheKeyFn: (key) => `${key.range.lo}-${key.range.hi}:${questionKey(key.question)}` },
  );
}

/**
 * The ranges of a batch as a FROM item with columns `(k, lo, hi)`, `k` being the range's place in
 * the batch: `FROM ${rangesTableSql(ranges, p)} AS s(k, lo, hi) JOIN … ON x.region_code BETWEEN s.lo AND s.hi`.
 */
export function rangesTableSql(ranges: readonly RegionRange[], param: (value: unknown) => string): string {
  const places = ranges.map((_, i) => i);
  return `unnest(${param(places)}::int[], ${param(ranges.map((r) => r.lo))}::text[], ${param(ranges.map((r) => r.hi))}::text[])`;
}

/**
 * At most MAX_STATS_GROUPS + 1 rows of each range of `grouped` (a statement whose rows carry their
 * range's place as `k`), in `order` (over `grouped`'s columns; empty for the totals): enough to tell a range that has
 * too many groups, however many ranges share the statement, without sending them all.
 */
export function boundedPerRangeSql(grouped: string, order: string): string {
  return `SELECT * FROM (
    SELECT g.*, row_number() OVER (PARTITION BY g.k${order ? ` ORDER BY ${order}` : ''}) AS group_number
      FROM (${grouped}) g
  ) numbered WHERE group_number <= ${MAX_STATS_GROUPS + 1} ORDER BY k, group_number`;
}

/** The rows of a batch statement, per range in the order of the batch. */
export function rowsPerRange<T extends { k: number }>(rangeCount: number, rows: T[]): T[][] {
  return groupToKeys(
    Array.from({ length: rangeCount }, (_, i) => i),
    rows,
    (row) => row.k,
  );
}

/**
 * One dimension of a grouped aggregate: the SQL of its value, the column it is answered in (a
 * quoted identifier, so camelCase comes back as written), and how
 * its groups are ordered — by value (codes, years: ascending) or by the declaration order of its
 * GraphQL enum. Nulls (no value: a province studio's city) come last.
 */
export interface StatsDimension {
  column: string;
  sql: string;
  order: 'value' | readonly string[];
}

/** `ORDER BY` terms for `dimensions`, in the order they are grouped by, over their (quoted) columns. */
export function dimensionOrderSql(dimensions: readonly StatsDimension[]): string {
  return dimensions
    .map(({ column, order }) =>
      order === 'value' ? `"${column}" NULLS LAST` : `${enumPositionSql(`"${column}"`, order)} NULLS LAST`,
    )
    .join(', ');
}
