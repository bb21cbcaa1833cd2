import { Role, covers, hasRole, isOffice, type Principal } from '@mingshi/auth';
import type { TitleLevel } from '../generated/resolvers-types';

/**
 * Who may do what in personnel, in one place. Region coverage is checked here too, so a rule reads
 * whole: "an office whose scope covers the school". docs/roles.md describes the same matrix.
 */

interface SchoolRef {
  id: string;
  regionCode: string;
}

interface TeacherRef {
  id: string;
  schoolId: string;
  regionCode: string;
}

/** Every role but the finance system reads teachers (in scope, masked unless allowed below). */
export function canReadTeachers(principal: Principal): boolean {
  return principal.roles.some((role) => role !== Role.FINANCE_SYSTEM);
}

export function canManageSchools(principal: Principal, regionCode: string): boolean {
  return isOffice(principal) && covers(principal.regionCode, regionCode);
}

/** Registering and editing teachers: offices over the school, or that school's administrator. */
export function canManageTeachersAt(principal: Principal, school: SchoolRef): boolean {
  if (isOffice(principal) && covers(principal.regionCode, school.regionCode)) return true;
  return (
    hasRole(principal, Role.SCHOOL_ADMIN) &&
    principal.schoolId === school.id &&
    covers(principal.regionCode, school.regionCode)
  );
}

export function canRecordTraining(principal: Principal, teacher: TeacherRef): boolean {
  if (hasRole(principal, Role.SYSTEM)) return true;
  return canManageTeachersAt(principal, { id: teacher.schoolId, regionCode: teacher.regionCode });
}

/** The lowest office level that may award a title of each level. */
const AWARDING_OFFICES: Record<TitleLevel, Role[]> = {
  PROVINCE: [Role.PROVINCE_OFFICE],
  CITY: [Role.PROVINCE_OFFICE, Role.CITY_OFFICE],
  COUNTY: [Role.PROVINCE_OFFICE, Role.CITY_OFFICE, Role.COUNTY_OFFICE],
  SCHOOL: [Role.PROVINCE_OFFICE, Role.CITY_OFFICE, Role.COUNTY_OFFICE],
};

export function canAwardTitle(principal: Principal, level: TitleLevel, teacher: TeacherRef): boolean {
  if (!covers(principal.regionCode, teacher.regionCode)) return false;
  if (hasRole(principal, ...AWARDING_OFFICES[level])) return true;
  return (
    level === 'SCHOOL' && hasRole(principal, Role.SCHOOL_ADMIN) && principal.schoolId === teacher.schoolId
  );
}

/**
 * National ID and phone are shown unmasked to offices whose scope covers the teacher, to the
 * teacher's own school administrator, and to the teacher themself. A principal holding the
 * ANALYST role never sees them, whatever else it holds.
 */
export function canSeePersonalData(principal: Principal, teacher: TeacherRef): boolean {
  if (hasRole(principal, Role.ANALYST)) return false;
  if (isOffice(principal) && covers(principal.regionCode, teacher.regionCode)) return true;
  if (hasRole(principal, Role.SCHOOL_ADMIN) && principal.schoolId === teacher.schoolId) return true;
  return principal.teacherId === teacher.id;
}
