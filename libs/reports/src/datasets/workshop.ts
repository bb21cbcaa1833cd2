import type { MembershipEntry, StudioEntry } from './directories';

/**
 * The workshop section's rows. Figures are computed in the workshop service by the same rules as
 * its WorkshopMetrics API (services/workshop/src/services/metrics-sql.ts), for the studios
 * founded in the report's region — not those of the jurisdictions above it that a county may
 * also see, whose work is their own region's.
 *
 * The summaries of ANNUAL_SUMMARY are grouped in SQL (GROUPING SETS): each row says by `by` which
 * grouping it belongs to, and the dimensions it is not grouped by are null. `total` is the one row
 * over everything, present even when nothing happened (all zeros). Distinct counts (teachers
 * reached, schools) are counted within the row's group, so a total is not the sum of its parts.
 */

export type StudioLevel = StudioEntry['level'];
export type StudioType = StudioEntry['type'];
export type StudioStatus =
  'PROPOSED' | 'ACTIVE' | 'RECTIFYING' | 'REVOKED' | 'CONCLUDED' | 'RENEWED' | 'REORGANIZED' | 'DISSOLVED';
export type ActivityType =
  | 'THEMED_RESEARCH'
  | 'TEAM_STUDY'
  | 'OUTREACH'
  | 'EXPERT_LECTURE'
  | 'SHADOWING'
  | 'EXTERNAL_TRAINING'
  | 'LIVE_STREAM'
  | 'DEMONSTRATION_LESSON'
  | 'OTHER';
export type AchievementLevel = 'NATIONAL' | 'PROVINCE' | 'CITY' | 'COUNTY' | 'SCHOOL';
export type ResearchProjectStatus = 'DECLARED' | 'APPROVED' | 'IN_PROGRESS' | 'CONCLUDED' | 'TERMINATED';
export type OutcomeKind = 'PAPER' | 'AWARD' | 'HONOUR' | 'RESOURCE' | 'BOOK';
export type SupportAgreementStatus = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/**
 * `studioCounts`: studios by founding region (a county's code, or a city's or province's for the
 * studios they founded), level, type and current status, with the places open on any day of the
 * year — once per studio and teacher, so a teacher in two studios is two places.
 */
export interface StudioCountRow {
  by: 'detail' | 'levelType' | 'status' | 'region' | 'total';
  regionCode: string | null;
  level: StudioLevel | null;
  type: StudioType | null;
  status: StudioStatus | null;
  studios: number;
  hosts: number;
  members: number;
  trainees: number;
}

/** `activityCounts`: the year's activities (研修活动) by type, by the studio's founding region, and in total. */
export interface ActivityCountRow {
  by: 'type' | 'region' | 'total';
  type: ActivityType | null;
  regionCode: string | null;
  activities: number;
  /** Participations (参训人次): one per teacher and activity. */
  participations: number;
  /** Distinct teachers who took part (WorkshopMetrics.teachersReached). */
  teachers: number;
  /** Hours credited over all participations (WorkshopMetrics.participantHours), one decimal. */
  hours: number;
  /** Outreach activities (送教下乡). */
  outreach: number;
  /** Distinct rural or weak schools those outreach activities went to. */
  outreachSchools: number;
  /** Materials published with the activities. */
  resources: number;
  views: number;
  /** Live streams (直播). */
  liveStreams: number;
}

/** `researchProjects`: projects under way on any day of the year, by level and current status. */
export interface ResearchProjectCountRow {
  by: 'levelStatus' | 'level' | 'status' | 'total';
  level: AchievementLevel | null;
  status: ResearchProjectStatus | null;
  projects: number;
}

/** `outcomes`: outcomes (成果) achieved in the year, by kind (论文 …) and level. */
export interface OutcomeCountRow {
  by: 'kindLevel' | 'kind' | 'level' | 'total';
  kind: OutcomeKind | null;
  level: AchievementLevel | null;
  outcomes: number;
}

/** `certificates`: completion certificates (结业证书) issued in the year, by the studio's founding region. */
export interface CertificateCountRow {
  by: 'region' | 'total';
  regionCode: string | null;
  certificates: number;
  /** Continuing-education hours they credit, one decimal. */
  hours: number;
}

/** `supportAgreements`: agreements (帮扶协议) in force on any day of the year, by current status. */
export interface SupportAgreementCountRow {
  by: 'status' | 'total';
  status: SupportAgreementStatus | null;
  agreements: number;
  /** Distinct schools supported. */
  schools: number;
}

/** `headcounts` (STUDIO_ROSTER): each studio's places open on any day of the year, by role. */
export interface StudioHeadcountRow {
  workshopId: string;
  hosts: number;
  members: number;
  trainees: number;
}

/** Every dataset the workshop section writes; which kinds write which is said on each. */
export interface WorkshopDatasets {
  /** ANNUAL_SUMMARY */
  studioCounts: StudioCountRow;
  activityCounts: ActivityCountRow;
  researchProjects: ResearchProjectCountRow;
  outcomes: OutcomeCountRow;
  certificates: CertificateCountRow;
  supportAgreements: SupportAgreementCountRow;
  /** FUND_USAGE, ASSESSMENT_RESULTS, STUDIO_ROSTER */
  studios: StudioEntry;
  /** STUDIO_ROSTER */
  memberships: MembershipEntry;
  headcounts: StudioHeadcountRow;
}
