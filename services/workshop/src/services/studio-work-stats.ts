import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { RegionRange } from '@mingshi/auth';
import type { RangedStatsQuestion, SqlParameters } from '@mingshi/db';
import { readGroupBy } from '@mingshi/graphql';
import type { RegionRef } from '@mingshi/subgraph-server';
import type { WorkshopContext } from '../context';
import type { PeriodInput, WorkshopFilter } from '../generated/resolvers-types';
import { regionFieldRange, rootRange, studiosOfRanges } from './aggregate-studios';
import { readPeriod } from './metrics.service';
import type { PeriodSql } from './metrics-sql';
import { readWorkshopFilter } from './workshop-filter';

/**
 * What the aggregates of a period's studio work — activityStats, outcomeStats,
 * researchProjectStats — do alike: read which studios, which days and which grouping; answer the
 * root field over the studios founded in the caller's scope (narrowed by
 * `filter.workshop.regionCode`) and the Region field over the region's subtree (null outside the
 * scope), both through one per-request loader, so every region of a request is one statement;
 * and start that statement from the covered studios and the period. Each aggregate adds its own
 * filters, rows and measures.
 */

/** A studio-work aggregate's filter: the studios whose work counts, and the aggregate's own. */
export interface StudioWorkFilter {
  workshop?: WorkshopFilter | null;
}

/** The arguments every studio-work aggregate reads alike, in one canonical form. */
export interface StudioWorkArgs<D extends string> {
  workshop: Omit<WorkshopFilter, 'regionCode'>;
  from: string;
  to: string;
  groupBy: D[];
}

export function readStudioWorkArgs<D extends string>(
  filter: StudioWorkFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly D[] | null | undefined,
): StudioWorkArgs<D> {
  const workshop = readWorkshopFilter(filter?.workshop, 'filter.workshop');
  const { from, to } = readPeriod(period);
  return { workshop, from, to, groupBy: readGroupBy(groupBy) };
}

type StatsLoader<Q, G> = DataLoader<RangedStatsQuestion<Q>, G[], string>;

/** The root field: the caller's scope, narrowed by the filter's region. */
export function studioWorkFigures<Q, G>(
  ctx: WorkshopContext,
  loader: StatsLoader<Q, G>,
  filter: StudioWorkFilter | null | undefined,
  question: Q,
): Promise<G[]> {
  const range = rootRange(ctx.principal, filter?.workshop?.regionCode, 'filter.workshop.regionCode');
  return loader.load({ range, question });
}

/** The Region field: the region's subtree, or null when it lies outside the caller's scope. */
export async function regionStudioWorkFigures<Q, G>(
  ctx: WorkshopContext,
  loader: StatsLoader<Q, G>,
  region: RegionRef,
  filter: StudioWorkFilter | null | undefined,
  question: Q,
): Promise<G[] | null> {
  const range = regionFieldRange(ctx.principal, region.code, filter?.workshop, 'filter.workshop');
  return range ? loader.load({ range, question }) : null;
}

/**
 * The start of a studio-work statement: the covered studios of `ranges` (a SELECT to use as `s`)
 * and the period as parameters of the same statement, which lets PostgreSQL read only the
 * period's rows by their date indexes.
 */
export async function studioWorkStatement(
  manager: EntityManager,
  ranges: readonly RegionRange[],
  args: StudioWorkArgs<string>,
): Promise<{ studiosSql: string; params: SqlParameters; period: PeriodSql }> {
  const studios = await studiosOfRanges(manager, ranges, args.workshop, 'filter.workshop');
  const params = studios.params;
  const period: PeriodSql = { from: `${params.add(args.from)}::date`, to: `${params.add(args.to)}::date` };
  return { studiosSql: studios.sql, params, period };
}
