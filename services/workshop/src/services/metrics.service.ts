import type { RegionRange } from '@mingshi/auth';
import type { RequestTransaction } from '@mingshi/db';
import { InputCheck } from '@mingshi/graphql';
import type { RegionRef } from '@mingshi/subgraph-server';
import type { WorkshopContext } from '../context';
import type { WorkshopEntity } from '../entities';
import type {
  AchievementLevel,
  ActivityType,
  PeriodInput,
  ResearchProjectStatus,
  WorkshopFilter,
} from '../generated/resolvers-types';
import { activitiesByType, outcomesByLevel, periodProblem, projectsByLevelAndStatus } from '../rules/metrics';
import {
  activityDuring,
  activityParticipantHours,
  activityResources,
  certificateIssuedDuring,
  isOutreach,
  membershipOpenDuring,
  outcomeAchievedDuring,
  participationDuring,
  projectUnderWayDuring,
  type PeriodSql,
} from './metrics-sql';
import { regionFigures, rootFigures, studiosOfRanges } from './aggregate-studios';
import { teachersReachedSql } from './teachers-reached';
import { readWorkshopFilter } from './workshop-filter';

/** The WorkshopMetrics GraphQL type: figures for a period, for one studio or summed over many. */
export interface MetricsSummary {
  from: string;
  to: string;
  workshopCount: number;
  activityCount: number;
  activitiesByType: { type: ActivityType; count: number }[];
  outreachCount: number;
  teachersReached: number;
  participantHours: number;
  traineeCount: number;
  researchProjectCount: number;
  researchProjectsByLevelAndStatus: {
    level: AchievementLevel;
    status: ResearchProjectStatus;
    count: number;
  }[];
  certificateCount: number;
  outcomesByLevel: { level: AchievementLevel; count: number }[];
  resourceCount: number;
  viewCount: number;
}

/** One studio's metrics for one period: the key of the per-request metrics loader. */
export interface MetricsKey {
  workshopId: string;
  from: string;
  to: string;
}

export const metricsCacheKey = (key: MetricsKey): string => `${key.workshopId}:${key.from}:${key.to}`;

/**
 * One studio's figures for a period. Read through a loader: a page of 50 studios each asking for
 * its metrics is one SQL statement, not 50.
 */
export async function workshopMetrics(
  ctx: WorkshopContext,
  workshop: WorkshopEntity,
  period: PeriodInput,
): Promise<MetricsSummary> {
  const { from, to } = readPeriod(period);
  return ctx.loaders.metrics.load({ workshopId: workshop.id, from, to });
}

/**
 * Figures summed over every studio matching the filter — e.g. a province's year. The studios are
 * those founded in the caller's own scope (narrowed by the filter's region), not the studios of the
 * jurisdictions above that a county may also see: a county's figures are its own studios' work,
 * and a provincial studio's province-wide work would otherwise appear in every county's total. A
 * filter region beside the caller's scope is refused, as for lists.
 */
export async function aggregateMetrics(
  ctx: WorkshopContext,
  filter: WorkshopFilter | null | undefined,
  period: PeriodInput,
  teachersReached: boolean,
): Promise<MetricsSummary> {
  const { from, to } = readPeriod(period);
  const question = { filter: readWorkshopFilter(filter, 'filter'), from, to, teachersReached };
  return rootFigures(ctx, ctx.loaders.rangeMetrics, filter, 'filter', question);
}

/** Region.workshopMetrics: the same over the region's subtree; null outside the caller's scope. */
export async function regionMetrics(
  ctx: WorkshopContext,
  region: RegionRef,
  filter: WorkshopFilter | null | undefined,
  period: PeriodInput,
  teachersReached: boolean,
): Promise<MetricsSummary | null> {
  const { from, to } = readPeriod(period);
  const question = { filter: readWorkshopFilter(filter, 'filter'), from, to, teachersReached };
  return regionFigures(ctx, ctx.loaders.rangeMetrics, region, filter, 'filter', question);
}

/** A summed-metrics call once read: the arguments its range loader batches by. */
export interface RangeMetricsArgs {
  filter: Omit<WorkshopFilter, 'regionCode'>;
  from: string;
  to: string;
  /**
   * Whether to count distinct teachers reached: over a province's year most of the statement's
   * work (a million participations), so it is done only when the client selects the figure.
   */
  teachersReached: boolean;
}

/** Summed figures for many region ranges and one filter and period, in one statement. */
export async function loadRangeMetrics(
  tx: RequestTransaction,
  ranges: readonly RegionRange[],
  args: RangeMetricsArgs,
): Promise<MetricsSummary[]> {
  const manager = await tx.manager();
  const studios = await studiosOfRanges(manager, ranges, args.filter, 'filter');
  const period: PeriodSql = {
    from: `${studios.params.add(args.from)}::date`,
    to: `${studios.params.add(args.to)}::date`,
  };
  const reach = args.teachersReached
    ? teachersReachedSql({
        studios: { alias: 'm', id: 'm.workshop_id' },
        key: { sql: 'm.g', column: 'g' },
        dimensions: [],
        from: args.from,
        to: args.to,
        params: studios.params,
      })
    : null;
  const rows = (await manager.query(
    metricsSql(
      `SELECT s.k AS g, s.id AS workshop_id, ${period.from} AS from_on, ${period.to} AS to_on
         FROM (${studios.sql}) s`,
      period,
      reach,
    ),
    studios.params.values,
  )) as MetricsRow[];
  const byGroup = new Map(rows.map((row) => [Number(row.g), row]));
  return ranges.map((_, i) => toSummary(byGroup.get(i), args.from, args.to));
}

/** Metrics for many (studio, period) keys in one statement; the batch function of the loader. */
export async function loadWorkshopMetrics(
  tx: RequestTransaction,
  keys: readonly MetricsKey[],
): Promise<MetricsSummary[]> {
  const rows = (await (
    await tx.manager()
  ).query(
    metricsSql(
      `SELECT k.g, k.workshop_id, k.from_on, k.to_on
         FROM unnest($1::uuid[], $2::date[], $3::date[]) WITH ORDINALITY AS k(workshop_id, from_on, to_on, g)`,
    ),
    [keys.map((k) => k.workshopId), keys.map((k) => k.from), keys.map((k) => k.to)],
  )) as MetricsRow[];
  const byGroup = new Map(rows.map((row) => [Number(row.g), row]));
  return keys.map((key, i) => toSummary(byGroup.get(i + 1), key.from, key.to));
}

/** A period checked: `to` not before `from`, less than five years after it (BAD_USER_INPUT naming `period.to`). */
export function readPeriod(period: PeriodInput): { from: string; to: string } {
  const check = new InputCheck('period');
  check.expect('to', periodProblem(period.from, period.to));
  check.done();
  return { from: period.from, to: period.to };
}

interface MetricsRow {
  g: string;
  workshop_count: string;
  activity_count: string;
  outreach_count: string;
  resource_count: string;
  view_count: string;
  activity_types: Record<string, number> | null;
  teachers_reached: string;
  participant_hours: string;
  trainee_count: string;
  project_count: string;
  project_kinds: Record<string, number> | null;
  certificate_count: string;
  outcome_levels: Record<string, number> | null;
}

/** No row: no studio matched (an aggregate over nothing), so every figure is 0. */
function toSummary(row: MetricsRow | undefined, from: string, to: string): MetricsSummary {
  return {
    from,
    to,
    workshopCount: Number(row?.workshop_count ?? 0),
    activityCount: Number(row?.activity_count ?? 0),
    activitiesByType: activitiesByType(row?.activity_types ?? {}),
    outreachCount: Number(row?.outreach_count ?? 0),
    teachersReached: Number(row?.teachers_reached ?? 0),
    participantHours: Number(row?.participant_hours ?? 0),
    traineeCount: Number(row?.trainee_count ?? 0),
    researchProjectCount: Number(row?.project_count ?? 0),
    researchProjectsByLevelAndStatus: projectsByLevelAndStatus(row?.project_kinds ?? {}),
    certificateCount: Number(row?.certificate_count ?? 0),
    outcomesByLevel: outcomesByLevel(row?.outcome_levels ?? {}),
    resourceCount: Number(row?.resource_count ?? 0),
    viewCount: Number(row?.view_count ?? 0),
  };
}

/**
 * Every figure for groups of studios, computed in PostgreSQL with GROUP BY / COUNT / SUM: no row of
 * activity, participant or membership comes back to this process. `members` lists
 * (g, workshop_id, from_on, to_on): the studios of each group `g` and the period it covers — one
 * group per studio for the per-studio loader, one group per region range for the aggregate, so
 * both read the figures the same way. `period` is where the statement reads the period from: each
 * member's own by default, or — when every member shares one — the period itself as parameters,
 * which lets PostgreSQL read only that period's activities and participations by their indexes
 * rather than join every row of every year to the members first.
 *
 * What each figure counts is in metrics-sql.ts (shared with the report sections). The period's
 * activities are summed once per group and type (`act`), a few rows that the totals and the
 * counts by type both read: kept per activity, a province's year was 290k rows written to disk
 * and read twice. Beyond that:
 * - teachersReached: distinct participants of the period's activities across the whole group, so
 *   a teacher reached by two studios counts once in an aggregate. `reach` is the SELECT of
 *   (g, teachers_reached) when a period shared by every member has its own (teachers-reached.ts,
 *   over the roll-up), or null when the figure is not asked for; by default each member's own
 *   period is read from the participations' copy of their activity's date, one row per group
 *   and teacher first, so the count is two hash aggregations rather than a sort of every
 *   participation. participantHours sums each activity's hours times its participants.
 * - researchProjectsByLevelAndStatus splits the projects under way by level and current status.
 */
function metricsSql(
  members: string,
  period: PeriodSql = { from: 'm.from_on', to: 'm.to_on' },
  reach: string | null = membersOwnReachSql(period),
): string {
  return `
    WITH m AS NOT MATERIALIZED (${members}),
    act AS (
      SELECT m.g, a.type, count(*) AS activity_count,
             sum(${activityResources('a')}) AS resource_count,
             sum(a.view_count) AS view_count,
             sum(${activityParticipantHours('a')}) AS participant_hours
        FROM m JOIN workshop.activity a ON a.workshop_id = m.workshop_id AND ${activityDuring('a', period)}
       GROUP BY m.g, a.type
    ),
    activity_totals AS (
      SELECT g, sum(activity_count) AS activity_count,
             coalesce(sum(activity_count) FILTER (WHERE ${isOutreach('act')}), 0) AS outreach_count,
             sum(resource_count) AS resource_count,
             sum(view_count) AS view_count,
             sum(participant_hours) AS participant_hours
        FROM act GROUP BY g
    ),
    activity_types AS (
      SELECT g, jsonb_object_agg(type, activity_count) AS counts FROM act GROUP BY g
    ),
    reach AS (${
      // Not asked for: no participation is read, and the figure the client does not see is 0.
      reach ?? `SELECT NULL::bigint AS g, 0::bigint AS teachers_reached WHERE false`
    }),
    trainees AS (
      SELECT t.g, count(*) AS trainee_count
        FROM (SELECT DISTINCT m.g, t.workshop_id, t.teacher_id
                FROM m JOIN workshop.membership t ON t.workshop_id = m.workshop_id AND t.role = 'TRAINEE'
                     AND ${membershipOpenDuring('t', period)}) t
       GROUP BY t.g
    ),
    project_rows AS (
      SELECT m.g, r.level, r.status
        FROM m JOIN workshop.research_project r ON r.workshop_id = m.workshop_id
             AND ${projectUnderWayDuring('r', period)}
    ),
    projects AS (SELECT g, count(*) AS project_count FROM project_rows GROUP BY g),
    project_kinds AS (
      SELECT g, jsonb_object_agg(level || ':' || status, n) AS counts
        FROM (SELECT g, level, status, count(*) AS n FROM project_rows GROUP BY g, level, status) t
       GROUP BY g
    ),
    certificates AS (
      SELECT m.g, count(*) AS certificate_count
        FROM m JOIN workshop.certificate c ON c.workshop_id = m.workshop_id
             AND ${certificateIssuedDuring('c', period)}
       GROUP BY m.g
    ),
    outcome_levels AS (
      SELECT g, jsonb_object_agg(level, n) AS counts
        FROM (SELECT m.g, o.level, count(*) AS n
                FROM m JOIN workshop.outcome o ON o.workshop_id = m.workshop_id
                     AND ${outcomeAchievedDuring('o', period)}
               GROUP BY m.g, o.level) t
       GROUP BY g
    ),
    studios AS (SELECT g, count(DISTINCT workshop_id) AS workshop_count FROM m GROUP BY g)
    SELECT s.g, s.workshop_count,
           coalesce(tot.activity_count, 0) AS activity_count,
           coalesce(tot.outreach_count, 0) AS outreach_count,
           coalesce(tot.resource_count, 0) AS resource_count,
           coalesce(tot.view_count, 0) AS view_count,
           typ.counts AS activity_types,
           coalesce(rch.teachers_reached, 0) AS teachers_reached,
           coalesce(tot.participant_hours, 0) AS participant_hours,
           coalesce(trn.trainee_count, 0) AS trainee_count,
           coalesce(prj.project_count, 0) AS project_count,
           knd.counts AS project_kinds,
           coalesce(crt.certificate_count, 0) AS certificate_count,
           lvl.counts AS outcome_levels
      FROM studios s
      LEFT JOIN activity_totals tot ON tot.g = s.g
      LEFT JOIN activity_types typ ON typ.g = s.g
      LEFT JOIN reach rch ON rch.g = s.g
      LEFT JOIN trainees trn ON trn.g = s.g
      LEFT JOIN projects prj ON prj.g = s.g
      LEFT JOIN project_kinds knd ON knd.g = s.g
      LEFT JOIN certificates crt ON crt.g = s.g
      LEFT JOIN outcome_levels lvl ON lvl.g = s.g`;
}

/** Distinct teachers per group `g` of `m`, each member over its own period, from the participations. */
function membersOwnReachSql(period: PeriodSql): string {
  return `
    SELECT t.g, count(*) AS teachers_reached
      FROM (SELECT m.g, p.teacher_id
              FROM m JOIN workshop.activity_participant p
                   ON p.workshop_id = m.workshop_id AND ${participationDuring('p', period)}
             GROUP BY m.g, p.teacher_id) t
     GROUP BY t.g`;
}
