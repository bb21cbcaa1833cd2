import { BadUserInputError } from './errors';

/**
 * The most groups one grouped aggregate (`teacherStats`, `workshopStats` …) answers. Enough for a
 * province's schools by stage; an analyst who needs more is asking for a list, not an aggregate, and
 * is told to narrow the question rather than given a silently cut answer.
 */
export const MAX_STATS_GROUPS = 1000;

/** The dimensions of a `groupBy` argument, each at most once, in the order asked. */
export function readGroupBy<D extends string>(
  groupBy: readonly D[] | null | undefined,
  field = 'groupBy',
): D[] {
  const dimensions = [...(groupBy ?? [])];
  const repeated = dimensions.find((dimension, i) => dimensions.indexOf(dimension) !== i);
  if (repeated) throw new BadUserInputError(`${field} names ${repeated} more than once`, field);
  return dimensions;
}

/**
 * The groups of an aggregate, refused when there are more than `MAX_STATS_GROUPS`. Query with
 * `LIMIT MAX_STATS_GROUPS + 1` so the refusal costs no more than the answer would have.
 */
export function boundedGroups<T>(rows: readonly T[], field = 'groupBy'): readonly T[] {
  if (rows.length > MAX_STATS_GROUPS) {
    throw new BadUserInputError(
      `The grouping gives more than ${MAX_STATS_GROUPS} groups; narrow the filter or group by fewer dimensions`,
      field,
    );
  }
  return rows;
}
