import type { RegionRange } from '@mingshi/auth';
import { boundedPerRangeSql, type RequestTransaction } from '@mingshi/db';
import { enumOrder } from '@mingshi/graphql';
import type { RegionRef } from '@mingshi/subgraph-server';
import type { WorkshopContext } from '../context';
import type {
  AchievementLevel,
  PeriodInput,
  ResearchProjectDimension,
  ResearchProjectStatsFilter,
  ResearchProjectStatus,
} from '../generated/resolvers-types';
import { workshopSchema } from '../schema-document';
import { regionFigures, rootFigures } from './aggregate-studios';
import { readStudioWorkArgs, studioWorkStatement, type StudioWorkArgs } from './studio-work-stats';
import { projectConcludedDuring, projectStartedDuring, projectUnderWayDuring } from './metrics-sql';
import {
  enumDimension,
  groupingSql,
  readGroupsPerRange,
  studioWorkDimensions,
  yearDimension,
  type Dimension,
  type StatsRow,
  type StudioGroupFields,
} from './stats-grouping';

/** The ResearchProjectStatsGroup GraphQL type; `workshop` is the studio's id, resolved by the group's resolver. */
export interface ResearchProjectStatsGroupView extends StudioGroupFields {
  achievementLevel: AchievementLevel | null;
  status: ResearchProjectStatus | null;
  year: number | null;
  projectCount: number;
  workshopCount: number;
  startedCount: number;
  concludedCount: number;
  leaderCount: number;
}

/** A researchProjectStats call once read: the arguments its range loader batches by. */
export interface ResearchProjectStatsArgs extends StudioWorkArgs<ResearchProjectDimension> {
  level: AchievementLevel | null;
  status: ResearchProjectStatus | null;
}

/**
 * Each dimension over the covered studios `s` and their projects `r`. YEAR is the year a project
 * started: every project under way has a start, and one project falls in one year however long
 * it runs, so the years add up to the totals.
 */
const DIMENSIONS: Record<ResearchProjectDimension, Dimension<ResearchProjectStatsGroupView>> = {
  ...studioWorkDimensions<ResearchProjectStatsGroupView>(),
  ACHIEVEMENT_LEVEL: enumDimension(
    'achievementLevel',
    'r.level',
    enumOrder(workshopSchema, 'AchievementLevel'),
  ),
  STATUS: enumDimension('status', 'r.status', enumOrder(workshopSchema, 'ResearchProjectStatus')),
  YEAR: yearDimension('year', `date_part('year', r.started_on)::int`),
};

/** Query.researchProjectStats: the projects of the studios founded in the caller's scope. */
export function researchProjectStats(
  ctx: WorkshopContext,
  filter: ResearchProjectStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly ResearchProjectDimension[] | null | undefined,
): Promise<ResearchProjectStatsGroupView[]> {
  const question = readResearchProjectStatsArgs(filter, period, groupBy);
  return rootFigures(ctx, ctx.loaders.researchProjectStats, filter?.workshop, 'filter.workshop', question);
}

/** Region.researchProjectStats: the same over the region's subtree; null outside the caller's scope. */
export function regionResearchProjectStats(
  ctx: WorkshopContext,
  region: RegionRef,
  filter: ResearchProjectStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly ResearchProjectDimension[] | null | undefined,
): Promise<ResearchProjectStatsGroupView[] | null> {
  const question = readResearchProjectStatsArgs(filter, period, groupBy);
  return regionFigures(
    ctx,
    ctx.loaders.researchProjectStats,
    region,
    filter?.workshop,
    'filter.workshop',
    question,
  );
}

function readResearchProjectStatsArgs(
  filter: ResearchProjectStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly ResearchProjectDimension[] | null | undefined,
): ResearchProjectStatsArgs {
  return {
    ...readStudioWorkArgs(filter, period, groupBy),
    level: filter?.level ?? null,
    status: filter?.status ?? null,
  };
}

/**
 * The groups of one call's arguments for many ranges, in one statement: the projects of the
 * covered studios `s` under way in the period, grouped by range and dimensions. A province holds a
 * few thousand projects, read by their studio's index. The batch function of the per-request
 * loader, which refuses a range past the bound.
 */
export async function loadResearchProjectStats(
  tx: RequestTransaction,
  ranges: readonly RegionRange[],
  args: ResearchProjectStatsArgs,
): Promise<ResearchProjectStatsGroupView[][]> {
  const manager = await tx.manager();
  const { studiosSql, params, period } = await studioWorkStatement(manager, ranges, args);
  const level = args.level ? `AND r.level = ${params.add(args.level)}` : '';
  const status = args.status ? `AND r.status = ${params.add(args.status)}` : '';
  const dimensions = args.groupBy.map((d) => DIMENSIONS[d]);
  const grouping = groupingSql(dimensions);
  const rows = (await manager.query(
    `WITH s AS (${studiosSql})
     ${boundedPerRangeSql(`
       SELECT s.k, ${grouping.select}
              count(*) AS project_count,
              count(DISTINCT r.workshop_id) AS workshop_count,
              count(*) FILTER (WHERE ${projectStartedDuring('r', period)}) AS started_count,
              count(*) FILTER (WHERE ${projectConcludedDuring('r', period)}) AS concluded_count,
              count(DISTINCT r.leader_id) AS leader_count
         FROM s JOIN workshop.research_project r
              ON r.workshop_id = s.id AND ${projectUnderWayDuring('r', period)} ${level} ${status}
        GROUP BY s.k${grouping.groupBy}`)}`,
    params.values,
  )) as StatsRow[];
  return readGroupsPerRange(rows, ranges.length, dimensions, blankGroup, (row) => ({
    projectCount: Number(row?.project_count ?? 0),
    workshopCount: Number(row?.workshop_count ?? 0),
    startedCount: Number(row?.started_count ?? 0),
    concludedCount: Number(row?.concluded_count ?? 0),
    leaderCount: Number(row?.leader_count ?? 0),
  }));
}

function blankGroup(): ResearchProjectStatsGroupView {
  return {
    city: null,
    county: null,
    level: null,
    workshopType: null,
    workshop: null,
    achievementLevel: null,
    status: null,
    year: null,
    projectCount: 0,
    workshopCount: 0,
    startedCount: 0,
    concludedCount: 0,
    leaderCount: 0,
  };
}
