import { covers, type RegionLevel } from './region-scope';
import { Role, hasRole, type Principal } from './roles';

/**
 * Offices by level, for records that belong to a jurisdiction's level (a studio, an allocation of
 * funds). Every rule includes region coverage, so it reads whole.
 */
export interface LevelledRecord {
  level: RegionLevel;
  regionCode: string;
}

export const OFFICE_OF_LEVEL: Record<RegionLevel, Role> = {
  PROVINCE: Role.PROVINCE_OFFICE,
  CITY: Role.CITY_OFFICE,
  COUNTY: Role.COUNTY_OFFICE,
};

const LEVELS_AT_OR_ABOVE: Record<RegionLevel, RegionLevel[]> = {
  COUNTY: ['COUNTY', 'CITY', 'PROVINCE'],
  CITY: ['CITY', 'PROVINCE'],
  PROVINCE: ['PROVINCE'],
};

/** The level an office acts at (a county office founds and funds COUNTY studios). Null for non-offices. */
export function officeLevel(principal: Principal): RegionLevel | null {
  const levels = (Object.keys(OFFICE_OF_LEVEL) as RegionLevel[]).filter((level) =>
    hasRole(principal, OFFICE_OF_LEVEL[level]),
  );
  return levels[0] ?? null;
}

/**
 * The management office of the record's level (县级工作室 → 县教育局): it confirms trainees,
 * issues certificates and approves the studio's expenses.
 */
export function isOfficeOfLevel(principal: Principal, record: LevelledRecord): boolean {
  return hasRole(principal, OFFICE_OF_LEVEL[record.level]) && covers(principal.regionCode, record.regionCode);
}

/** The record's office or any office above it whose scope covers it. */
export function isOverseeingOffice(principal: Principal, record: LevelledRecord): boolean {
  return (
    LEVELS_AT_OR_ABOVE[record.level].some((level) => hasRole(principal, OFFICE_OF_LEVEL[level])) &&
    covers(principal.regionCode, record.regionCode)
  );
}

/** A studio's current host, acting as themself (HOST role and the same teacher id). */
export function isHost(principal: Principal, hostTeacherId: string | null): boolean {
  return hasRole(principal, Role.HOST) && !!hostTeacherId && principal.teacherId === hostTeacherId;
}
