import {
  OFFICE_OF_LEVEL,
  Role,
  hasRole,
  isHost,
  isOffice,
  isOfficeOfLevel,
  isOverseeingOffice,
  type Principal,
} from '@mingshi/auth';
import type { FundAllocationEntity } from '../entities';
import type { Studio, StudioState } from '@mingshi/subgraph-server';

/**
 * Who may do what with a studio's money, in one place (docs/roles.md says the same in words).
 * Row-level security already limits every row to the caller's region (the studio's jurisdiction or
 * its host school's county); these rules say which roles within it.
 */

/** Roles that read the money of every studio in their scope. */
const SCOPE_READERS: readonly Role[] = [Role.ANALYST, Role.FINANCE_SYSTEM, Role.EVALUATOR, Role.SYSTEM];

/**
 * Which money rows a caller may read, as a filter every read applies: all of their region, only
 * their school's, only the studios they host, or none.
 */
export type MoneyReach =
  | { kind: 'REGION' }
  | { kind: 'SCHOOL'; schoolId: string }
  | { kind: 'HOST'; teacherId: string }
  | { kind: 'NONE' };

export function moneyReach(principal: Principal): MoneyReach {
  if (isOffice(principal) || hasRole(principal, ...SCOPE_READERS)) return { kind: 'REGION' };
  if (hasRole(principal, Role.SCHOOL_ADMIN) && principal.schoolId) {
    return { kind: 'SCHOOL', schoolId: principal.schoolId };
  }
  if (hasRole(principal, Role.HOST) && principal.teacherId) {
    return { kind: 'HOST', teacherId: principal.teacherId };
  }
  return { kind: 'NONE' };
}

/** An office over the studio allocates its funds, at the office's own level. */
export function canAllocate(principal: Principal, studio: StudioState): boolean {
  return isOverseeingOffice(principal, studio);
}

/** The office that made an allocation adjusts it and records its payments. */
export function isAllocatingOffice(principal: Principal, allocation: FundAllocationEntity): boolean {
  return (
    hasRole(principal, OFFICE_OF_LEVEL[allocation.sourceLevel]) &&
    principal.regionCode === allocation.sourceRegionCode
  );
}

/** An office over the studio freezes and unfreezes its funds. */
export function canFreeze(principal: Principal, studio: StudioState): boolean {
  return isOverseeingOffice(principal, studio);
}

/** The studio's host submits its expenses. */
export function canSubmitExpense(principal: Principal, studio: Studio): boolean {
  return isHost(principal, studio.hostTeacherId);
}

/**
 * The host school's finance (its SCHOOL_ADMIN) or the office of the studio's level approves,
 * rejects and reverses expenses.
 */
export function canDecideExpense(
  principal: Principal,
  allocation: FundAllocationEntity,
  studio: StudioState,
): boolean {
  const hostSchoolFinance =
    hasRole(principal, Role.SCHOOL_ADMIN) && principal.schoolId === allocation.hostSchoolId;
  return hostSchoolFinance || isOfficeOfLevel(principal, studio);
}

/** Finance systems (and the system itself) manage webhook endpoints. */
export function canManageWebhooks(principal: Principal): boolean {
  return hasRole(principal, Role.FINANCE_SYSTEM, Role.SYSTEM);
}

/** Analysts read payees masked: a payee is often a person (lecture fees). */
export function seesPayees(principal: Principal): boolean {
  return !hasRole(principal, Role.ANALYST) || isOffice(principal);
}
