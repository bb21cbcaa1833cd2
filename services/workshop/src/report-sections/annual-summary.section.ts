import type { SectionContext, WorkshopDatasets } from '@mingshi/reports';
import {
  activityDuring,
  activityResources,
  agreementInForceDuring,
  certificateIssuedDuring,
  isLiveStream,
  isOutreach,
  membershipOpenDuring,
  outcomeAchievedDuring,
  projectUnderWayDuring,
} from '../services/metrics-sql';
import { coveredStudios, type CoveredStudios } from './covered-studios';
import { emitRows, type NumericKeys } from './emit-rows';
import { groupingSets } from './grouping-sets';

type Summary<K extends keyof WorkshopDatasets> = {
  dataset: K;
  sql: (covered: CoveredStudios) => string;
  numeric: readonly NumericKeys<WorkshopDatasets[K]>[];
};

type SummaryStep = (ctx: SectionContext<WorkshopDatasets>, covered: CoveredStudios) => Promise<void>;

/** One grouped statement streamed into its dataset. */
function summary<K extends keyof WorkshopDatasets>(query: Summary<K>): SummaryStep {
  return (ctx, covered) => emitRows(ctx, query.dataset, query.sql(covered), covered.params, query.numeric);
}

/** Places open during the year, by studio and role; shared by the studio counts and the roster. */
export function placesSql({ period }: CoveredStudios): string {
  return `
    SELECT m.workshop_id,
           count(DISTINCT m.teacher_id) FILTER (WHERE m.role = 'HOST') AS hosts,
           count(DISTINCT m.teacher_id) FILTER (WHERE m.role = 'MEMBER') AS members,
           count(DISTINCT m.teacher_id) FILTER (WHERE m.role = 'TRAINEE') AS trainees
      FROM workshop.membership m JOIN s ON s.id = m.workshop_id
     WHERE ${membershipOpenDuring('m', period)}
     GROUP BY m.workshop_id`;
}

const studioGroups = groupingSets(['s.region_code', 's.level', 's.type', 's.status'], {
  detail: ['s.region_code', 's.level', 's.type', 's.status'],
  levelType: ['s.level', 's.type'],
  status: ['s.status'],
  region: ['s.region_code'],
  total: [],
});

const studioCounts = summary({
  dataset: 'studioCounts',
  numeric: ['studios', 'hosts', 'members', 'trainees'],
  sql: (covered) => `
    WITH s AS (${covered.studios}), places AS (${placesSql(covered)})
    SELECT ${studioGroups.label} AS "by", s.region_code AS "regionCode", s.level, s.type, s.status,
           count(*) AS studios,
           coalesce(sum(p.hosts), 0) AS hosts,
           coalesce(sum(p.members), 0) AS members,
           coalesce(sum(p.trainees), 0) AS trainees
      FROM s LEFT JOIN places p ON p.workshop_id = s.id
     ${studioGroups.groupBy}
     ORDER BY 1, 2, 3, 4, 5`,
});

const activityGroups = groupingSets(['a.type', 'a.region_code'], {
  type: ['a.type'],
  region: ['a.region_code'],
  total: [],
});

/**
 * Figures of activities and figures of participations are grouped apart and joined by group: an
 * activity joined to its participants would count its resources and views once per participant.
 */
const activityCounts = summary({
  dataset: 'activityCounts',
  numeric: [
    'activities',
    'participations',
    'teachers',
    'hours',
    'outreach',
    'outreachSchools',
    'resources',
    'views',
    'liveStreams',
  ],
  sql: ({ studios, period }) => `
    WITH s AS (${studios}),
    a AS (
      SELECT a.id, a.type, a.hours_credited, a.view_count, a.target_school_id, s.region_code,
             ${activityResources('a')} AS resources,
             ${isOutreach('a')} AS outreach, ${isLiveStream('a')} AS live_stream
        FROM workshop.activity a JOIN s ON s.id = a.workshop_id
       WHERE ${activityDuring('a', period)}
    ),
    works AS (
      SELECT ${activityGroups.label} AS "by", a.type, a.region_code,
             count(*) AS activities,
             count(*) FILTER (WHERE a.outreach) AS outreach,
             count(DISTINCT a.target_school_id) FILTER (WHERE a.outreach) AS outreach_schools,
             coalesce(sum(a.resources), 0) AS resources,
             coalesce(sum(a.view_count), 0) AS views,
             count(*) FILTER (WHERE a.live_stream) AS live_streams
        FROM a ${activityGroups.groupBy}
    ),
    reach AS (
      SELECT ${activityGroups.label} AS "by", a.type, a.region_code,
             count(*) AS participations,
             count(DISTINCT p.teacher_id) AS teachers,
             sum(a.hours_credited) AS hours
        FROM a JOIN workshop.activity_participant p ON p.activity_id = a.id
       ${activityGroups.groupBy}
    )
    SELECT w.by, w.type, w.region_code AS "regionCode", w.activities,
           coalesce(r.participations, 0) AS participations,
           coalesce(r.teachers, 0) AS teachers,
           coalesce(r.hours, 0) AS hours,
           w.outreach, w.outreach_schools AS "outreachSchools", w.resources, w.views,
           w.live_streams AS "liveStreams"
      FROM works w
      LEFT JOIN reach r ON r.by = w.by AND r.type IS NOT DISTINCT FROM w.type
           AND r.region_code IS NOT DISTINCT FROM w.region_code
     ORDER BY 1, 2, 3`,
});

const projectGroups = groupingSets(['r.level', 'r.status'], {
  levelStatus: ['r.level', 'r.status'],
  level: ['r.level'],
  status: ['r.status'],
  total: [],
});

const researchProjects = summary({
  dataset: 'researchProjects',
  numeric: ['projects'],
  sql: ({ studios, period }) => `
    WITH s AS (${studios})
    SELECT ${projectGroups.label} AS "by", r.level, r.status, count(*) AS projects
      FROM workshop.research_project r JOIN s ON s.id = r.workshop_id
     WHERE ${projectUnderWayDuring('r', period)}
     ${projectGroups.groupBy}
     ORDER BY 1, 2, 3`,
});

const outcomeGroups = groupingSets(['o.kind', 'o.level'], {
  kindLevel: ['o.kind', 'o.level'],
  kind: ['o.kind'],
  level: ['o.level'],
  total: [],
});

const outcomes = summary({
  dataset: 'outcomes',
  numeric: ['outcomes'],
  sql: ({ studios, period }) => `
    WITH s AS (${studios})
    SELECT ${outcomeGroups.label} AS "by", o.kind, o.level, count(*) AS outcomes
      FROM workshop.outcome o JOIN s ON s.id = o.workshop_id
     WHERE ${outcomeAchievedDuring('o', period)}
     ${outcomeGroups.groupBy}
     ORDER BY 1, 2, 3`,
});

const certificateGroups = groupingSets(['s.region_code'], { region: ['s.region_code'], total: [] });

const certificates = summary({
  dataset: 'certificates',
  numeric: ['certificates', 'hours'],
  sql: ({ studios, period }) => `
    WITH s AS (${studios})
    SELECT ${certificateGroups.label} AS "by", s.region_code AS "regionCode",
           count(*) AS certificates, coalesce(sum(c.hours), 0) AS hours
      FROM workshop.certificate c JOIN s ON s.id = c.workshop_id
     WHERE ${certificateIssuedDuring('c', period)}
     ${certificateGroups.groupBy}
     ORDER BY 1, 2`,
});

const agreementGroups = groupingSets(['g.status'], { status: ['g.status'], total: [] });

const supportAgreements = summary({
  dataset: 'supportAgreements',
  numeric: ['agreements', 'schools'],
  sql: ({ studios, period }) => `
    WITH s AS (${studios})
    SELECT ${agreementGroups.label} AS "by", g.status,
           count(*) AS agreements, count(DISTINCT g.school_id) AS schools
      FROM workshop.support_agreement g JOIN s ON s.id = g.workshop_id
     WHERE ${agreementInForceDuring('g', period)}
     ${agreementGroups.groupBy}
     ORDER BY 1, 2`,
});

const SUMMARIES = [studioCounts, activityCounts, researchProjects, outcomes, certificates, supportAgreements];

/** ANNUAL_SUMMARY: the year's figures of the covered studios, each dataset one grouped statement. */
export async function annualSummarySection(ctx: SectionContext<WorkshopDatasets>): Promise<void> {
  const covered = coveredStudios(ctx);
  for (const [done, step] of SUMMARIES.entries()) {
    await step(ctx, covered);
    await ctx.progress(((done + 1) / SUMMARIES.length) * 100);
  }
}
