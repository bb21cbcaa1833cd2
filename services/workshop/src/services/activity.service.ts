import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { RequestTransaction } from '@mingshi/db';
import {
  BadUserInputError,
  ConflictError,
  InputCheck,
  NotFoundError,
  isIsoDate,
  isUuid,
  readPage,
  toConnection,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import {
  ActivityEntity,
  ActivityParticipantEntity,
  type ActivityResourceRecord,
  type WorkshopEntity,
} from '../entities';
import type {
  ActivityFilter,
  ActivityResourceInput,
  ActivityType,
  RecordActivityInput,
  UpdateActivityInput,
} from '../generated/resolvers-types';
import {
  MAX_PARTICIPANTS,
  MAX_RESOURCES,
  activityHoursProblem,
  resourceUrlProblem,
  roundHours,
  targetSchoolProblem,
  viewCountProblem,
  viewsWouldShrink,
} from '../rules/activity';
import {
  holdStudioForWork,
  requireSupportTargetSchool,
  requireVisibleTeachers,
  studioForWork,
} from './studio-work';

/** One studio's activity list: which studio and which filter. */
export interface ActivityListKey {
  workshopId: string;
  type: ActivityType | null;
  from: string | null;
  to: string | null;
}

/** One page of one studio's activity list: the keyset position and how many rows to fetch. */
export interface ActivityPageKey extends ActivityListKey {
  after: { date: string; id: string } | null;
  limit: number;
}

/** Titles and places as a bureau's notice writes them: a sentence, not a paragraph. */
const MAX_TITLE = 200;
const MAX_PLACE = 200;

export const activityListCacheKey = (key: ActivityListKey): string =>
  JSON.stringify([key.workshopId, key.type, key.from, key.to]);

export const activityPageCacheKey = (key: ActivityPageKey): string =>
  JSON.stringify([key.workshopId, key.type, key.from, key.to, key.after?.date, key.after?.id, key.limit]);

/**
 * A studio's activities, newest first (date descending, then id). The page is read through a
 * loader, so a page of studios each asking for its activities sends one query, not one per studio.
 */
export async function listActivities(
  ctx: WorkshopContext,
  workshop: WorkshopEntity,
  filter: ActivityFilter | null | undefined,
  pageArgs: PageArgs,
): Promise<Connection<ActivityEntity>> {
  const page = readPage(pageArgs);
  const list = { workshopId: workshop.id, ...readActivityFilter(filter) };
  const rows = await ctx.loaders.activityPages.load({
    ...list,
    after: page.after ? readActivityCursor(page.after) : null,
    limit: page.limit + 1,
  });
  return toConnection(
    rows,
    page,
    (activity) => [activity.date, activity.id],
    () => ctx.loaders.activityCounts.load(list),
  );
}

/** The host (or an office overseeing the studio) records an activity with its participants. */
export async function recordActivity(
  ctx: WorkshopContext,
  input: RecordActivityInput,
): Promise<ActivityEntity> {
  const check = new InputCheck('input');
  const title = check.text(input.title, 'title', MAX_TITLE);
  const place = check.text(input.place, 'place', MAX_PLACE);
  const date = check.pastDate(input.date, 'date');
  const hoursCredited = readHours(check, input.hoursCredited);
  check.expect('targetSchoolId', targetSchoolProblem(input.type, input.targetSchoolId));
  const resources = readResources(check, input.resources ?? []);
  const viewCount = readViewCount(check, input.viewCount ?? 0);
  const participantIds = readParticipantIds(check, input.participantIds);
  check.done();

  const workshop = await studioForWork(ctx, input.workshopId, 'input.workshopId');
  const targetSchool = input.targetSchoolId
    ? await requireSupportTargetSchool(ctx, input.targetSchoolId, 'input.targetSchoolId')
    : null;
  await requireVisibleTeachers(ctx, participantIds, 'input.participantIds');

  const activity = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, workshop.id);
    const repository = manager.getRepository(ActivityEntity);
    const saved = await repository.save(
      repository.create({
        workshopId: workshop.id,
        type: input.type,
        title,
        date,
        place,
        hoursCredited,
        targetSchoolId: targetSchool?.id ?? null,
        resources,
        viewCount,
        participantCount: participantIds.length,
        recordedBy: ctx.principal.userId,
      }),
    );
    await insertParticipants(manager, saved, participantIds);
    return saved;
  });
  forgetActivities(ctx, activity.id);
  return activity;
}

/**
 * Corrects an activity or brings its view count up to date. The same rules as recording apply to
 * every field given; views only grow. The row is locked while it is compared and written, so two
 * view-count updates racing cannot leave the smaller one behind.
 */
export async function updateActivity(
  ctx: WorkshopContext,
  id: string,
  input: UpdateActivityInput,
): Promise<ActivityEntity> {
  const check = new InputCheck('input');
  const changes: Partial<ActivityEntity> = {};
  if (input.title != null) changes.title = check.text(input.title, 'title', MAX_TITLE);
  if (input.place != null) changes.place = check.text(input.place, 'place', MAX_PLACE);
  if (input.hoursCredited != null) changes.hoursCredited = readHours(check, input.hoursCredited);
  if (input.resources != null) changes.resources = readResources(check, input.resources);
  if (input.viewCount != null) changes.viewCount = readViewCount(check, input.viewCount);
  const participantIds =
    input.participantIds != null ? readParticipantIds(check, input.participantIds) : null;
  check.done();

  const current = isUuid(id)
    ? await (await ctx.tx.manager()).getRepository(ActivityEntity).findOneBy({ id })
    : null;
  if (!current) throw new NotFoundError('Activity', id, 'id');
  await studioForWork(ctx, current.workshopId);
  if (participantIds) await requireVisibleTeachers(ctx, participantIds, 'input.participantIds');

  const updated = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, current.workshopId);
    const repository = manager.getRepository(ActivityEntity);
    const locked = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!locked) throw new NotFoundError('Activity', id, 'id');
    if (changes.viewCount !== undefined && viewsWouldShrink(changes.viewCount, locked.viewCount)) {
      throw new ConflictError(
        `viewCount ${changes.viewCount} is below the ${locked.viewCount} views already recorded: views only grow`,
      );
    }
    // The count is written with the rows it counts, under the activity's lock.
    if (participantIds) changes.participantCount = participantIds.length;
    if (Object.keys(changes).length > 0) await repository.update({ id }, changes);
    if (participantIds) {
      await manager.delete(ActivityParticipantEntity, { activityId: id });
      await insertParticipants(manager, locked, participantIds);
    }
    return repository.merge(locked, changes);
  });
  forgetActivities(ctx, id);
  return updated;
}

/**
 * Pages of many studios' activity lists in one statement. Each key's page is a LATERAL subquery
 * that walks the (workshop_id, date DESC, id) index and stops after `limit` rows; a window function
 * over the same join would first number every activity of every studio on the page.
 */
export async function loadActivityPages(
  tx: RequestTransaction,
  keys: readonly ActivityPageKey[],
): Promise<ActivityEntity[][]> {
  const manager = await tx.manager();
  const rows = (await manager.query(
    `SELECT k.i AS page_index, a.*
       FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::date[], $6::uuid[], $7::int[])
            WITH ORDINALITY AS k(workshop_id, type, from_on, to_on, after_date, after_id, row_limit, i)
       CROSS JOIN LATERAL (
         SELECT a.* FROM workshop.activity a
          WHERE ${MATCHES_LIST}
            AND (k.after_date IS NULL OR a.date < k.after_date OR (a.date = k.after_date AND a.id > k.after_id))
          ORDER BY a.date DESC, a.id
          LIMIT k.row_limit
       ) a
      ORDER BY k.i, a.date DESC, a.id`,
    [
      ...listParameters(keys),
      keys.map((k) => k.after?.date ?? null),
      keys.map((k) => k.after?.id ?? null),
      keys.map((k) => k.limit),
    ],
  )) as (Record<string, unknown> & { page_index: string })[];
  const pages = keys.map((): ActivityEntity[] => []);
  for (const row of rows) pages[Number(row.page_index) - 1]!.push(hydrate(manager, ActivityEntity, row));
  return pages;
}

/** How many activities match each list, in one statement for all of them. */
export async function countActivities(
  tx: RequestTransaction,
  keys: readonly ActivityListKey[],
): Promise<number[]> {
  const rows = (await (
    await tx.manager()
  ).query(
    `SELECT (SELECT count(*) FROM workshop.activity a WHERE ${MATCHES_LIST})::int AS total
       FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[])
            WITH ORDINALITY AS k(workshop_id, type, from_on, to_on, i)
      ORDER BY k.i`,
    listParameters(keys),
  )) as { total: number }[];
  return rows.map((row) => row.total);
}

/** An activity row matches list key `k` (studio, type, date range); shared by pages and counts. */
const MATCHES_LIST = `a.workshop_id = k.workshop_id
  AND (k.type IS NULL OR a.type = k.type)
  AND (k.from_on IS NULL OR a.date >= k.from_on)
  AND (k.to_on IS NULL OR a.date <= k.to_on)`;

function listParameters(keys: readonly ActivityListKey[]): unknown[][] {
  return [
    keys.map((k) => k.workshopId),
    keys.map((k) => k.type),
    keys.map((k) => k.from),
    keys.map((k) => k.to),
  ];
}

/**
 * Turns a raw row into an entity with TypeORM's own column conversions (dates, numeric hours),
 * for the hand-written LATERAL query that the query builder cannot express.
 */
function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(entity);
  const result = manager.create(entity);
  for (const column of metadata.columns) {
    column.setEntityValue(
      result,
      manager.connection.driver.prepareHydratedValue(row[column.databaseName], column),
    );
  }
  return result;
}

/**
 * Participants in one multi-row INSERT: 500 teachers are one statement, not 500. Each row copies
 * its activity's studio, date and type (held equal by the foreign key).
 */
async function insertParticipants(
  manager: EntityManager,
  activity: Pick<ActivityEntity, 'id' | 'workshopId' | 'date' | 'type'>,
  teacherIds: string[],
): Promise<void> {
  if (teacherIds.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(ActivityParticipantEntity)
    .values(
      teacherIds.map((teacherId) => ({
        activityId: activity.id,
        workshopId: activity.workshopId,
        activityDate: activity.date,
        activityType: activity.type,
        teacherId,
      })),
    )
    .execute();
}

/** Whatever this request already read about activities is stale after a write. */
function forgetActivities(ctx: WorkshopContext, activityId: string): void {
  ctx.loaders.participants.clear(activityId);
  ctx.loaders.activityPages.clearAll();
  ctx.loaders.activityCounts.clearAll();
}

function readActivityFilter(filter: ActivityFilter | null | undefined): Omit<ActivityListKey, 'workshopId'> {
  const from = filter?.from ?? null;
  const to = filter?.to ?? null;
  if (from && to && from > to)
    throw new BadUserInputError('filter.from must not be after filter.to', 'filter.from');
  return { type: filter?.type ?? null, from, to };
}

function readActivityCursor(values: unknown[]): { date: string; id: string } {
  const [date, id] = values;
  if (
    values.length !== 2 ||
    typeof date !== 'string' ||
    !isIsoDate(date) ||
    typeof id !== 'string' ||
    !isUuid(id)
  ) {
    throw new BadUserInputError('after is not a cursor for this list', 'after');
  }
  return { date, id };
}

function readHours(check: InputCheck, hours: number): number {
  check.expect('hoursCredited', activityHoursProblem(hours));
  return roundHours(hours);
}

function readViewCount(check: InputCheck, views: number): number {
  check.expect('viewCount', viewCountProblem(views));
  return views;
}

function readParticipantIds(check: InputCheck, ids: string[]): string[] {
  return check.list(ids, 'participantIds', { max: MAX_PARTICIPANTS });
}

function readResources(check: InputCheck, resources: ActivityResourceInput[]): ActivityResourceRecord[] {
  check.list(resources, 'resources', { max: MAX_RESOURCES });
  return resources.map((resource, i) => {
    const at = check.at(`resources[${i}]`);
    const url = resource.url.trim();
    at.expect('url', resourceUrlProblem(url));
    return { title: at.text(resource.title, 'title', MAX_TITLE), url, kind: resource.kind };
  });
}
