/**
 * Rows that name things, shared by several kinds: the assembler joins the other sections' ids
 * and codes to these. Each section's own figures are typed in the file named for its service.
 */

/** personnel `regions`, in every kind: the report's region and every region under it. */
export interface RegionEntry {
  code: string;
  name: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY';
  parentCode: string | null;
}

/** workshop `studios`: every studio the report covers (FUND_USAGE, ASSESSMENT_RESULTS, STUDIO_ROSTER). */
export interface StudioEntry {
  id: string;
  name: string;
  regionCode: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY';
  type: 'TEACHER' | 'PRINCIPAL' | 'HEAD_TEACHER';
  status: string;
  subject: string | null;
  stage: string | null;
  cycleStartYear: number;
  hostTeacherId: string | null;
  hostSchoolId: string | null;
}

/** workshop `memberships` (STUDIO_ROSTER): who was in which studio during the year. */
export interface MembershipEntry {
  workshopId: string;
  teacherId: string;
  role: 'HOST' | 'MEMBER' | 'TRAINEE';
  joinedOn: string;
  leftOn: string | null;
}

/** personnel `teachers` (STUDIO_ROSTER): the teachers the workshop section lists. */
export interface TeacherEntry {
  id: string;
  name: string;
  gender: string;
  schoolId: string;
  subject: string | null;
  rank: string | null;
  /** Masked (138****7142) when the report is masked; each unmasked one is audited. */
  phone: string | null;
}

/** personnel `schools`: the schools the listed teachers and studios belong to. */
export interface SchoolEntry {
  id: string;
  name: string;
  regionCode: string;
  rural: boolean;
  weak: boolean;
}
