import { Role, covers, hasRole, type Principal } from '@mingshi/auth';
import type { WorkshopLevel } from '../generated/resolvers-types';

/**
 * Who may do what to a studio, in one place (docs/roles.md says the same in words). Every rule
 * includes region coverage, so it reads whole.
 */

interface StudioRef {
  level: WorkshopLevel;
  regionCode: string;
}

const OFFICE_OF_LEVEL: Record<WorkshopLevel, Role> = {
  PROVINCE: Role.PROVINCE_OFFICE,
  CITY: Role.CITY_OFFICE,
  COUNTY: Role.COUNTY_OFFICE,
};

const LEVELS_ABOVE_OR_AT: Record<WorkshopLevel, WorkshopLevel[]> = {
  COUNTY: ['COUNTY', 'CITY', 'PROVINCE'],
  CITY: ['CITY', 'PROVINCE'],
  PROVINCE: ['PROVINCE'],
};

/** The studio level an office founds: its own. Null for callers who are not offices. */
export function foundingLevel(principal: Principal): WorkshopLevel | null {
  const levels = (Object.keys(OFFICE_OF_LEVEL) as WorkshopLevel[]).filter((level) =>
    hasRole(principal, OFFICE_OF_LEVEL[level]),
  );
  return levels[0] ?? null;
}

/**
 * The management office of the studio's level (县级工作室 → 县教育局): it confirms trainees and
 * issues certificates.
 */
export function isStudioOffice(principal: Principal, studio: StudioRef): boolean {
  return hasRole(principal, OFFICE_OF_LEVEL[studio.level]) && covers(principal.regionCode, studio.regionCode);
}

/** The studio's office or any office above it whose scope covers it: may change status and details. */
export function isOverseeingOffice(principal: Principal, studio: StudioRef): boolean {
  return (
    LEVELS_ABOVE_OR_AT[studio.level].some((level) => hasRole(principal, OFFICE_OF_LEVEL[level])) &&
    covers(principal.regionCode, studio.regionCode)
  );
}

/** The studio's current host, acting as themself. */
export function isHost(principal: Principal, hostTeacherId: string | null): boolean {
  return hasRole(principal, Role.HOST) && !!hostTeacherId && principal.teacherId === hostTeacherId;
}

/** Members, activities, projects, outcomes and agreements: the host, or an overseeing office. */
export function canManageStudioWork(
  principal: Principal,
  studio: StudioRef,
  hostTeacherId: string | null,
): boolean {
  return isHost(principal, hostTeacherId) || isOverseeingOffice(principal, studio);
}
