import type { EntityManager } from 'typeorm';
import type { RegionRange } from '@mingshi/auth';
import type { SqlParameters } from '@mingshi/db';
import { readGroupBy } from '@mingshi/graphql';
import type { PeriodInput, WorkshopFilter } from '../generated/resolvers-types';
import { studiosOfRanges } from './aggregate-studios';
import { readPeriod } from './metrics.service';
import type { PeriodSql } from './metrics-sql';
import { readWorkshopFilter } from './workshop-filter';

/**
 * What the aggregates of a period's studio work — activityStats, outcomeStats,
 * researchProjectStats — do alike: read which studios (`filter.workshop`), which days and which
 * grouping, and start their statement from the covered studios and the period. Each aggregate
 * adds its own filters, rows and measures; root and Region fields are aggregate-studios.ts's.
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
