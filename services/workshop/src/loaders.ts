import DataLoader from 'dataloader';
import {
  In,
  IsNull,
  type FindOptionsOrder,
  type FindOptionsWhere,
  type ObjectLiteral,
  type Repository,
} from 'typeorm';
import { alignToKeys, groupToKeys, type RequestTransaction } from '@mingshi/db';
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
import {
  loadWorkshopMetrics,
  metricsCacheKey,
  type MetricsKey,
  type MetricsSummary,
} from './services/metrics.service';

/**
 * One set of loaders per request: each kind of child is fetched with one query for the whole page,
 * and rows of studios the caller may not see never come back (row-level security on the request's
 * transaction).
 */
export function createLoaders(tx: RequestTransaction, ctx: () => WorkshopContext) {
  const repo = async <T extends ObjectLiteral>(entity: new () => T): Promise<Repository<T>> =>
    (await tx.manager()).getRepository(entity);

  /** Rows whose `column` is one of the keys, grouped per key in key order. */
  const childrenOf = <T extends ObjectLiteral>(
    entity: new () => T,
    column: keyof T & string,
    order: FindOptionsOrder<T>,
  ) =>
    new DataLoader<string, T[]>(async (keys) =>
      groupToKeys(
        keys,
        await (
          await repo(entity)
        ).find({ where: { [column]: In(keys.filter(isUuid)) } as FindOptionsWhere<T>, order }),
        (row) => row[column] as string,
      ),
    );

  return {
    workshop: new DataLoader<string, WorkshopEntity | null>(async (ids) =>
      alignToKeys(
        ids,
        await (await repo(WorkshopEntity)).findBy({ id: In(ids.filter(isUuid)) }),
        (w) => w.id,
      ),
    ),
    membership: new DataLoader<string, MembershipEntity | null>(async (ids) =>
      alignToKeys(
        ids,
        await (await repo(MembershipEntity)).findBy({ id: In(ids.filter(isUuid)) }),
        (m) => m.id,
      ),
    ),
    /** The open HOST membership of each studio (at most one, by constraint). */
    host: new DataLoader<string, MembershipEntity | null>(async (workshopIds) =>
      alignToKeys(
        workshopIds,
        await (
          await repo(MembershipEntity)
        ).findBy({
          workshopId: In(workshopIds.filter(isUuid)),
          role: 'HOST',
          leftOn: IsNull(),
        }),
        (m) => m.workshopId,
      ),
    ),
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
    /** Teachers as personnel shows them to the caller: one `_entities` call per batch. */
    personnelTeacher: new DataLoader<string, PersonnelTeacher | null>((ids) =>
      ctx().personnel.teachers(ctx(), ids),
    ),
    personnelSchool: new DataLoader<string, PersonnelSchool | null>((ids) =>
      ctx().personnel.schools(ctx(), ids),
    ),
  };
}

export type WorkshopLoaders = ReturnType<typeof createLoaders>;
