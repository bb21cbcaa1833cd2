import type { EntityManager } from 'typeorm';
import { filterScope, narrowScope, type Principal, type RegionRange } from '@mingshi/auth';
import { SqlParameters, rangesTableSql } from '@mingshi/db';
import { InputCheck, refuseRegionCodeOnRegion } from '@mingshi/graphql';
import { WorkshopEntity } from '../entities';
import type { WorkshopFilter } from '../generated/resolvers-types';
import { applyWorkshopFilter } from './workshop-filter';

/**
 * The studios an aggregate (workshopMetrics, workshopStats, activityStats) covers: those founded
 * in the requested region ranges — each already narrowed to the caller's scope — that match the
 * filter's attributes. Not the studios of the jurisdictions above that a county may also see in
 * lists: a county's figures are its own studios' work.
 */

/** The range a root aggregate covers: the filter's region narrowed to the caller's scope. */
export function rootRange(
  principal: Principal,
  regionCode: string | null | undefined,
  field: string,
): RegionRange {
  // A mistyped code is BAD_USER_INPUT, a region beside the caller's scope FORBIDDEN.
  return filterScope(principal, regionCode, field);
}

/**
 * The range of a region's own figures (`Region.workshopStats` …), or null when the region lies
 * outside the caller's scope: a region is public, its figures are not. The studio filter (at
 * `filterPath`) may not name a region of its own there: the region asked is the one the figures
 * are for.
 */
export function regionFieldRange(
  principal: Principal,
  regionCode: string,
  filter: WorkshopFilter | null | undefined,
  filterPath: string,
): RegionRange | null {
  const check = new InputCheck(filterPath);
  refuseRegionCodeOnRegion(check, filter);
  check.done();
  return narrowScope(principal, regionCode);
}

/** The studio columns aggregates group and count by. */
const STUDIO_COLUMNS = [
  'id',
  'name',
  'region_code',
  'level',
  'type',
  'status',
  'subject',
  'stage',
  'cycle_start_year',
];

/**
 * A SELECT of the covered studios, one row per studio and range it falls in: `k` is the range's
 * place (from 0) in `ranges`, so one statement answers many regions (a studio of a city falls
 * in the city's range and in the province's when both are asked). Its parameters are in `params`,
 * which the statement goes on adding to.
 */
export async function studiosOfRanges(
  manager: EntityManager,
  ranges: readonly RegionRange[],
  filter: WorkshopFilter | null | undefined,
  field: string,
): Promise<{ sql: string; params: SqlParameters }> {
  const query = manager.getRepository(WorkshopEntity).createQueryBuilder('w').select('w.id', 'id');
  for (const column of STUDIO_COLUMNS.slice(1)) query.addSelect(`w.${column}`, column);
  const attributes = applyWorkshopFilter(query, 'w', filter, field);
  const [attributesSql, attributeParameters] = attributes.getQueryAndParameters();
  const params = new SqlParameters([...attributeParameters]);
  if (ranges.length === 1) {
    // The common case, a root field: the range as plain values, which the planner estimates well.
    const [range] = ranges as [RegionRange];
    return {
      sql: `SELECT 0 AS k, w.* FROM (${attributesSql}) w
             WHERE w.region_code BETWEEN ${params.add(range.lo)} AND ${params.add(range.hi)}`,
      params,
    };
  }
  return {
    sql: `SELECT r.k, w.*
            FROM ${rangesTableSql(ranges, params.add)} AS r(k, lo, hi)
            JOIN (${attributesSql}) w ON w.region_code BETWEEN r.lo AND r.hi`,
    params,
  };
}
