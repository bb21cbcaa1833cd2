import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RegionRange } from '@mingshi/auth';
import { ForbiddenError } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import { moneyReach } from '../rules/permissions';

/**
 * The money rows a caller may read, as a filter for SQL, on top of row-level security (which
 * already holds every row to the caller's region): every row, the rows of one host school, the
 * rows of the studios the caller hosts, or none. Every read of allocations, expenses and events
 * applies it, so the rule has one home.
 */
export type ReadableMoney =
  | { kind: 'ALL' }
  | { kind: 'SCHOOL'; hostSchoolId: string }
  | { kind: 'STUDIOS'; workshopIds: string[] }
  | { kind: 'NONE' };

const cache = new WeakMap<FinanceContext, Promise<ReadableMoney>>();

/** Resolved once per request: a host's studios are asked of the workshop subgraph once. */
export function readableMoney(ctx: FinanceContext): Promise<ReadableMoney> {
  let reach = cache.get(ctx);
  if (!reach) {
    reach = resolve(ctx);
    cache.set(ctx, reach);
  }
  return reach;
}

async function resolve(ctx: FinanceContext): Promise<ReadableMoney> {
  const reach = moneyReach(ctx.principal);
  switch (reach.kind) {
    case 'REGION':
      return { kind: 'ALL' };
    case 'SCHOOL':
      return { kind: 'SCHOOL', hostSchoolId: reach.schoolId };
    case 'HOST':
      return { kind: 'STUDIOS', workshopIds: await ctx.studios.hostedStudioIds(ctx, reach.teacherId) };
    case 'NONE':
      return { kind: 'NONE' };
  }
}

/**
 * The reach of a top-level list of money rows (allocations, expenses, summaries, the fund-event
 * log): a role that reads none is refused the list (FORBIDDEN), where a nested field is null.
 */
export async function listableMoney(ctx: FinanceContext): Promise<ReadableMoney> {
  const reach = await readableMoney(ctx);
  if (reach.kind === 'NONE') throw new ForbiddenError('Your role reads no studio funds or fund events');
  return reach;
}

/** Whether one row of money (an allocation, or anything carrying its studio and school) is readable. */
export function canRead(reach: ReadableMoney, row: { workshopId: string; hostSchoolId: string }): boolean {
  switch (reach.kind) {
    case 'ALL':
      return true;
    case 'SCHOOL':
      return row.hostSchoolId === reach.hostSchoolId;
    case 'STUDIOS':
      return reach.workshopIds.includes(row.workshopId);
    case 'NONE':
      return false;
  }
}

/**
 * Narrows a list of money rows (`alias`: allocations, expenses or events) to a region range and to
 * what the caller's reach reads, in SQL. Rows match the range by the studio's jurisdiction or its
 * host school's county, as row-level security does. Rows other than allocations find their host
 * school through their allocation. Callers refuse NONE and answer an empty STUDIOS themselves.
 */
export function whereReadable<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  range: RegionRange,
  reach: ReadableMoney,
  hostSchool: 'own' | 'through allocation',
): SelectQueryBuilder<T> {
  query.andWhere(moneyInRangeSql(alias, ':lo', ':hi'), range);
  if (reach.kind === 'SCHOOL') {
    // A subquery, not a join: TypeORM rewrites a joined query with a limit into a DISTINCT page.
    query.andWhere(
      hostSchool === 'own'
        ? `${alias}.host_school_id = :school`
        : `${alias}.allocation_id IN (SELECT a.id FROM finance.fund_allocation a WHERE a.host_school_id = :school)`,
      { school: reach.hostSchoolId },
    );
  }
  if (reach.kind === 'STUDIOS')
    query.andWhere(`${alias}.workshop_id IN (:...hosted)`, { hosted: reach.workshopIds });
  return query;
}

/**
 * What the caller's reach reads of the allocations `alias`, as SQL conditions for statements
 * written by hand (`param` binds a value and answers its placeholder): nothing more for ALL, the
 * host school's for SCHOOL, the hosted studios' for STUDIOS, nothing for NONE.
 */
export function readableAllocationsSql(
  alias: string,
  reach: ReadableMoney,
  param: (value: unknown) => string,
): string[] {
  switch (reach.kind) {
    case 'ALL':
      return [];
    case 'SCHOOL':
      return [`${alias}.host_school_id = ${param(reach.hostSchoolId)}::uuid`];
    case 'STUDIOS':
      return [`${alias}.workshop_id = ANY(${param(reach.workshopIds)}::uuid[])`];
    case 'NONE':
      return ['false'];
  }
}

/**
 * Whether a row of money (`alias`) belongs to a region range, `lo` and `hi` being placeholders:
 * by the studio's jurisdiction or its host school's county, as row-level security reads it
 * (migrations/finance-policies.ts).
 */
export function moneyInRangeSql(alias: string, lo: string, hi: string): string {
  return `(${alias}.region_code BETWEEN ${lo} AND ${hi} OR ${alias}.host_region_code BETWEEN ${lo} AND ${hi})`;
}
