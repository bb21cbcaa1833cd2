import { cityOfSql, countyOfSql, type RegionRange } from '@mingshi/auth';
import { boundedPerRangeSql, type RequestTransaction } from '@mingshi/db';
import { enumOrder, readGroupBy } from '@mingshi/graphql';
import type { RegionRef } from '@mingshi/subgraph-server';
import type { WorkshopContext } from '../context';
import type {
  Stage,
  Subject,
  WorkshopDimension,
  WorkshopFilter,
  WorkshopLevel,
  WorkshopStatus,
  WorkshopType,
} from '../generated/resolvers-types';
import { workshopSchema } from '../schema-document';
import { regionFigures, rootFigures, studiosOfRanges } from './aggregate-studios';
import { membershipActive, openForWork } from './metrics-sql';
import {
  enumDimension,
  groupingSql,
  readGroupsPerRange,
  regionDimension,
  yearDimension,
  type Dimension,
  type StatsRow,
} from './stats-grouping';
import { readWorkshopFilter } from './workshop-filter';

/** The WorkshopStatsGroup GraphQL type. */
export interface WorkshopStatsGroupView {
  city: RegionRef | null;
  county: RegionRef | null;
  level: WorkshopLevel | null;
  type: WorkshopType | null;
  status: WorkshopStatus | null;
  subject: Subject | null;
  stage: Stage | null;
  cycleStartYear: number | null;
  workshopCount: number;
  openCount: number;
  hostCount: number;
  memberCount: number;
  traineeCount: number;
}

/** A workshopStats call once read: the arguments its range loader batches by. */
export interface WorkshopStatsArgs {
  filter: Omit<WorkshopFilter, 'regionCode'>;
  groupBy: WorkshopDimension[];
}

/** Each dimension over the covered studios `s`. */
const DIMENSIONS: Record<WorkshopDimension, Dimension<WorkshopStatsGroupView>> = {
  CITY: regionDimension('city', cityOfSql('s.region_code')),
  COUNTY: regionDimension('county', countyOfSql('s.region_code')),
  LEVEL: enumDimension('level', 's.level', enumOrder(workshopSchema, 'WorkshopLevel')),
  TYPE: enumDimension('type', 's.type', enumOrder(workshopSchema, 'WorkshopType')),
  STATUS: enumDimension('status', 's.status', enumOrder(workshopSchema, 'WorkshopStatus')),
  SUBJECT: enumDimension('subject', 's.subject', enumOrder(workshopSchema, 'Subject')),
  STAGE: enumDimension('stage', 's.stage', enumOrder(workshopSchema, 'Stage')),
  CYCLE: yearDimension('cycleStartYear', 's.cycle_start_year'),
};

/** Query.workshopStats: the studios founded in the caller's scope, narrowed by the filter's region. */
export function workshopStats(
  ctx: WorkshopContext,
  filter: WorkshopFilter | null | undefined,
  groupBy: readonly WorkshopDimension[] | null | undefined,
): Promise<WorkshopStatsGroupView[]> {
  return rootFigures(
    ctx,
    ctx.loaders.workshopStats,
    filter,
    'filter',
    readWorkshopStatsArgs(filter, groupBy),
  );
}

/** Region.workshopStats: the same over the region's subtree; null outside the caller's scope. */
export function regionWorkshopStats(
  ctx: WorkshopContext,
  region: RegionRef,
  filter: WorkshopFilter | null | undefined,
  groupBy: readonly WorkshopDimension[] | null | undefined,
): Promise<WorkshopStatsGroupView[] | null> {
  const question = readWorkshopStatsArgs(filter, groupBy);
  return regionFigures(ctx, ctx.loaders.workshopStats, region, filter, 'filter', question);
}

function readWorkshopStatsArgs(
  filter: WorkshopFilter | null | undefined,
  groupBy: readonly WorkshopDimension[] | null | undefined,
): WorkshopStatsArgs {
  return { filter: readWorkshopFilter(filter, 'filter'), groupBy: readGroupBy(groupBy) };
}

/**
 * The groups of one call's arguments for many ranges, in one statement: each studio's current
 * team counted once (hosts, members, trainees whose places have not ended), then the studios
 * grouped by range and dimensions. The batch function of the per-request loader, which refuses a
 * range past the bound.
 */
export async function loadWorkshopStats(
  tx: RequestTransaction,
  ranges: readonly RegionRange[],
  args: WorkshopStatsArgs,
): Promise<WorkshopStatsGroupView[][]> {
  const manager = await tx.manager();
  const studios = await studiosOfRanges(manager, ranges, args.filter, 'filter');
  const dimensions = args.groupBy.map((d) => DIMENSIONS[d]);
  const grouping = groupingSql(dimensions);
  const rows = (await manager.query(
    `WITH s AS (${studios.sql}),
     team AS (
       SELECT m.workshop_id,
              count(*) FILTER (WHERE m.role = 'HOST') AS hosts,
              count(*) FILTER (WHERE m.role = 'MEMBER') AS members,
              count(*) FILTER (WHERE m.role = 'TRAINEE') AS trainees
         FROM workshop.membership m
        WHERE m.workshop_id IN (SELECT s.id FROM s) AND ${membershipActive('m')}
        GROUP BY m.workshop_id
     )
     ${boundedPerRangeSql(`
       SELECT s.k, ${grouping.select}
              count(*) AS workshop_count,
              count(*) FILTER (WHERE ${openForWork('s')}) AS open_count,
              coalesce(sum(t.hosts), 0) AS host_count,
              coalesce(sum(t.members), 0) AS member_count,
              coalesce(sum(t.trainees), 0) AS trainee_count
         FROM s LEFT JOIN team t ON t.workshop_id = s.id
        GROUP BY s.k${grouping.groupBy}`)}`,
    studios.params.values,
  )) as StatsRow[];
  return readGroupsPerRange(rows, ranges.length, dimensions, blankGroup, (row) => ({
    workshopCount: Number(row?.workshop_count ?? 0),
    openCount: Number(row?.open_count ?? 0),
    hostCount: Number(row?.host_count ?? 0),
    memberCount: Number(row?.member_count ?? 0),
    traineeCount: Number(row?.trainee_count ?? 0),
  }));
}

function blankGroup(): WorkshopStatsGroupView {
  return {
    city: null,
    county: null,
    level: null,
    type: null,
    status: null,
    subject: null,
    stage: null,
    cycleStartYear: null,
    workshopCount: 0,
    openCount: 0,
    hostCount: 0,
    memberCount: 0,
    traineeCount: 0,
  };
}
