import { Client } from 'pg';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import type { TestSystem } from './system';
import type { Studio } from './workshop-fixtures';

/**
 * Worlds for the grouped aggregates: studio work recorded through the graph where the figures
 * are counted by hand, and rows written straight to the tables where only their number matters
 * (a grouping past its bound) or the graph cannot write them (places that began in the past).
 */

/** Records an activity through the graph, as the studio's host; answers its id. */
export async function recordActivity(
  system: TestSystem,
  studio: Studio,
  activity: {
    type: string;
    date: string;
    hours: number;
    participants: string[];
    targetSchoolId?: string;
    viewCount?: number;
    title?: string;
  },
): Promise<string> {
  const r = await system.gql<{ recordActivity: { id: string } }>(
    studio.hostCaller,
    `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`,
    {
      input: {
        workshopId: studio.id,
        type: activity.type,
        title: activity.title ?? `${activity.type} ${activity.date}`,
        date: activity.date,
        place: '活动地点',
        hoursCredited: activity.hours,
        targetSchoolId: activity.targetSchoolId,
        participantIds: activity.participants,
        viewCount: activity.viewCount ?? 0,
      },
    },
  );
  if (!r.data?.recordActivity) throw new Error(`recordActivity failed: ${JSON.stringify(r.errors)}`);
  return r.data.recordActivity.id;
}

/** One activity of a world's table: studio, date, type, hours, participants and, for outreach, the school. */
export type ActivityRow = [Studio, string, string, number, string[], string?];

/** Records each activity of a table through the graph, in order, as its studio's host. */
export async function recordActivities(system: TestSystem, rows: ActivityRow[]): Promise<void> {
  for (const [studio, date, type, hours, participants, targetSchoolId] of rows) {
    await recordActivity(system, studio, { type, date, hours, participants, targetSchoolId });
  }
}

/** One outcome of a world's table: studio, day achieved, kind, level and authors. */
export type OutcomeRow = [Studio, string, string, string, string[]];

/** Records each outcome of a table through the graph, in order, as its studio's host. */
export async function recordOutcomes(system: TestSystem, rows: OutcomeRow[]): Promise<void> {
  for (const [studio, achievedOn, kind, level, authorIds] of rows) {
    const r = await system.gql(
      studio.hostCaller,
      `mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`,
      {
        input: { workshopId: studio.id, kind, title: `${kind} ${achievedOn}`, level, achievedOn, authorIds },
      },
    );
    if (r.errors) throw new Error(`recordOutcome failed: ${JSON.stringify(r.errors)}`);
  }
}

/**
 * One research project of a world's table: studio, level, status now, leader, and the days it
 * started and ended (when it has).
 */
export type ProjectRow = [Studio, string, string, string, string?, string?];

/**
 * Registers each project of a table through the graph, as its studio's host: an ended project
 * as under way (or declared, when it never started), then moved to its end.
 */
export async function registerProjects(system: TestSystem, rows: ProjectRow[]): Promise<void> {
  for (const [studio, level, status, leaderId, startedOn, concludedOn] of rows) {
    const ended = status === 'CONCLUDED' || status === 'TERMINATED';
    const created = await system.gql<{ createResearchProject: { id: string } }>(
      studio.hostCaller,
      `mutation ($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }`,
      {
        input: {
          workshopId: studio.id,
          title: `${level} ${status} 课题`,
          level,
          status: ended ? (startedOn ? 'IN_PROGRESS' : 'DECLARED') : status,
          leaderId,
          startedOn,
        },
      },
    );
    if (!created.data?.createResearchProject) {
      throw new Error(`createResearchProject failed: ${JSON.stringify(created.errors)}`);
    }
    if (!ended) continue;
    const moved = await system.gql(
      studio.hostCaller,
      `mutation ($id: ID!, $input: UpdateResearchProjectInput!) { updateResearchProject(id: $id, input: $input) { id } }`,
      { id: created.data.createResearchProject.id, input: { status, concludedOn } },
    );
    if (moved.errors) throw new Error(`updateResearchProject failed: ${JSON.stringify(moved.errors)}`);
  }
}

/**
 * Members and trainees of a studio, written as a migration of older records would write them:
 * the graph starts places today and trainees only through 双向选择.
 */
export async function placeTeam(
  system: TestSystem,
  studio: Studio,
  places: { teacherId: string; role: 'MEMBER' | 'TRAINEE'; leftOn?: string }[],
): Promise<void> {
  await withScopedTransaction(system.workshop.db, NATIONWIDE, async (manager) => {
    for (const place of places) {
      await manager.query(
        `INSERT INTO workshop.membership (workshop_id, teacher_id, role, joined_on, left_on, end_reason)
         VALUES ($1, $2, $3, '2024-02-01', $4, $5)`,
        [studio.id, place.teacherId, place.role, place.leftOn ?? null, place.leftOn ? '结业' : null],
      );
    }
  });
}

/** Sets when studios were founded (created), which the graph stamps itself. */
export async function setFoundedAt(system: TestSystem, studioId: string, instant: string): Promise<void> {
  await withScopedTransaction(system.workshop.db, NATIONWIDE, (manager) =>
    manager.query(`UPDATE workshop.workshop SET created_at = $2 WHERE id = $1`, [studioId, instant]),
  );
}

/**
 * One activity without participants for every month from `firstMonth` on, for `months` months,
 * and every activity type: 9 × months rows in one statement, for a grouping past its bound.
 */
export async function seedMonthlyActivities(
  system: TestSystem,
  studio: Studio,
  firstMonth: string,
  months: number,
): Promise<void> {
  await withScopedTransaction(system.workshop.db, NATIONWIDE, (manager) =>
    manager.query(
      `INSERT INTO workshop.activity (workshop_id, type, title, date, place, hours_credited, recorded_by)
       SELECT $1, t.type, '月度活动', ($2::date + make_interval(months => m))::date, '本校', 1, 'seed'
         FROM generate_series(0, $3 - 1) AS m,
              unnest(ARRAY['THEMED_RESEARCH', 'TEAM_STUDY', 'EXPERT_LECTURE', 'SHADOWING', 'EXTERNAL_TRAINING',
                           'LIVE_STREAM', 'DEMONSTRATION_LESSON', 'OTHER', 'OUTREACH']) AS t(type)`,
      [studio.id, `${firstMonth}-01`, months],
    ),
  );
}

/**
 * Studios of every subject × stage × cycle year in `regionCode`, straight into the table: 20 ×
 * 6 × years rows in one statement, for a grouping past its bound.
 */
export async function seedStudioGrid(
  system: TestSystem,
  regionCode: string,
  hostSchoolId: string,
  cycleYears: number[],
): Promise<void> {
  await withScopedTransaction(system.workshop.db, NATIONWIDE, (manager) =>
    manager.query(
      `INSERT INTO workshop.workshop (name, type, level, subject, stage, region_code, host_school_id,
                                      cycle_start_year, status, founded_by)
       SELECT '网格工作室 ' || s || ' ' || g || ' ' || y, 'TEACHER', 'COUNTY', s, g, $1, $2, y, 'ACTIVE', 'seed'
         FROM unnest(ARRAY['CHINESE', 'MATHEMATICS', 'ENGLISH', 'PHYSICS', 'CHEMISTRY', 'BIOLOGY', 'HISTORY',
                           'GEOGRAPHY', 'POLITICS', 'SCIENCE', 'MUSIC', 'ART', 'PHYSICAL_EDUCATION',
                           'INFORMATION_TECHNOLOGY', 'PSYCHOLOGY', 'LABOUR', 'PRESCHOOL_EDUCATION',
                           'SPECIAL_EDUCATION', 'VOCATIONAL_SKILLS', 'GENERAL']) AS s,
              unnest(ARRAY['PRESCHOOL', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL',
                           'SPECIAL']) AS g,
              unnest($3::int[]) AS y`,
      [regionCode, hostSchoolId, cycleYears],
    ),
  );
}

/**
 * Runs `sql` straight against the test's database as its superuser, past row-level security and
 * every service's rules: rows of several subgraphs at once, by the thousand, in one statement.
 */
export async function asSuperuser(system: TestSystem, sql: string): Promise<void> {
  const client = new Client({ connectionString: system.database.superuserUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * One outcome (a paper of 2024-06-01, no authors) and one research project (under way since
 * 2024-03-01) for every studio founded in `regionCode`, straight into the tables in one statement
 * each: with `seedStudioGrid`, more studios with work than a grouping by studio may answer.
 */
export async function seedStudioWork(system: TestSystem, regionCode: string): Promise<void> {
  await withScopedTransaction(system.workshop.db, NATIONWIDE, async (manager) => {
    await manager.query(
      `INSERT INTO workshop.outcome (workshop_id, kind, title, level, achieved_on)
       SELECT id, 'PAPER', '网格论文', 'COUNTY', '2024-06-01' FROM workshop.workshop WHERE region_code = $1`,
      [regionCode],
    );
    await manager.query(
      `INSERT INTO workshop.research_project (workshop_id, title, level, status, leader_id, started_on)
       SELECT id, '网格课题', 'COUNTY', 'IN_PROGRESS', gen_random_uuid(), '2024-03-01'
         FROM workshop.workshop WHERE region_code = $1`,
      [regionCode],
    );
  });
}
