import DataLoader from 'dataloader';
import type { RegionRange } from '@mingshi/auth';
import {
  MAX_STATS_GROUPS,
  boundedGroups,
  orderGroups,
  type GroupValue,
  type ValueOrder,
} from '@mingshi/graphql';
import { groupToKeys } from './batch';
import { enumPositionSql } from './enum-sql';
import type { RequestTransaction } from './request-transaction';
import type { SqlParameters } from './sql-parameters';

/**
 * What every figure over region ranges shares (`teacherStats`, `workshopStats`, `fundStats`,
 * `gradeStats`, summed `workshopMetrics` …): one statement answers the same question over several
 * ranges at once, each row carrying the place `k` of the range it was counted for, so a province's
 * cities (`regions { fundStats }`) cost one statement and not one per city. The root field is the
 * same statement over one range.
 */

/** An aggregate asked over one region range: the range and the rest of the question. */
export interface RangedQuestion<Q> {
  range: RegionRange;
  /**
   * The aggregate's other arguments, read (validated and written in one canonical form) by the
   * service: equal questions over different ranges share a statement, told apart by `questionKey`.
   */
  question: Q;
}

/** A grouped aggregate asked over one region range. */
export interface RangedStatsQuestion<Q> extends RangedQuestion<Q> {
  /** The argument a refusal of too many groups names: `groupBy` unless told (`filter.groupBy`). */
  groupByField?: string;
}

/** Questions told apart by their JSON: the service reads them into one canonical form. */
const byJson = (question: unknown): string => JSON.stringify(question);

/**
 * A per-request loader of aggregates over region ranges. Every load of one tick that asks the same
 * question is answered by one call of `run` over all their ranges, which answers each range in the
 * order of `ranges`; different questions run one after another, as the request's one transaction
 * would anyway. An Error in `run`'s answer fails its key alone, not its neighbours.
 */
export function rangeLoader<Q, A>(
  run: (ranges: readonly RegionRange[], question: Q) => Promise<(A | Error)[]>,
  questionKey: (question: Q) => string = byJson,
): DataLoader<RangedQuestion<Q>, A, string> {
  return batchedByQuestion(run, questionKey, (_key, answer) => answer!, cacheKey(questionKey));
}

/**
 * A per-request loader of grouped aggregates: a `rangeLoader` whose `run` answers each range's
 * groups, at most MAX_STATS_GROUPS + 1 of them (`boundedPerRangeSql`). A range with more is
 * refused (BAD_USER_INPUT naming the key's `groupByField`) alone: one region of
 * `regions { workshopStats }` past the bound does not fail its neighbours. A range `run` left out
 * has no group.
 */
export function rangedStatsLoader<Q, G>(
  run: (ranges: readonly RegionRange[], question: Q) => Promise<G[][]>,
  questionKey: (question: Q) => string = byJson,
): DataLoader<RangedStatsQuestion<Q>, G[], string> {
  return batchedByQuestion(
    run,
    questionKey,
    (key, groups: G[] | undefined) => {
      try {
        return [...boundedGroups(groups ?? [], key.groupByField)];
      } catch (error) {
        return error as Error;
      }
    },
    (key) => `${key.groupByField ?? ''}@${cacheKey(questionKey)(key)}`,
  );
}

function cacheKey<Q>(questionKey: (question: Q) => string) {
  return (key: RangedQuestion<Q>) => `${key.range.lo}-${key.range.hi}:${questionKey(key.question)}`;
}

/** What both loaders do: keys grouped by question, one `run` each, every key's answer read by `answer`. */
function batchedByQuestion<Q, K extends RangedQuestion<Q>, A, R>(
  run: (ranges: readonly RegionRange[], question: Q) => Promise<(A | Error)[]>,
  questionKey: (question: Q) => string,
  answer: (key: K, result: A | undefined) => R | Error,
  cacheKeyFn: (key: K) => string,
): DataLoader<K, R, string> {
  return new DataLoader<K, R, string>(
    async (keys) => {
      const batches = new Map<string, number[]>();
      keys.forEach((key, i) => {
        const batch = questionKey(key.question);
        batches.set(batch, [...(batches.get(batch) ?? []), i]);
      });
      const answers = new Array<R | Error>(keys.length);
      for (const indices of batches.values()) {
        const results = await run(
          indices.map((i) => keys[i]!.range),
          keys[indices[0]!]!.question,
        );
        indices.forEach((keyIndex, place) => {
          const result = results[place];
          answers[keyIndex] = result instanceof Error ? result : answer(keys[keyIndex]!, result);
        });
      }
      return answers;
    },
    { cacheKeyFn },
  );
}

/**
 * The ranges of a batch as a FROM item with columns `(k, lo, hi)`, `k` being the range's place in
 * the batch (from 0), `param` binding a value and answering its placeholder:
 * `FROM ${rangesTableSql(ranges, p)} AS s(k, lo, hi) JOIN … ON x.region_code BETWEEN s.lo AND s.hi`.
 */
export function rangesTableSql(ranges: readonly RegionRange[], param: (value: unknown) => string): string {
  const places = ranges.map((_, i) => i);
  return `unnest(${param(places)}::int[], ${param(ranges.map((r) => r.lo))}::text[], ${param(ranges.map((r) => r.hi))}::text[])`;
}

/**
 * At most MAX_STATS_GROUPS + 1 rows of each range of `grouped` (a statement whose rows carry their
 * range's place as `k`), in `order` (over `grouped`'s columns; empty for the totals, or for groups
 * the service orders itself): enough to tell a range that has too many groups, however many
 * ranges share the statement, without sending them all.
 */
export function boundedPerRangeSql(grouped: string, order = ''): string {
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

/** How a service orders a range's groups itself (group-order.ts in libs/graphql), by each group's values. */
export interface GroupSort<T, G> {
  orders: readonly ValueOrder[];
  valuesOf: (group: G, row: T) => GroupValue[];
}

/**
 * Each range's groups from a batch statement's rows, each read by `toGroup`, and ordered by
 * `sort` when given (else as the statement ordered them). Ungrouped (no dimension asked), a range
 * always has one group, the totals, even over nothing at all: read from no row, every measure is 0.
 */
export function groupsPerRange<T extends { k: number }, G>(
  rangeCount: number,
  rows: T[],
  grouped: boolean,
  toGroup: (row: T | undefined) => G,
  sort?: GroupSort<T, G>,
): G[][] {
  return rowsPerRange(rangeCount, rows).map((range) => {
    if (range.length === 0 && !grouped) return [toGroup(undefined)];
    const groups = range.map((row) => ({ row, group: toGroup(row) }));
    const ordered = sort
      ? orderGroups(groups, sort.orders, ({ group, row }) => sort.valuesOf(group, row))
      : groups;
    return ordered.map(({ group }) => group);
  });
}

/**
 * One dimension of a grouped aggregate: the SQL of its value, the column it is answered in (a
 * quoted identifier, so camelCase comes back as written), and how its groups are ordered — by
 * value (codes, years: ascending) or by the declaration order of its GraphQL enum (`enumOrder`).
 * Nulls (no value: a province studio's city) come last.
 */
export interface StatsDimension {
  column: string;
  sql: string;
  order: 'value' | readonly string[];
}

/** The select items of `dimensions` (`, <sql> AS "<column>"` each), to follow a statement's `k`. */
export function dimensionColumnsSql(dimensions: readonly StatsDimension[]): string {
  return dimensions.map((d) => `, ${d.sql} AS "${d.column}"`).join('');
}

/** `ORDER BY` terms for `dimensions`, in the order they are grouped by, over their (quoted) columns. */
export function dimensionOrderSql(dimensions: readonly StatsDimension[]): string {
  return dimensions
    .map(({ column, order }) =>
      order === 'value' ? `"${column}" NULLS LAST` : `${enumPositionSql(`"${column}"`, order)} NULLS LAST`,
    )
    .join(', ');
}

/**
 * Each range's groups of `grouped`, a statement whose rows carry their range's place `k` and the
 * columns of `dimensions` (`dimensionColumnsSql`): at most MAX_STATS_GROUPS + 1 per range, in the
 * dimensions' order, each read by `toGroup` (ungrouped, a range with no row still has its totals).
 */
export async function dimensionGroupsPerRange<T extends { k: number }, G>(
  tx: RequestTransaction,
  ranges: readonly RegionRange[],
  grouped: string,
  params: SqlParameters,
  dimensions: readonly StatsDimension[],
  toGroup: (row: T | undefined) => G,
): Promise<G[][]> {
  const rows = (await (
    await tx.manager()
  ).query(boundedPerRangeSql(grouped, dimensionOrderSql(dimensions)), params.values)) as T[];
  return groupsPerRange(ranges.length, rows, dimensions.length > 0, toGroup);
}
