import { filterScope } from '@mingshi/auth';
import { fetchConnection, isDate, isNumber, isWholeNumber, readOrder, type ListOrder } from '@mingshi/db';
import { InputCheck, readPage, type Connection, type PageArgs } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { ActivityEntity, WorkshopEntity } from '../entities';
import type { ActivityListFilter, ActivityOrder, ActivityOrderField } from '../generated/resolvers-types';
import { studioRegions } from '../rules/studio-visibility';
import { applyWorkshopFilter, readWorkshopFilter } from './workshop-filter';
import { getWorkshop } from './workshop.service';

/** What the activity list may be ordered by, newest first unless told; ties by id, the way the last field runs. */
const ACTIVITY_ORDER: ListOrder<ActivityOrderField, ActivityEntity> = {
  fields: {
    DATE: { sql: 'a.date', cursorValue: (a) => a.date, accepts: isDate },
    HOURS_CREDITED: { sql: 'a.hours_credited', cursorValue: (a) => a.hoursCredited, accepts: isNumber },
    VIEW_COUNT: { sql: 'a.view_count', cursorValue: (a) => a.viewCount, accepts: isWholeNumber },
  },
  byDefault: [{ field: 'DATE', direction: 'DESC' }],
  id: 'a.id',
  idDirection: 'LAST',
};

/**
 * Activities of the studios the caller may see: the studios `workshops` lists for the same
 * studio filter (so also those founded above a county, whose activities `Workshop.activities`
 * already shows), newest first unless told. Visibility is the studios' own: row-level security
 * admits the same rows, and the list states it again so the planner keeps to the region index.
 */
export async function listAllActivities(
  ctx: WorkshopContext,
  filter: ActivityListFilter | null | undefined,
  orderBy: readonly ActivityOrder[] | null | undefined,
  pageArgs: PageArgs,
): Promise<Connection<ActivityEntity>> {
  const page = readPage(pageArgs);
  const keyset = readOrder(orderBy, ACTIVITY_ORDER);
  const check = new InputCheck('filter');
  const from = filter?.from ?? null;
  const to = filter?.to ?? null;
  if (from && to && to < from) check.refuse('to', 'must not be before from');
  check.done();
  readWorkshopFilter(filter?.workshop, 'filter.workshop');
  const regionField = 'filter.workshop.regionCode';
  // Refuses a mistyped region and one beside the caller's scope, so the studios' regions exist.
  filterScope(ctx.principal, filter?.workshop?.regionCode, regionField);
  const regions = studioRegions(ctx.principal, filter?.workshop?.regionCode)!;
  if (filter?.workshopId) await getWorkshop(ctx, filter.workshopId, 'filter.workshopId');

  const manager = await ctx.tx.manager();
  const studios = applyWorkshopFilter(
    manager
      .getRepository(WorkshopEntity)
      .createQueryBuilder('w')
      .select('w.id')
      .where('(w.region_code BETWEEN :lo AND :hi OR w.region_code = ANY(:ancestors))', regions),
    'w',
    filter?.workshop,
    'filter.workshop',
  );
  const query = manager
    .getRepository(ActivityEntity)
    .createQueryBuilder('a')
    .where(`a.workshop_id IN (${studios.getQuery()})`)
    .setParameters(studios.getParameters());
  if (filter?.workshopId) query.andWhere('a.workshop_id = :la_workshop', { la_workshop: filter.workshopId });
  if (filter?.type) query.andWhere('a.type = :la_type', { la_type: filter.type });
  if (from) query.andWhere('a.date >= :la_from', { la_from: from });
  if (to) query.andWhere('a.date <= :la_to', { la_to: to });
  return fetchConnection(query, page, keyset);
}
