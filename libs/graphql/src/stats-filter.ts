import { InputCheck } from './input-check';

/** The years a statistic covers, both ends included; a null end is open. */
export interface YearRange {
  fromYear: number | null;
  toYear: number | null;
}

/** The fields every `<thing>Stats` filter shares. */
export interface StatsFilterFields {
  regionCode?: string | null;
  year?: number | null;
  fromYear?: number | null;
  toYear?: number | null;
}

/**
 * A stats filter's years, recording on `check` (the filter's) whatever is wrong with them: an end
 * that is no year, `year` beside a range, a range that ends before it starts. `year` is a range
 * of one.
 */
export function readYearRange(check: InputCheck, filter: StatsFilterFields | null | undefined): YearRange {
  const { year, fromYear, toYear } = filter ?? {};
  if (year != null) check.year(year, 'year');
  if (fromYear != null) check.year(fromYear, 'fromYear');
  if (toYear != null) check.year(toYear, 'toYear');
  if (year != null && (fromYear != null || toYear != null)) {
    check.refuse('year', 'asks for one year: leave out fromYear and toYear, or give a range without it');
  }
  const bothYears =
    fromYear != null && toYear != null && !check.failed('fromYear') && !check.failed('toYear');
  if (bothYears && toYear < fromYear) check.refuse('toYear', `must not be before fromYear (${fromYear})`);
  return { fromYear: year ?? fromYear ?? null, toYear: year ?? toYear ?? null };
}

/**
 * On a region's own statistics (`Region.fundStats`, `Region.workshopStats` …) the region is the
 * field's: a `regionCode` in the filter would ask two things at once, and is refused rather than
 * one of them silently ignored.
 */
export function refuseRegionCodeOnRegion(
  check: InputCheck,
  filter: StatsFilterFields | null | undefined,
): void {
  if (filter?.regionCode != null) {
    check.refuse('regionCode', 'must be left out on a region: its figures are the region’s own');
  }
}

/**
 * The years of a stats filter, and on a region's own statistics (`onRegion`) its refusal of a
 * region code, read together: everything wrong with them is refused at once, in one
 * BAD_USER_INPUT naming `filter.…`.
 */
export function readStatsFilter(
  filter: StatsFilterFields | null | undefined,
  options: { onRegion?: boolean } = {},
): YearRange {
  const check = new InputCheck('filter');
  if (options.onRegion) refuseRegionCodeOnRegion(check, filter);
  const years = readYearRange(check, filter);
  check.done();
  return years;
}
