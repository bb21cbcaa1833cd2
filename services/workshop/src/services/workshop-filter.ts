import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InputCheck, likePattern } from '@mingshi/graphql';
import type { WorkshopFilter } from '../generated/resolvers-types';

/**
 * The WorkshopFilter's attribute conditions (level, type, subject, stage, status, cycle, name) as
 * SQL on a studio query, so every query over "the studios matching this filter" — the studio list,
 * the metrics aggregate — reads the filter the same way. The region part differs by use (a list
 * includes studios founded above the caller, an aggregate does not) and stays with the caller,
 * which reads the code with `filterScope`.
 *
 * Parameters are prefixed `wf_` so they cannot collide with the caller's own.
 */
export function applyWorkshopFilter<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  filter: WorkshopFilter | null | undefined,
): SelectQueryBuilder<T> {
  if (filter?.level) query.andWhere(`${alias}.level = :wf_level`, { wf_level: filter.level });
  if (filter?.type) query.andWhere(`${alias}.type = :wf_type`, { wf_type: filter.type });
  if (filter?.subject) query.andWhere(`${alias}.subject = :wf_subject`, { wf_subject: filter.subject });
  if (filter?.stage) query.andWhere(`${alias}.stage = :wf_stage`, { wf_stage: filter.stage });
  if (filter?.status) query.andWhere(`${alias}.status = :wf_status`, { wf_status: filter.status });
  if (filter?.cycleStartYear != null) {
    const check = new InputCheck('filter');
    const cycle = check.year(filter.cycleStartYear, 'cycleStartYear');
    check.done();
    query.andWhere(`${alias}.cycle_start_year = :wf_cycle`, { wf_cycle: cycle });
  }
  if (filter?.nameContains) {
    query.andWhere(`${alias}.name LIKE :wf_name`, { wf_name: likePattern(filter.nameContains) });
  }
  return query;
}
