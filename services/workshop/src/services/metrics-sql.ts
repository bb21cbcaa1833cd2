import { CLOSED_STATUSES } from '../rules/studio-work';

/**
 * What each studio figure counts, as SQL conditions: the one place for these rules, read by the
 * WorkshopMetrics API (metrics.service.ts) and by the report sections (src/report-sections/), so a
 * figure means the same in a report as in the API. Each takes the alias of the row it judges and
 * the period as two SQL expressions of type date (a column, or a parameter); both ends are included.
 */
export interface PeriodSql {
  from: string;
  to: string;
}

/** Activities dated within the period. */
export function activityDuring(activity: string, period: PeriodSql): string {
  return `${activity}.date BETWEEN ${period.from} AND ${period.to}`;
}

/**
 * Participations (activity_participant rows) in activities dated within the period, by the copy
 * of the activity's date each participation carries: a period's participations are then an index
 * range, without reading their activities.
 */
export function participationDuring(participation: string, period: PeriodSql): string {
  return `${participation}.activity_date BETWEEN ${period.from} AND ${period.to}`;
}

/**
 * The hours an activity credited across its participations (participantHours): its hours for
 * each participant, from the participant count it carries.
 */
export function activityParticipantHours(activity: string): string {
  return `${activity}.hours_credited * ${activity}.participant_count`;
}

/** The materials an activity published (resourceCount): the entries of its `resources` array. */
export function activityResources(activity: string): string {
  return `jsonb_array_length(${activity}.resources)`;
}

/** Outreach (送教下乡 / 送教送培) to a rural or weak school: only these have a target school. */
export function isOutreach(activity: string): string {
  return `${activity}.type = 'OUTREACH'`;
}

/** Live streams (直播). */
export function isLiveStream(activity: string): string {
  return `${activity}.type = 'LIVE_STREAM'`;
}

/**
 * Places (host, member, trainee) open on any day of the period: joined on or before its end and
 * not left before its start. Counted once per studio and teacher, however often they rejoined.
 */
export function membershipOpenDuring(membership: string, period: PeriodSql): string {
  return `${membership}.joined_on <= ${period.to} AND (${membership}.left_on IS NULL OR ${membership}.left_on >= ${period.from})`;
}

/**
 * Places (host, member, trainee) held now: not ended, as `Membership.active` and the studio's
 * `memberCount` and `traineeCount` read them.
 */
export function membershipActive(membership: string): string {
  return `${membership}.left_on IS NULL`;
}

/**
 * Studios open for work now (isOpenForWork): neither revoked, dissolved nor concluded. The
 * statuses are the rule's own constants, never input.
 */
export function openForWork(workshop: string): string {
  return `${workshop}.status NOT IN (${CLOSED_STATUSES.map((status) => `'${status}'`).join(', ')})`;
}

/**
 * Research projects under way on any day of the period: started on or before its end and not
 * concluded or terminated before its start. Declared projects have not started.
 */
export function projectUnderWayDuring(project: string, period: PeriodSql): string {
  return `${project}.started_on <= ${period.to} AND (${project}.concluded_on IS NULL OR ${project}.concluded_on >= ${period.from})`;
}

/** Of the projects under way, those that started (开题) within the period rather than before it. */
export function projectStartedDuring(project: string, period: PeriodSql): string {
  return `${project}.started_on BETWEEN ${period.from} AND ${period.to}`;
}

/**
 * Of the projects under way, those concluded (结题) within the period: CONCLUDED, their
 * `concluded_on` in it. A terminated (终止) project also carries the day it ended, and is not one.
 */
export function projectConcludedDuring(project: string, period: PeriodSql): string {
  return `${project}.status = 'CONCLUDED' AND ${project}.concluded_on BETWEEN ${period.from} AND ${period.to}`;
}

/** Completion certificates issued within the period. */
export function certificateIssuedDuring(certificate: string, period: PeriodSql): string {
  return `${certificate}.issued_on BETWEEN ${period.from} AND ${period.to}`;
}

/** Outcomes achieved within the period. */
export function outcomeAchievedDuring(outcome: string, period: PeriodSql): string {
  return `${outcome}.achieved_on BETWEEN ${period.from} AND ${period.to}`;
}

/** Support agreements whose agreed period shares a day with the period, whatever their status now. */
export function agreementInForceDuring(agreement: string, period: PeriodSql): string {
  return `${agreement}.starts_on <= ${period.to} AND ${agreement}.ends_on >= ${period.from}`;
}
