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
