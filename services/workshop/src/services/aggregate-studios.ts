import type { EntityManager } from 'typeorm';
import type DataLoader from 'dataloader';
import { filterScope, narrowScope, type RegionRange } from '@mingshi/auth';
import { SqlParameters, rangesTableSql, type RangedQuestion } from '@mingshi/db';
import { InputCheck, refuseRegionCodeOnRegion } from '@mingshi/graphql';
import type { RegionRef } from '@mingshi/subgraph-server';
import type { WorkshopContext } from '../context';
import { WorkshopEntity } from '../entities';
import type { WorkshopFilter } from '../generated/resolvers-types';
import { applyWorkshopFilter } from './workshop-filter';

/**
 * The studios an aggregate (workshopMetrics, workshopStats, activityStats) covers: those founded
 * in the requested region ranges — each already narrowed to the caller's scope — that match the
 * filter's attributes. Not the studios of the jurisdictions above that a county may also see in
 * lists: a county's figures are its own studios' work.
 */

/**
 * A root aggregate's figures (`workshopStats`, `workshopMetrics` …): over the caller's scope
 * narrowed by the studio filter's region (`studios`, at `path` in the request) — a mistyped code
 * is BAD_USER_INPUT, a region beside the caller's scope FORBIDDEN — asked of the request's loader.
 */
export function rootFigures<Q, A>(
  ctx: WorkshopContext,
  loader: DataLoader<RangedQuestion<Q>, A, string>,
  studios: WorkshopFilter | null | undefined,
  path: string,
  question: Q,
): Promise<A> {
  const range = filterScope(ctx.principal, studios?.regionCode, `${path}.regionCode`);
  return loader.load({ range, question });
}

/**
 * A region's own figures (`Region.workshopStats` …): over the region's subtree, or null when it
 * lies outside the caller's scope — a region is public, its figures are not. The studio filter may
 * not name a region of its own there: the region asked is the one the figures are for. Through
 * the same loader as the root, so every region of a request is one statement.
 */
export async function regionFigures<Q, A>(
  ctx: WorkshopContext,
  loader: DataLoader<RangedQuestion<Q>, A, string>,
  region: RegionRef,
  studios: WorkshopFilter | null | undefined,
  path: string,
  question: Q,
): Promise<A | null> {
  const check = new InputCheck(path);
  refuseRegionCodeOnRegion(check, studios);
  check.done();
  const range = narrowScope(ctx.principal, region.code);
  return range ? loader.load({ range, question }) : null;
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
