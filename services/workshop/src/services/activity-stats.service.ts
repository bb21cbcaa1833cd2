import type { RegionRange } from '@mingshi/auth';
import { boundedPerRangeSql, type RequestTransaction, type SqlParameters } from '@mingshi/db';
import { enumOrder } from '@mingshi/graphql';
import type { RegionRef } from '@mingshi/subgraph-server';
import type { WorkshopContext } from '../context';
import type {
  ActivityDimension,
  ActivityStatsFilter,
  ActivityType,
  PeriodInput,
} from '../generated/resolvers-types';
import { workshopSchema } from '../schema-document';
import { regionFigures, rootFigures } from './aggregate-studios';
import { readStudioWorkArgs, studioWorkStatement, type StudioWorkArgs } from './studio-work-stats';
import { teachersReachedSql, type ReachDimension } from './teachers-reached';
import {
  activityDuring,
  activityParticipantHours,
  isOutreach,
  participationDuring,
  type PeriodSql,
} from './metrics-sql';
import {
  enumDimension,
  groupingSql,
  readGroupsPerRange,
  monthDimension,
  studioWorkDimensions,
  yearDimension,
  type Dimension,
  type StatsRow,
  type StudioGroupFields,
} from './stats-grouping';

/** The ActivityStatsGroup GraphQL type; `workshop` is the studio's id, resolved by the group's resolver. */
export interface ActivityStatsGroupView extends StudioGroupFields {
  type: ActivityType | null;
  month: string | null;
  year: number | null;
  activityCount: number;
  activeWorkshopCount: number;
  participations: number;
  teachersReached: number;
  participantHours: number;
  outreachCount: number;
  outreachSchoolCount: number;
}

/** An activityStats call once read: the arguments its range loader batches by. */
export interface ActivityStatsArgs extends StudioWorkArgs<ActivityDimension> {
  type: ActivityType | null;
  /** Whether teachersReached is asked for: the one measure that reads every participation. */
  countsTeachers: boolean;
}

type ActivityDimensions = Record<ActivityDimension, Dimension<ActivityStatsGroupView>>;

/**
 * Each dimension over the covered studios `s` and a row that knows its activity's date and type:
 * the activity `a` itself, or a participation `p`, which carries copies of both.
 */
function dimensionsOver(row: { date: string; type: string }, sorted: boolean): ActivityDimensions {
  const studio = studioWorkDimensions<ActivityStatsGroupView>();
  return {
    ...studio,
    WORKSHOP: sorted ? studio.WORKSHOP : { ...studio.WORKSHOP, sortSql: undefined },
    TYPE: enumDimension('type', row.type, enumOrder(workshopSchema, 'ActivityType')),
    MONTH: monthDimension('month', row.date),
    YEAR: yearDimension('year', `date_part('year', ${row.date})::int`),
  };
}

const OVER_ACTIVITIES = dimensionsOver({ date: 'a.date', type: 'a.type' }, true);
const OVER_PARTICIPATIONS = dimensionsOver({ date: 'p.activity_date', type: 'p.activity_type' }, false);

/** Query.activityStats: the activities of the studios founded in the caller's scope. */
export function activityStats(
  ctx: WorkshopContext,
  filter: ActivityStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly ActivityDimension[] | null | undefined,
  countsTeachers: boolean,
): Promise<ActivityStatsGroupView[]> {
  const question = readActivityStatsArgs(filter, period, groupBy, countsTeachers);
  return rootFigures(ctx, ctx.loaders.activityStats, filter?.workshop, 'filter.workshop', question);
}

/** Region.activityStats: the same over the region's subtree; null outside the caller's scope. */
export function regionActivityStats(
  ctx: WorkshopContext,
  region: RegionRef,
  filter: ActivityStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly ActivityDimension[] | null | undefined,
  countsTeachers: boolean,
): Promise<ActivityStatsGroupView[] | null> {
  const question = readActivityStatsArgs(filter, period, groupBy, countsTeachers);
  return regionFigures(ctx, ctx.loaders.activityStats, region, filter?.workshop, 'filter.workshop', question);
}

function readActivityStatsArgs(
  filter: ActivityStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly ActivityDimension[] | null | undefined,
  countsTeachers: boolean,
): ActivityStatsArgs {
  return { ...readStudioWorkArgs(filter, period, groupBy), type: filter?.type ?? null, countsTeachers };
}

/**
 * The groups of one call's arguments for many ranges, in one statement over the covered studios
 * `s`, of two branches joined on the groups' keys:
 * - the period's activities, for what each activity carries (its participant count and hours,
 *   whether it is outreach, the school it went to);
 * - when teachersReached is asked for, the distinct teachers of the period's participations
 *   (reachSql): most of the statement's work at province scale, hence left out when not asked for.
 * The batch function of the per-request loader.
 */
export async function loadActivityStats(
  tx: RequestTransaction,
  ranges: readonly RegionRange[],
  args: ActivityStatsArgs,
): Promise<ActivityStatsGroupView[][]> {
  const manager = await tx.manager();
  const { studiosSql, params, period } = await studioWorkStatement(manager, ranges, args);
  const type = args.type ? params.add(args.type) : null;
  const byActivity = groupingSql(args.groupBy.map((d) => OVER_ACTIVITIES[d]));
  const keys = ['k', ...args.groupBy.map((_, i) => `d${i}`)];
  const reach = args.countsTeachers ? reachSql(args, keys, period, type, params) : null;
  const rows = (await manager.query(
    `WITH s AS NOT MATERIALIZED (${studiosSql}),
     activities AS (
       SELECT s.k, ${byActivity.select}
              count(*) AS activity_count,
              count(DISTINCT a.workshop_id) AS active_workshop_count,
              coalesce(sum(a.participant_count), 0) AS participations,
              coalesce(sum(${activityParticipantHours('a')}), 0) AS participant_hours,
              count(*) FILTER (WHERE ${isOutreach('a')}) AS outreach_count,
              count(DISTINCT a.target_school_id) FILTER (WHERE ${isOutreach('a')}) AS outreach_school_count
         FROM s JOIN workshop.activity a ON a.workshop_id = s.id AND ${activityDuring('a', period)}
              ${type ? `AND a.type = ${type}` : ''}
        GROUP BY s.k${byActivity.groupBy}
     )${reach ? `, reach AS (${reach})` : ''}
     ${boundedPerRangeSql(
       reach
         ? `SELECT g.*, coalesce(r.teachers_reached, 0) AS teachers_reached
              FROM activities g LEFT JOIN reach r ON ${keys.map((c) => `r.${c} = g.${c}`).join(' AND ')}`
         : `SELECT g.* FROM activities g`,
     )}`,
    params.values,
  )) as StatsRow[];
  const dimensions = args.groupBy.map((d) => OVER_ACTIVITIES[d]);
  return readGroupsPerRange(rows, ranges.length, dimensions, blankGroup, (row) => ({
    activityCount: Number(row?.activity_count ?? 0),
    activeWorkshopCount: Number(row?.active_workshop_count ?? 0),
    participations: Number(row?.participations ?? 0),
    teachersReached: Number(row?.teachers_reached ?? 0),
    participantHours: Number(row?.participant_hours ?? 0),
    outreachCount: Number(row?.outreach_count ?? 0),
    outreachSchoolCount: Number(row?.outreach_school_count ?? 0),
  }));
}

/**
 * Distinct teachers per range and group. Over the per-year roll-up (teachers-reached.ts), which
 * knows studios, years and months but not the kind of activity; by kind (a TYPE group or filter)
 * from the period's participations `p` — read by the activity date and type each carries, an
 * index range (see 1732600000000), and first reduced to one row per group and teacher, so the
 * count is two hash aggregations rather than a sort of every participation.
 */
function reachSql(
  args: ActivityStatsArgs,
  keys: string[],
  period: PeriodSql,
  type: string | null,
  params: SqlParameters,
): string {
  if (!type && !args.groupBy.includes('TYPE')) {
    return teachersReachedSql({
      studios: { alias: 's', id: 's.id' },
      key: { sql: 's.k', column: 'k' },
      dimensions: args.groupBy.map((d): ReachDimension => {
        if (d === 'YEAR') return { of: 'year' };
        if (d === 'MONTH') return { of: 'month' };
        return { of: 'studio', sql: OVER_ACTIVITIES[d].sql };
      }),
      from: args.from,
      to: args.to,
      params,
    });
  }
  const grouping = groupingSql(args.groupBy.map((d) => OVER_PARTICIPATIONS[d]));
  return `
    SELECT ${keys.map((c) => `t.${c}, `).join('')}count(*) AS teachers_reached
      FROM (SELECT s.k, ${grouping.select}p.teacher_id
              FROM s JOIN workshop.activity_participant p
                   ON p.workshop_id = s.id AND ${participationDuring('p', period)}
                   ${type ? `AND p.activity_type = ${type}` : ''}
             GROUP BY s.k${grouping.groupBy}, p.teacher_id) t
     GROUP BY ${keys.map((c) => `t.${c}`).join(', ')}`;
}

function blankGroup(): ActivityStatsGroupView {
  return {
    city: null,
    county: null,
    level: null,
    workshopType: null,
    workshop: null,
    type: null,
    month: null,
    year: null,
    activityCount: 0,
    activeWorkshopCount: 0,
    participations: 0,
    teachersReached: 0,
    participantHours: 0,
    outreachCount: 0,
    outreachSchoolCount: 0,
  };
}
