import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InputCheck, likePattern } from '@mingshi/graphql';
import type { WorkshopFilter } from '../generated/resolvers-types';

/**
 * The WorkshopFilter's attribute conditions (level, type, subject, stage, status, cycle, name,
 * founding days) as SQL on a studio query, so every query over "the studios matching this filter"
 * — the studio and activity lists, the metrics and stats aggregates — reads the filter the same
 * way. The region part differs by use (a list includes studios founded above the caller, an
 * aggregate does not) and stays with the caller, which reads the code with `filterScope`.
 *
 * `field` is the filter's path in the request (`filter`, or `filter.workshop` where a studio
 * filter sits inside another), for refusals. Parameters are prefixed `wf_` so they cannot collide
 * with the caller's own.
 */
export function applyWorkshopFilter<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  given: WorkshopFilter | null | undefined,
  field = 'filter',
): SelectQueryBuilder<T> {
  const filter = readWorkshopFilter(given, field);
  if (filter.level) query.andWhere(`${alias}.level = :wf_level`, { wf_level: filter.level });
  if (filter.type) query.andWhere(`${alias}.type = :wf_type`, { wf_type: filter.type });
  if (filter.subject) query.andWhere(`${alias}.subject = :wf_subject`, { wf_subject: filter.subject });
  if (filter.stage) query.andWhere(`${alias}.stage = :wf_stage`, { wf_stage: filter.stage });
  if (filter.status) query.andWhere(`${alias}.status = :wf_status`, { wf_status: filter.status });
  if (filter.cycleStartYear != null) {
    query.andWhere(`${alias}.cycle_start_year = :wf_cycle`, { wf_cycle: filter.cycleStartYear });
  }
  if (filter.nameContains) {
    query.andWhere(`${alias}.name LIKE :wf_name`, { wf_name: likePattern(filter.nameContains) });
  }
  // Founding days are China's calendar days: each bound is that day's midnight in UTC+8, so the
  // comparison stays on created_at itself.
  if (filter.foundedFrom) {
    query.andWhere(`${alias}.created_at >= ${chinaMidnight(':wf_founded_from')}`, {
      wf_founded_from: filter.foundedFrom,
    });
  }
  if (filter.foundedTo) {
    query.andWhere(`${alias}.created_at < ${chinaMidnight(':wf_founded_to', 1)}`, {
      wf_founded_to: filter.foundedTo,
    });
  }
  return query;
}

/**
 * The filter's attributes checked (every problem at once, named under `field`) and written in one
 * canonical form, every attribute present and null when not given: the same filter always reads
 * the same, so aggregates batched by their arguments can tell equal filters by their JSON. The
 * region is left out: each caller reads it as a range of its own.
 */
export function readWorkshopFilter(
  filter: WorkshopFilter | null | undefined,
  field: string,
): Omit<WorkshopFilter, 'regionCode'> {
  const check = new InputCheck(field);
  if (filter?.cycleStartYear != null) check.year(filter.cycleStartYear, 'cycleStartYear');
  const foundedFrom = filter?.foundedFrom ?? null;
  const foundedTo = filter?.foundedTo ?? null;
  if (foundedFrom && foundedTo && foundedTo < foundedFrom) {
    check.refuse('foundedTo', 'must not be before foundedFrom');
  }
  check.done();
  return {
    level: filter?.level ?? null,
    type: filter?.type ?? null,
    subject: filter?.subject ?? null,
    stage: filter?.stage ?? null,
    status: filter?.status ?? null,
    cycleStartYear: filter?.cycleStartYear ?? null,
    nameContains: filter?.nameContains ?? null,
    foundedFrom,
    foundedTo,
  };
}

/** The instant a China calendar day (a date parameter), plus `days`, begins. */
function chinaMidnight(date: string, days = 0): string {
  return `(CAST(CAST(${date} AS date) + ${days} AS timestamp) AT TIME ZONE 'Asia/Shanghai')`;
}
