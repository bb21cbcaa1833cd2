import { chinaToday } from '@mingshi/graphql';
import { NATIONWIDE, Role } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/**
 * Metrics against a small world counted by hand. 西区 (510403) has studios A and B; 东区 (510402)
 * has C; the city 攀枝花市 (510400) founded D. The period is 2024; every fixture that should be
 * left out sits one day outside it.
 */
const Y2024 = { from: '2024-01-01', to: '2024-12-31' };
const Y2023 = { from: '2023-01-01', to: '2023-12-31' };

const FIGURES = `from to workshopCount activityCount activitiesByType { type count } outreachCount teachersReached
  participantHours traineeCount researchProjectCount outcomesByLevel { level count } resourceCount viewCount`;
const STUDIO_METRICS = `query ($id: ID!, $a: PeriodInput!, $b: PeriodInput!) {
  workshop(id: $id) { a: metrics(period: $a) { ${FIGURES} } b: metrics(period: $b) { ${FIGURES} } }
}`;
const AGGREGATE = `query ($filter: WorkshopFilter, $period: PeriodInput!) { workshopMetrics(filter: $filter, period: $period) { ${FIGURES} } }`;

const TYPES = [
  'THEMED_RESEARCH',
  'TEAM_STUDY',
  'OUTREACH',
  'EXPERT_LECTURE',
  'SHADOWING',
  'EXTERNAL_TRAINING',
  'LIVE_STREAM',
  'DEMONSTRATION_LESSON',
  'OTHER',
];
const LEVELS = ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'SCHOOL'];

interface Expected {
  workshopCount: number;
  activities: Record<string, number>;
  outreachCount: number;
  teachersReached: number;
  participantHours: number;
  traineeCount: number;
  researchProjectCount: number;
  outcomes: Record<string, number>;
  resourceCount: number;
  viewCount: number;
}

/** What the API should answer for hand-counted figures: every type and level listed, zeros included. */
function figures(period: { from: string; to: string }, e: Expected) {
  const { activities, outcomes, ...counts } = e;
  return {
    ...period,
    ...counts,
    activityCount: Object.values(activities).reduce((sum, n) => sum + n, 0),
    activitiesByType: TYPES.map((type) => ({ type, count: activities[type] ?? 0 })),
    outcomesByLevel: LEVELS.map((level) => ({ level, count: outcomes[level] ?? 0 })),
  };
}

const NOTHING: Expected = {
  workshopCount: 1,
  activities: {},
  outreachCount: 0,
  teachersReached: 0,
  participantHours: 0,
  traineeCount: 0,
  researchProjectCount: 0,
  outcomes: {},
  resourceCount: 0,
  viewCount: 0,
};

describe('studio metrics', () => {
  let system: TestSystem;
  let a: Studio;
  let b: Studio;
  let c: Studio;
  let d: Studio;
  let t: { id: string }[];

  async function ok(caller: TokenRequest, query: string, variables: Record<string, unknown>) {
    const r = await system.gql(caller, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data!;
  }

  async function activity(
    studio: Studio,
    type: string,
    date: string,
    hoursCredited: number,
    participantIds: string[],
    resources: number,
    viewCount: number,
    targetSchoolId?: string,
  ) {
    await ok(
      studio.hostCaller,
      `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`,
      {
        input: {
          workshopId: studio.id,
          type,
          title: `${type} ${date}`,
          date,
          place: '活动地点',
          hoursCredited,
          targetSchoolId,
          participantIds,
          resources: Array.from({ length: resources }, (_, i) => ({
            title: `资源${i + 1}`,
            url: `https://res.example.cn/${date}/${i}`,
            kind: 'COURSEWARE',
          })),
          viewCount,
        },
      },
    );
  }

  async function project(
    studio: Studio,
    startedOn: string | null,
    end?: { status: string; on: string },
    status = 'IN_PROGRESS',
  ) {
    const created = await ok(
      studio.hostCaller,
      `mutation ($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }`,
      {
        input: {
          workshopId: studio.id,
          title: '课题',
          level: 'CITY',
          status,
          leaderId: studio.host.id,
          startedOn,
        },
      },
    );
    if (end) {
      await ok(
        studio.hostCaller,
        `mutation ($id: ID!, $input: UpdateResearchProjectInput!) { updateResearchProject(id: $id, input: $input) { id } }`,
        {
          id: created.createResearchProject.id,
          input: { status: end.status, concludedOn: end.on },
        },
      );
    }
  }

  async function outcome(studio: Studio, kind: string, level: string, achievedOn: string) {
    await ok(
      studio.hostCaller,
      `mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`,
      {
        input: {
          workshopId: studio.id,
          kind,
          title: `${kind} ${achievedOn}`,
          level,
          achievedOn,
          authorIds: [studio.host.id],
        },
      },
    );
  }

  /**
   * Trainee places from before this graph existed: the API starts and ends memberships today, so
   * places with past dates are written as a migration of older records would write them.
   */
  async function place(
    studio: Studio,
    teacherId: string,
    role: string,
    joinedOn: string,
    leftOn: string | null,
  ) {
    await withScopedTransaction(system.workshop.db, NATIONWIDE, (manager) =>
      manager.query(
        `INSERT INTO workshop.membership (workshop_id, teacher_id, role, joined_on, left_on, end_reason)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [studio.id, teacherId, role, joinedOn, leftOn, leftOn ? '结业' : null],
      ),
    );
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    a = await foundStudio(system, { name: '甲 西区数学名师工作室' });
    b = await foundStudio(system, { name: '乙 西区语文名师工作室' });
    c = await foundStudio(system, { name: '丙 东区名师工作室', countyCode: '510402' });
    d = await foundStudio(system, { name: '丁 攀枝花市名师工作室', level: 'CITY' });
    const westSchool = await createSchool(system, '510403');
    const eastSchool = await createSchool(system, '510402');
    const rural = await createSchool(system, '510403', { rural: true });
    t = [];
    for (let i = 0; i < 7; i++) t.push(await createTeacher(system, westSchool, '510403'));
    const [, t1, t2, t3, t4, t5, t6] = t.map((teacher) => teacher.id) as string[];
    const u = [
      await createTeacher(system, eastSchool, '510402'),
      await createTeacher(system, eastSchool, '510402'),
    ];

    // Activities: A 2 in the period (1 outreach), B 2 on its first and last day, each with one just outside.
    await activity(a, 'THEMED_RESEARCH', '2024-03-15', 3.5, [t1!, t2!, t3!], 2, 100);
    await activity(a, 'OUTREACH', '2024-06-01', 6, [t1!, t4!], 1, 50, rural.id);
    await activity(a, 'THEMED_RESEARCH', '2023-12-31', 2, [t5!], 3, 999);
    await activity(b, 'LIVE_STREAM', '2024-12-31', 1.5, [t2!, t6!], 0, 300);
    await activity(b, 'OUTREACH', '2024-01-01', 4, [], 1, 0, rural.id);
    await activity(b, 'TEAM_STUDY', '2025-01-01', 2, [t1!], 1, 10);
    await activity(c, 'THEMED_RESEARCH', '2024-05-05', 2, [u[0]!.id, u[1]!.id], 1, 20);
    await activity(d, 'EXPERT_LECTURE', '2024-08-08', 1, [t1!], 0, 5);

    // Trainee places: A counts t1 (left on the first day), t3 (joined on the last day) and t5 (twice,
    // counted once); not t2 (left the day before), t4 (joined the day after) or t6 (a member).
    await place(a, t1!, 'TRAINEE', '2023-09-01', '2024-01-01');
    await place(a, t2!, 'TRAINEE', '2023-09-01', '2023-12-31');
    await place(a, t3!, 'TRAINEE', '2024-12-31', null);
    await place(a, t4!, 'TRAINEE', '2025-01-01', null);
    await place(a, t5!, 'TRAINEE', '2024-03-01', '2024-05-01');
    await place(a, t5!, 'TRAINEE', '2024-09-01', null);
    await place(a, t6!, 'MEMBER', '2024-02-01', null);
    await place(b, t1!, 'TRAINEE', '2024-06-01', null);

    // Research projects: A has 3 under way in 2024 (open since 2023, started on the last day,
    // concluded on the first day); not one concluded the day before, a declared one, one terminated
    // in 2023, or one started the day after. B has 1 approved and started.
    await project(a, '2023-09-01');
    await project(a, '2024-12-31');
    await project(a, '2022-03-01', { status: 'CONCLUDED', on: '2023-12-31' });
    await project(a, '2022-03-01', { status: 'CONCLUDED', on: '2024-01-01' });
    await project(a, null, undefined, 'DECLARED');
    await project(a, '2023-01-01', { status: 'TERMINATED', on: '2023-06-30' });
    await project(a, '2025-01-01');
    await project(b, '2024-05-01', undefined, 'APPROVED');

    // Outcomes: A has 3 in 2024 (PROVINCE 1, CITY 2), and one each side; B one SCHOOL; C one COUNTY.
    await outcome(a, 'PAPER', 'PROVINCE', '2024-05-01');
    await outcome(a, 'AWARD', 'CITY', '2024-01-01');
    await outcome(a, 'AWARD', 'CITY', '2024-12-31');
    await outcome(a, 'BOOK', 'NATIONAL', '2023-12-31');
    await outcome(a, 'HONOUR', 'COUNTY', '2025-01-01');
    await outcome(b, 'RESOURCE', 'SCHOOL', '2024-07-07');
    await outcome(c, 'PAPER', 'COUNTY', '2024-02-02');
  });
  afterAll(() => system?.stop());

  const A_2024: Expected = {
    workshopCount: 1,
    activities: { THEMED_RESEARCH: 1, OUTREACH: 1 },
    outreachCount: 1,
    teachersReached: 4,
    participantHours: 3.5 * 3 + 6 * 2,
    traineeCount: 3,
    researchProjectCount: 3,
    outcomes: { PROVINCE: 1, CITY: 2 },
    resourceCount: 3,
    viewCount: 150,
  };
  const B_2024: Expected = {
    workshopCount: 1,
    activities: { LIVE_STREAM: 1, OUTREACH: 1 },
    outreachCount: 1,
    teachersReached: 2,
    participantHours: 1.5 * 2,
    traineeCount: 1,
    researchProjectCount: 1,
    outcomes: { SCHOOL: 1 },
    resourceCount: 1,
    viewCount: 300,
  };
  const WEST_2024: Expected = {
    workshopCount: 2,
    activities: { THEMED_RESEARCH: 1, OUTREACH: 2, LIVE_STREAM: 1 },
    outreachCount: 2,
    // t1, t2, t3, t4, t6: t2 took part in both studios and counts once.
    teachersReached: 5,
    participantHours: 25.5,
    traineeCount: 4,
    researchProjectCount: 4,
    outcomes: { PROVINCE: 1, CITY: 2, SCHOOL: 1 },
    resourceCount: 4,
    viewCount: 450,
  };

  it("answers each studio's figures for a period, two periods in one request", async () => {
    const data = await ok(a.office, STUDIO_METRICS, { id: a.id, a: Y2024, b: Y2023 });
    expect(data.workshop.a).toEqual(figures(Y2024, A_2024));
    expect(data.workshop.b).toEqual(
      figures(Y2023, {
        workshopCount: 1,
        activities: { THEMED_RESEARCH: 1 },
        outreachCount: 0,
        teachersReached: 1,
        participantHours: 2,
        traineeCount: 2,
        researchProjectCount: 4,
        outcomes: { NATIONAL: 1 },
        resourceCount: 3,
        viewCount: 999,
      }),
    );
    const bData = await ok(b.hostCaller, STUDIO_METRICS, {
      id: b.id,
      a: Y2024,
      b: { from: '2019-01-01', to: '2019-12-31' },
    });
    expect(bData.workshop.a).toEqual(figures(Y2024, B_2024));
    expect(bData.workshop.b).toEqual(figures({ from: '2019-01-01', to: '2019-12-31' }, NOTHING));
  });

  it('answers the same figures for every studio of a list', async () => {
    const data = await ok(
      a.office,
      `query ($period: PeriodInput!) { workshops(filter: { regionCode: "510403" }) { nodes { id metrics(period: $period) { ${FIGURES} } } } }`,
      { period: Y2024 },
    );
    const byId = Object.fromEntries(
      data.workshops.nodes.map((n: { id: string; metrics: unknown }) => [n.id, n.metrics]),
    );
    expect(byId[a.id]).toEqual(figures(Y2024, A_2024));
    expect(byId[b.id]).toEqual(figures(Y2024, B_2024));
  });

  it("sums a county's own studios only: not another county's, not the city's it may see", async () => {
    const west = await ok(officeOf('COUNTY', '510403'), AGGREGATE, { period: Y2024 });
    expect(west.workshopMetrics).toEqual(figures(Y2024, WEST_2024));
    // Asking for the whole city narrows to the county's own scope, not to the city's studios.
    const westAsksCity = await ok(officeOf('COUNTY', '510403'), AGGREGATE, {
      filter: { regionCode: '510400' },
      period: Y2024,
    });
    expect(westAsksCity.workshopMetrics).toEqual(figures(Y2024, WEST_2024));
    const east = await ok(officeOf('COUNTY', '510402'), AGGREGATE, { period: Y2024 });
    expect(east.workshopMetrics).toEqual(
      figures(Y2024, {
        ...NOTHING,
        activities: { THEMED_RESEARCH: 1 },
        teachersReached: 2,
        participantHours: 4,
        outcomes: { COUNTY: 1 },
        resourceCount: 1,
        viewCount: 20,
      }),
    );
  });

  it('sums the whole city, filtered by level, region or name', async () => {
    const city = officeOf('CITY', '510403');
    const all = await ok(city, AGGREGATE, { period: Y2024 });
    expect(all.workshopMetrics).toEqual(
      figures(Y2024, {
        workshopCount: 4,
        activities: { THEMED_RESEARCH: 2, OUTREACH: 2, LIVE_STREAM: 1, EXPERT_LECTURE: 1 },
        outreachCount: 2,
        // West's five, the two 东区 teachers; t1 also took part in D's lecture and counts once.
        teachersReached: 7,
        participantHours: 25.5 + 4 + 1,
        traineeCount: 4,
        researchProjectCount: 4,
        outcomes: { PROVINCE: 1, CITY: 2, COUNTY: 1, SCHOOL: 1 },
        resourceCount: 5,
        viewCount: 475,
      }),
    );
    const cityLevel = await ok(city, AGGREGATE, { filter: { level: 'CITY' }, period: Y2024 });
    expect(cityLevel.workshopMetrics).toEqual(
      figures(Y2024, {
        ...NOTHING,
        activities: { EXPERT_LECTURE: 1 },
        teachersReached: 1,
        participantHours: 1,
        viewCount: 5,
      }),
    );
    const named = await ok(city, AGGREGATE, {
      filter: { nameContains: '甲 西区', regionCode: '510403' },
      period: Y2024,
    });
    expect(named.workshopMetrics).toEqual(figures(Y2024, A_2024));
    const none = await ok(city, AGGREGATE, { filter: { status: 'DISSOLVED' }, period: Y2024 });
    expect(none.workshopMetrics).toEqual(figures(Y2024, { ...NOTHING, workshopCount: 0 }));

    const analyst = await ok({ role: Role.ANALYST, region: '510000' }, AGGREGATE, { period: Y2024 });
    expect(analyst.workshopMetrics).toEqual(all.workshopMetrics);
  });

  it('sums the same without teachersReached asked for, and then reads no participation', async () => {
    const city = officeOf('CITY', '510403');
    const all = (await ok(city, AGGREGATE, { period: Y2024 })).workshopMetrics as Record<string, unknown>;
    system.workshop.queries.reset();
    const without = await ok(
      city,
      `query ($period: PeriodInput!) {
        workshopMetrics(period: $period) { workshopCount activityCount participantHours researchProjectCount resourceCount }
        regions(parentCode: "510000") { workshopMetrics(period: $period) { activityCount } }
      }`,
      { period: Y2024 },
    );
    expect(without.workshopMetrics).toEqual({
      workshopCount: all.workshopCount,
      activityCount: all.activityCount,
      participantHours: all.participantHours,
      researchProjectCount: all.researchProjectCount,
      resourceCount: all.resourceCount,
    });
    const statements = system.workshop.queries.statements.filter((sql) => sql.includes('workshop.activity'));
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) expect(sql).not.toMatch(/activity_participant/);
  });

  it('refuses periods backwards or longer than five years, and regions beside the scope', async () => {
    const west = officeOf('COUNTY', '510403');
    const cases: [string, Record<string, unknown>][] = [
      ['BAD_USER_INPUT', { period: { from: '2024-12-31', to: '2024-01-01' } }],
      ['BAD_USER_INPUT', { period: { from: '2019-01-01', to: '2024-01-01' } }],
      ['BAD_USER_INPUT', { filter: { regionCode: '5104' }, period: Y2024 }],
      ['FORBIDDEN', { filter: { regionCode: '510402' }, period: Y2024 }],
    ];
    for (const [code, variables] of cases) {
      expect({ variables, codes: errorCodes(await system.gql(west, AGGREGATE, variables)) }).toEqual({
        variables,
        codes: [code],
      });
    }
    const longest = await system.gql(west, AGGREGATE, { period: { from: '2020-01-01', to: '2024-12-31' } });
    expect(longest.errors).toBeUndefined();
    const backwards = await system.gql(a.office, STUDIO_METRICS, {
      id: a.id,
      a: { from: '2024-12-31', to: '2024-01-01' },
      b: Y2024,
    });
    expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT']);
  });
  it('counts a write made earlier in the same operation', async () => {
    const today = chinaToday();
    const input = (title: string) => ({
      workshopId: a.id,
      kind: 'PAPER',
      title,
      level: 'CITY',
      achievedOn: today,
      authorIds: [a.host.id],
    });
    const figures = `workshop { metrics(period: $period) { outcomesByLevel { level count } } }`;
    const written = await ok(
      a.hostCaller,
      `mutation ($first: RecordOutcomeInput!, $second: RecordOutcomeInput!, $period: PeriodInput!) {
        first: recordOutcome(input: $first) { ${figures} }
        second: recordOutcome(input: $second) { ${figures} }
      }`,
      { first: input('第一篇'), second: input('第二篇'), period: { from: today, to: today } },
    );
    const cityCount = (field: string) =>
      (
        written[field] as { workshop: { metrics: { outcomesByLevel: { level: string; count: number }[] } } }
      ).workshop.metrics.outcomesByLevel.find((entry) => entry.level === 'CITY')!.count;
    expect(cityCount('second')).toBe(cityCount('first') + 1);
  });
});
