import {
  Role,
  covers,
  hasRole,
  isOffice,
  isOfficeOfLevel,
  officeLevel,
  type Principal,
  type RegionLevel,
} from '@mingshi/auth';
import { ForbiddenError } from '@mingshi/graphql';

/**
 * Who may do what with schemes, rounds and assessments (docs/roles.md). Region coverage of rows is
 * also held by row-level security; these rules add the roles.
 */

/** A scheme, a round: records of one office's level and jurisdiction. */
export interface OfficeRecord {
  level: RegionLevel;
  regionCode: string;
}

/** The office a caller drafts schemes and opens rounds as: their own level and jurisdiction. */
export function actingOffice(principal: Principal, action: string): OfficeRecord {
  const level = officeLevel(principal);
  if (!level) throw new ForbiddenError(`Only an education office may ${action}`);
  return { level, regionCode: principal.regionCode };
}

/** The office that owns a scheme or round (the same level and a scope covering it) may change it. */
export function assertOwningOffice(principal: Principal, record: OfficeRecord, what: string): void {
  if (!isOfficeOfLevel(principal, record)) {
    throw new ForbiddenError(`Only the ${record.level} office that owns the ${what} may change it`);
  }
}

/** Drafts are the office's working papers: only offices covering the scheme's region see them. */
export function canSeeDraft(principal: Principal, scheme: OfficeRecord): boolean {
  return isOffice(principal) && covers(principal.regionCode, scheme.regionCode);
}

/** Roles that read every assessment in their scope; others see only their own studio's or assignments. */
const SCOPE_READERS: readonly Role[] = [
  Role.PROVINCE_OFFICE,
  Role.CITY_OFFICE,
  Role.COUNTY_OFFICE,
  Role.ANALYST,
  Role.EVALUATOR,
  Role.SYSTEM,
];

export function readsScope(principal: Principal): boolean {
  return hasRole(principal, ...SCOPE_READERS);
}

/** An assigned evaluator acting as themself. */
export function evaluatorTeacherId(principal: Principal): string | null {
  return hasRole(principal, Role.EVALUATOR) && principal.teacherId ? principal.teacherId : null;
}
