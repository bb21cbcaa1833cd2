import DataLoader from 'dataloader';
import { In, IsNull, type FindOptionsOrder, type ObjectLiteral } from 'typeorm';
import {
  alignToKeys,
  measuredLoaders,
  rangedStatsLoader,
  rangeLoader,
  rowsByColumn,
  rowsById,
  type RequestTransaction,
} from '@mingshi/db';
import { isUuid } from '@mingshi/graphql';
import {
  ActivityEntity,
  ActivityParticipantEntity,
  CertificateEntity,
  MembershipEntity,
  OutcomeAuthorEntity,
  OutcomeEntity,
  ResearchProjectEntity,
  SupportAgreementEntity,
  TraineeApplicationEntity,
  WorkshopEntity,
  WorkshopStatusChangeEntity,
} from './entities';
import type { WorkshopContext } from './context';
import type { PersonnelSchool, PersonnelTeacher } from './personnel-client';
import {
  activityListCacheKey,
  activityPageCacheKey,
  countActivities,
  loadActivityPages,
  type ActivityListKey,
  type ActivityPageKey,
} from './services/activity.service';
import { loadActivityStats, type ActivityStatsArgs } from './services/activity-stats.service';
import {
  loadRangeMetrics,
  loadWorkshopMetrics,
  metricsCacheKey,
  type MetricsKey,
  type MetricsSummary,
  type RangeMetricsArgs,
} from './services/metrics.service';
import { loadOutcomeStats, type OutcomeStatsArgs } from './services/outcome-stats.service';
import {
  loadResearchProjectStats,
  type ResearchProjectStatsArgs,
} from './services/research-project-stats.service';
import { loadWorkshopStats, type WorkshopStatsArgs } from './services/workshop-stats.service';

/** A studio's open memberships, by role: what list pages show. */
export interface OpenMemberCounts {
  members: number;
  trainees: number;
}

/**
 * One set of loaders per request: each kind of child is fetched with one query for the whole page,
 * and rows of studios the caller may not see never come back (row-level security on the request's
 * transaction).
 */
export function createLoaders(tx: RequestTransaction, ctx: () => WorkshopContext) {
  const childrenOf = <T extends ObjectLiteral>(
    entity: new () => T,
    column: keyof T & string,
    order: FindOptionsOrder<T>,
  ) => rowsByColumn(tx, entity, column, order);

  return measuredLoaders({
    /** Records other subgraphs refer to (a self-report's evidence). */
    activity: rowsById(tx, ActivityEntity),
    researchProject: rowsById(tx, ResearchProjectEntity),
    outcome: rowsById(tx, OutcomeEntity),
    workshop: rowsById(tx, WorkshopEntity),
    membership: rowsById(tx, MembershipEntity),
    /** The open HOST membership of each studio (at most one, by constraint). */
    host: new DataLoader<string, MembershipEntity | null>(async (workshopIds) =>
      alignToKeys(
        workshopIds,
        await (await tx.manager()).getRepository(MembershipEntity).findBy({
          workshopId: In(workshopIds.filter(isUuid)),
          role: 'HOST',
          leftOn: IsNull(),
        }),
        (m) => m.workshopId,
      ),
    ),
    /**
     * Each studio's open members and trainees, counted in SQL: a list page shows the counts of 50
     * studios, and hydrating their whole membership history only to count it was most of the
     * workshop service's CPU for the county page.
     */
    openMemberCounts: new DataLoader<string, OpenMemberCounts>(async (workshopIds) => {
      const rows: { workshop_id: string; members: number; trainees: number }[] = await (
        await tx.manager()
      ).query(
        `SELECT workshop_id,
                count(*) FILTER (WHERE role = 'MEMBER')::int AS members,
                count(*) FILTER (WHERE role = 'TRAINEE')::int AS trainees
           FROM workshop.membership
          WHERE workshop_id = ANY($1::uuid[]) AND left_on IS NULL
          GROUP BY workshop_id`,
        [workshopIds.filter(isUuid)],
      );
      return alignToKeys(workshopIds, rows, (row) => row.workshop_id).map((row) => ({
        members: row?.members ?? 0,
        trainees: row?.trainees ?? 0,
      }));
    }),
    membershipsByWorkshop: childrenOf(MembershipEntity, 'workshopId', {
      role: 'ASC',
      joinedOn: 'ASC',
      id: 'ASC',
    }),
    membershipsByTeacher: childrenOf(MembershipEntity, 'teacherId', { joinedOn: 'DESC', id: 'ASC' }),
    statusHistory: childrenOf(WorkshopStatusChangeEntity, 'workshopId', { id: 'ASC' }),
    applicationsByWorkshop: childrenOf(TraineeApplicationEntity, 'workshopId', { createdAt: 'DESC' }),
    workshopsByHostSchool: childrenOf(WorkshopEntity, 'hostSchoolId', { name: 'ASC', id: 'ASC' }),
    participants: childrenOf(ActivityParticipantEntity, 'activityId', { teacherId: 'ASC' }),
    researchProjects: childrenOf(ResearchProjectEntity, 'workshopId', { createdAt: 'ASC' }),
    outcomes: childrenOf(OutcomeEntity, 'workshopId', { achievedOn: 'DESC', id: 'ASC' }),
    outcomeAuthors: childrenOf(OutcomeAuthorEntity, 'outcomeId', { teacherId: 'ASC' }),
    supportAgreements: childrenOf(SupportAgreementEntity, 'workshopId', { startsOn: 'DESC', id: 'ASC' }),
    certificates: childrenOf(CertificateEntity, 'workshopId', { number: 'ASC' }),
    /**
     * A page of each studio's activities, keyed by studio, filter and position: the studios of a
     * list asking for their activities are one query (see loadActivityPages), not one each.
     */
    activityPages: new DataLoader<ActivityPageKey, ActivityEntity[], string>(
      (keys) => loadActivityPages(tx, keys),
      {
        cacheKeyFn: activityPageCacheKey,
      },
    ),
    activityCounts: new DataLoader<ActivityListKey, number, string>((keys) => countActivities(tx, keys), {
      cacheKeyFn: activityListCacheKey,
    }),
    /** Each studio's figures for a period, keyed by studio and period: one query per page of studios. */
    metrics: new DataLoader<MetricsKey, MetricsSummary, string>((keys) => loadWorkshopMetrics(tx, keys), {
      cacheKeyFn: metricsCacheKey,
    }),
    /**
     * Figures over region ranges, keyed by range and arguments: a root aggregate is one range,
     * `regions { workshopStats }` one range per region — and every range asked with the same
     * arguments is one statement (libs/db grouped-stats.ts).
     */
    rangeMetrics: rangeLoader((ranges, args: RangeMetricsArgs) => loadRangeMetrics(tx, ranges, args)),
    workshopStats: rangedStatsLoader((ranges, args: WorkshopStatsArgs) =>
      loadWorkshopStats(tx, ranges, args),
    ),
    activityStats: rangedStatsLoader((ranges, args: ActivityStatsArgs) =>
      loadActivityStats(tx, ranges, args),
    ),
    outcomeStats: rangedStatsLoader((ranges, args: OutcomeStatsArgs) => loadOutcomeStats(tx, ranges, args)),
    researchProjectStats: rangedStatsLoader((ranges, args: ResearchProjectStatsArgs) =>
      loadResearchProjectStats(tx, ranges, args),
    ),
    /** Teachers as personnel shows them to the caller: one `_entities` call per batch. */
    personnelTeacher: new DataLoader<string, PersonnelTeacher | null>((ids) =>
      ctx().personnel.teachers(ctx(), ids),
    ),
    personnelSchool: new DataLoader<string, PersonnelSchool | null>((ids) =>
      ctx().personnel.schools(ctx(), ids),
    ),
  });
}

export type WorkshopLoaders = ReturnType<typeof createLoaders>;

/**
 * Forgets every figure this request has read — per-studio metrics, summed metrics and each grouped
 * aggregate — after a write: founding a studio, a member, an activity, an outcome, a status … can
 * each move them, and a later field of the same operation must compute them anew.
 */
export function forgetFigures(loaders: WorkshopLoaders): void {
  for (const figures of [
    loaders.metrics,
    loaders.rangeMetrics,
    loaders.workshopStats,
    loaders.activityStats,
    loaders.outcomeStats,
    loaders.researchProjectStats,
    loaders.openMemberCounts,
  ]) {
    figures.clearAll();
  }
}
