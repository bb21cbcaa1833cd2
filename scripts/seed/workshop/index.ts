import { cycleEndYear } from '../../../services/workshop/src/rules/workshop-lifecycle';
import { chinaTime } from '../calendar';
import type { DerivedRows } from '../bulk-load';
import { SEED_USER, type SeedContext } from '../context';
import { flatten, json, rowsOf, type RowGuard } from '../copy';
import { talentTitleLoad, trainingRecordLoad, type PersonnelSeed, type TeacherPlan } from '../personnel';
import { planActivities, type ActivityPlan } from './activities';
import { tallyActivities, type ActivityTally } from './activity-tallies';
import { planCertificates, type CertificatePlan } from './certificates';
import { groupBy } from './collections';
import { planJurisdictions } from './jurisdictions';
import { planOutcomes, type OutcomePlan } from './outcomes';
import { planResearchProjects, type ResearchProjectPlan } from './research-projects';
import { planStudios, type StudioPlan } from './studios';
import { planSupportAgreements } from './support-agreements';
import { planTeam, type MembershipPlan, type TeamPlan } from './team';

/**
 * Studios whose activities are planned and loaded together, about 100,000 activities and 400,000
 * participants: a province's million activities are never all in memory, and each is planned once.
 */
const STUDIOS_PER_BATCH = 300;

/** A status change is inserted only with its studio's whole history: its ids are serial, not stable. */
const NO_HISTORY_YET: RowGuard = {
  condition: `NOT EXISTS (SELECT 1 FROM workshop.workshop_status_change c WHERE c.workshop_id = staged.workshop_id)`,
  reads: ['workshop.workshop_status_change'],
};
const MEMBERSHIP_EXISTS: RowGuard = {
  condition: `staged.membership_id IS NULL OR EXISTS (SELECT 1 FROM workshop.membership m WHERE m.id = staged.membership_id)`,
  reads: ['workshop.membership'],
};

interface StudioSeed {
  studio: StudioPlan;
  team: TeamPlan;
}

/** What a studio did, as the workshop subgraph would report it, for the family that assesses it. */
export interface StudioRecords {
  studio: StudioPlan;
  memberships: MembershipPlan[];
  /** Its activities, counted: a province's million are planned and dropped batch by batch. */
  activities: ActivityTally;
  researchProjects: ResearchProjectPlan[];
  outcomes: OutcomePlan[];
  certificates: CertificatePlan[];
}

export interface WorkshopSeed {
  studios: StudioPlan[];
  /** By studio id. */
  records: Map<string, StudioRecords>;
}

/**
 * The workshop family: studios with their status history, teams and trainee applications,
 * activities with participants, research projects, outcomes, support agreements and completion
 * certificates, planned from personnel's teachers as of today (the calendar's). The titles awarded
 * to hosts and the hours certificates credit go to personnel's tables, as the services would.
 * Returns the studios and their records, for the families that follow them (funds, assessments).
 */
export async function seedWorkshop(ctx: SeedContext, personnel: PersonnelSeed): Promise<WorkshopSeed> {
  const asOf = ctx.calendar.today;
  const jurisdictions = planJurisdictions(ctx.scale.regions, personnel.schools, personnel.teachers);
  const studios = planStudios(jurisdictions, ctx.scale.teachersPerStudio, personnel.titles, asOf).map(
    (studio): StudioSeed => ({ studio, team: planTeam(studio, asOf) }),
  );
  await ctx.load(talentTitleLoad(studios.flatMap(({ studio }) => studio.awardedTitle ?? [])));
  await loadStudios(ctx, studios);
  const records = new Map(
    studios.map(({ studio, team }): [string, StudioRecords] => [
      studio.id,
      {
        studio,
        memberships: team.memberships,
        // Tallied with its batch of activities, below.
        activities: tallyActivities([], []),
        researchProjects: planResearchProjects(studio, team.memberships, asOf),
        outcomes: planOutcomes(studio, team.memberships),
        certificates: [],
      },
    ]),
  );
  const teachersBySchool = groupBy(personnel.teachers, (teacher) => teacher.school.id);
  for (let start = 0; start < studios.length; start += STUDIOS_PER_BATCH) {
    await loadActivities(ctx, studios.slice(start, start + STUDIOS_PER_BATCH), teachersBySchool, records);
  }
  await loadStudioWork(ctx, studios, records, asOf);
  await loadCertificates(ctx, studios, records);
  return { studios: studios.map(({ studio }) => studio), records };
}

async function loadStudios(ctx: SeedContext, studios: readonly StudioSeed[]): Promise<void> {
  await ctx.load({
    table: 'workshop.workshop',
    columns: [
      'id',
      'name',
      'type',
      'level',
      'subject',
      'stage',
      'region_code',
      'host_school_id',
      'cycle_start_year',
      'status',
      'rectification_deadline',
      'founded_by',
      'created_at',
      'updated_at',
    ],
    rows: studios.map(({ studio: s }) => [
      s.id,
      s.name,
      s.type,
      s.level,
      s.subject,
      s.stage,
      s.jurisdiction.code,
      s.host.school.id,
      s.cycleStartYear,
      s.lifecycle.status,
      s.lifecycle.rectificationDeadline,
      SEED_USER,
      chinaTime(s.lifecycle.foundedOn),
      chinaTime(s.lifecycle.history.at(-1)!.on),
    ]),
  });
  await ctx.load({
    table: 'workshop.workshop_status_change',
    columns: ['workshop_id', 'from_status', 'to_status', 'reason', 'changed_by', 'changed_at'],
    rows: studios.flatMap(({ studio }) =>
      studio.lifecycle.history.map((c) => [studio.id, c.from, c.to, c.reason, SEED_USER, chinaTime(c.on)]),
    ),
    where: NO_HISTORY_YET,
    orderBy: 'staged.workshop_id, staged.changed_at',
  });
  await ctx.load({
    table: 'workshop.membership',
    columns: ['id', 'workshop_id', 'teacher_id', 'role', 'joined_on', 'left_on', 'end_reason'],
    rows: studios.flatMap(({ studio, team }) =>
      team.memberships.map((m) => [m.id, studio.id, m.teacher.id, m.role, m.joinedOn, m.leftOn, m.endReason]),
    ),
  });
  await ctx.load({
    table: 'workshop.trainee_application',
    columns: [
      'id',
      'workshop_id',
      'teacher_id',
      'status',
      'statement',
      'host_rating',
      'host_comment',
      'responded_at',
      'responded_by',
      'office_comment',
      'decided_at',
      'decided_by',
      'membership_id',
      'created_at',
    ],
    rows: studios.flatMap(({ studio, team }) =>
      team.applications.map((a) => [
        a.id,
        studio.id,
        a.teacherId,
        a.status,
        a.statement,
        a.hostRating,
        a.hostComment,
        a.respondedAt,
        a.respondedAt && SEED_USER,
        a.officeComment,
        a.decidedAt,
        a.decidedAt && SEED_USER,
        a.membershipId,
        a.createdAt,
      ]),
    ),
    where: MEMBERSHIP_EXISTS,
  });
}

async function loadActivities(
  ctx: SeedContext,
  studios: readonly StudioSeed[],
  teachersBySchool: ReadonlyMap<string, readonly TeacherPlan[]>,
  records: ReadonlyMap<string, StudioRecords>,
): Promise<void> {
  // Planned studio by studio as the activity rows are copied, so that PostgreSQL stores one
  // studio's activities while the next studio's are planned; kept for their participants.
  const activities: ActivityPlan[] = [];
  const planned = flatten(studios, ({ studio, team }) => {
    const plans = planActivities(studio, team.memberships, teachersBySchool);
    records.get(studio.id)!.activities = tallyActivities(plans, cycleYears(studio));
    for (const plan of plans) activities.push(plan);
    return plans;
  });
  await ctx.load({
    table: 'workshop.activity',
    columns: [
      'id',
      'workshop_id',
      'type',
      'title',
      'date',
      'place',
      'hours_credited',
      'target_school_id',
      'resources',
      'view_count',
      'participant_count',
      'recorded_by',
      'created_at',
    ],
    rows: rowsOf(planned, (a) => [
      a.id,
      a.workshopId,
      a.type,
      a.title,
      a.date,
      a.place,
      a.hours,
      a.targetSchoolId,
      json(a.resources),
      a.viewCount,
      a.participantIds.length,
      SEED_USER,
      chinaTime(a.date, '20:00'),
    ]),
  });
  await ctx.load({
    table: 'workshop.activity_participant',
    columns: ['activity_id', 'workshop_id', 'activity_date', 'activity_type', 'teacher_id'],
    derived: PARTICIPATION_YEARS,
    rows: flatten(activities, (a) =>
      a.participantIds.map((teacherId) => [a.id, a.workshopId, a.date, a.type, teacherId]),
    ),
  });
}

/**
 * Each studio's teachers reached per year (migration 1733040000000): kept by a trigger on every
 * insert, recounted once by the migration's own function when the seed fills the table from empty.
 */
const PARTICIPATION_YEARS: DerivedRows = {
  triggers: ['participations_inserted'],
  tables: ['workshop.participation_year'],
  fill: 'SELECT workshop.rebuild_participation_years()',
};

/** Research projects, outcomes with their authors (planned with the records), and support agreements. */
async function loadStudioWork(
  ctx: SeedContext,
  studios: readonly StudioSeed[],
  records: ReadonlyMap<string, StudioRecords>,
  asOf: string,
): Promise<void> {
  await ctx.load({
    table: 'workshop.research_project',
    columns: [
      'id',
      'workshop_id',
      'title',
      'level',
      'status',
      'leader_id',
      'started_on',
      'concluded_on',
      'created_at',
    ],
    rows: studios.flatMap(({ studio }) =>
      records
        .get(studio.id)!
        .researchProjects.map((p) => [
          p.id,
          studio.id,
          p.title,
          p.level,
          p.status,
          p.leaderId,
          p.startedOn,
          p.concludedOn,
          chinaTime(p.registeredOn),
        ]),
    ),
  });
  const outcomes = studios.flatMap(({ studio }) =>
    records.get(studio.id)!.outcomes.map((outcome) => ({ studio, outcome })),
  );
  await ctx.load({
    table: 'workshop.outcome',
    columns: ['id', 'workshop_id', 'kind', 'title', 'level', 'achieved_on', 'created_at'],
    rows: outcomes.map(({ studio, outcome: o }) => [
      o.id,
      studio.id,
      o.kind,
      o.title,
      o.level,
      o.achievedOn,
      chinaTime(o.achievedOn, '18:00'),
    ]),
  });
  await ctx.load({
    table: 'workshop.outcome_author',
    columns: ['outcome_id', 'workshop_id', 'teacher_id'],
    rows: outcomes.flatMap(({ studio, outcome }) =>
      outcome.authorIds.map((teacherId) => [outcome.id, studio.id, teacherId]),
    ),
  });
  await ctx.load({
    table: 'workshop.support_agreement',
    columns: [
      'id',
      'workshop_id',
      'school_id',
      'content',
      'starts_on',
      'ends_on',
      'visits_per_term',
      'agreed_results',
      'status',
      'created_at',
    ],
    rows: studios.flatMap(({ studio }) =>
      planSupportAgreements(studio, asOf).map((a) => [
        a.id,
        studio.id,
        a.school.id,
        a.content,
        a.startsOn,
        a.endsOn,
        a.visitsPerTerm,
        a.agreedResults,
        a.status,
        chinaTime(a.startsOn),
      ]),
    ),
  });
}

/** Certificates, the counters their numbers came from, and the hours they credit in personnel. */
async function loadCertificates(
  ctx: SeedContext,
  studios: readonly StudioSeed[],
  records: ReadonlyMap<string, StudioRecords>,
): Promise<void> {
  const { certificates, counters, credits } = planCertificates(studios);
  for (const certificate of certificates) records.get(certificate.workshopId)!.certificates.push(certificate);
  await ctx.load({
    table: 'workshop.certificate',
    columns: [
      'id',
      'number',
      'workshop_id',
      'teacher_id',
      'cycle_start_year',
      'hours',
      'year',
      'issued_on',
      'issued_by',
    ],
    rows: certificates.map((c) => [
      c.id,
      c.number,
      c.workshopId,
      c.teacherId,
      c.cycleStartYear,
      c.hours,
      c.year,
      c.issuedOn,
      SEED_USER,
    ]),
  });
  await ctx.load({
    table: 'workshop.certificate_counter',
    columns: ['region_code', 'year', 'last_number'],
    rows: counters.map((c) => [c.regionCode, c.year, c.lastNumber]),
  });
  await ctx.load(trainingRecordLoad(credits));
}

/** The first and last years of each of the studio's cycles: the longest periods it is assessed for. */
export function cycleYears(studio: StudioPlan): { from: number; to: number }[] {
  return studio.lifecycle.cycles.map((c) => ({ from: c.startYear, to: cycleEndYear(c.startYear) }));
}
