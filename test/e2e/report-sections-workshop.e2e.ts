import { NATIONWIDE, Role, ancestorsOf, type Principal } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import {
  ReportKind,
  type MembershipEntry,
  type ReportRequest,
  type SectionHandler,
  type SectionOutput,
  type StudioEntry,
} from '@mingshi/reports';
import type { Chapter, Row, Table } from '../../services/reports/src/render/report-document';
import { RegionNames, type ChapterInput } from '../../services/reports/src/assembly/section-data';
import { StudioDirectory } from '../../services/reports/src/assembly/studio-directory';
import {
  annualSummaryChapters,
  studioRosterChapters,
  workshopHeadlines,
} from '../../services/reports/src/assembly/workshop-chapters';
import { workshopSectionHandlers } from '../../services/workshop/src/report-sections';
import { createSchool, createTeacher } from '../harness/fixtures';
import { SectionBench } from '../harness/report-sections';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

/**
 * The workshop section of reports against a small world counted by hand, for 2024. 西区 (510403)
 * has studios 1号 (active, the work below) and 2号 (proposed); 东区 (510402) has 3号; the city
 * 攀枝花市 (510400) founded 4号 over 西区. Everything that should be left out sits one day outside
 * the year or in the other county.
 */
const YEAR = 2024;
const WEST = '510403';
const EAST = '510402';
const CITY = '510400';

const westOffice: Principal = { userId: 'west-office', roles: [Role.COUNTY_OFFICE], regionCode: WEST };
const cityOffice: Principal = { userId: 'city-office', roles: [Role.CITY_OFFICE], regionCode: CITY };

const handlers = workshopSectionHandlers();

/**
 * A stand-in for personnel's section, written here so the roster can be tested before that one
 * exists: the regions of the report, and the teachers and schools the workshop section lists —
 * read from personnel's tables under the requester's row-level security, as personnel's own would.
 */
const personnelStandIn: SectionHandler = async (ctx) => {
  for await (const region of ctx.stream(
    `SELECT code, name, level, parent_code AS "parentCode" FROM personnel.region
      WHERE code BETWEEN $1 AND $2 OR code = ANY($3) ORDER BY code`,
    [ctx.range.lo, ctx.range.hi, ancestorsOf(ctx.request.regionCode)],
  )) {
    await ctx.emit('regions', region);
  }
  if (ctx.request.kind !== ReportKind.STUDIO_ROSTER) return;
  const teacherIds = new Set<string>();
  const schoolIds = new Set<string>();
  for await (const place of ctx.inputRows<MembershipEntry>('workshop', 'memberships'))
    teacherIds.add(place.teacherId);
  for await (const studio of ctx.inputRows<StudioEntry>('workshop', 'studios')) {
    if (studio.hostSchoolId) schoolIds.add(studio.hostSchoolId);
  }
  for await (const teacher of ctx.stream<{ schoolId: string }>(
    `SELECT id, name, gender, school_id AS "schoolId", subject, rank, phone FROM personnel.teacher
      WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [[...teacherIds]],
  )) {
    schoolIds.add(teacher.schoolId);
    await ctx.emit('teachers', teacher);
  }
  for await (const school of ctx.stream(
    `SELECT id, name, region_code AS "regionCode", rural, weak FROM personnel.school
      WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [[...schoolIds]],
  )) {
    await ctx.emit('schools', school);
  }
};

async function collect(rows: Table['rows']): Promise<Row[]> {
  const all: Row[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

function table(chapters: Chapter[], title: string): Table {
  const found = chapters.flatMap((chapter) => chapter.tables).find((t) => t.title === title);
  if (!found) throw new Error(`No table ${title}`);
  return found;
}

async function bodyOf(chapters: Chapter[], title: string): Promise<{ rows: Row[]; totals?: Row }> {
  const t = table(chapters, title);
  return { rows: await collect(t.rows), totals: t.totals };
}

describe('report sections: workshop', () => {
  let system: TestSystem;
  let bench: SectionBench;
  let s1: Studio;
  let s2: Studio;
  let s3: Studio;
  let s4: Studio;
  let w: { id: string; name: string; phone: string }[];
  let e: { id: string; name: string }[];
  let westSchool: { id: string; name: string };

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
    level: string,
    status: string,
    startedOn: string | null,
    concludedOn?: string,
  ) {
    const created = await ok(
      studio.hostCaller,
      `mutation ($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }`,
      {
        input: {
          workshopId: studio.id,
          title: '课题',
          level,
          status: concludedOn ? 'IN_PROGRESS' : status,
          leaderId: studio.host.id,
          startedOn,
        },
      },
    );
    if (concludedOn) {
      await ok(
        studio.hostCaller,
        `mutation ($id: ID!, $input: UpdateResearchProjectInput!) { updateResearchProject(id: $id, input: $input) { id } }`,
        { id: created.createResearchProject.id, input: { status, concludedOn } },
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

  async function agreement(
    studio: Studio,
    schoolId: string,
    startsOn: string,
    endsOn: string,
    completed = false,
  ) {
    const created = await ok(
      studio.hostCaller,
      `mutation ($input: CreateSupportAgreementInput!) { createSupportAgreement(input: $input) { id } }`,
      {
        input: {
          workshopId: studio.id,
          schoolId,
          content: '同课异构、送教送培',
          startsOn,
          endsOn,
          visitsPerTerm: 2,
          agreedResults: '青年教师汇报课',
        },
      },
    );
    if (completed) {
      await ok(
        studio.hostCaller,
        `mutation ($id: ID!, $input: UpdateSupportAgreementInput!) { updateSupportAgreement(id: $id, input: $input) { id } }`,
        { id: created.createSupportAgreement.id, input: { status: 'COMPLETED' } },
      );
    }
  }

  /**
   * Places and certificates from before this graph existed: the API starts memberships and issues
   * certificates today, so dated ones are written as a migration of older records writes them.
   */
  async function history(sql: string, params: unknown[]) {
    await withScopedTransaction(system.workshop.db, NATIONWIDE, (manager) => manager.query(sql, params));
  }

  async function place(
    studio: Studio,
    teacherId: string,
    role: string,
    joinedOn: string,
    leftOn: string | null = null,
  ) {
    await history(
      `INSERT INTO workshop.membership (workshop_id, teacher_id, role, joined_on, left_on, end_reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [studio.id, teacherId, role, joinedOn, leftOn, leftOn ? '结业' : null],
    );
  }

  async function certificate(
    studio: Studio,
    teacherId: string,
    issuedOn: string,
    hours: number,
    number: string,
  ) {
    await history(
      `INSERT INTO workshop.certificate (number, workshop_id, teacher_id, cycle_start_year, hours, year, issued_on, issued_by)
       VALUES ($1, $2, $3, 2021, $4, $5, $6, 'office')`,
      [number, studio.id, teacherId, hours, Number(issuedOn.slice(0, 4)), issuedOn],
    );
  }

  async function section(kind: ReportKind, requester: Principal, regionCode = requester.regionCode) {
    const request: ReportRequest = { kind, regionCode, year: YEAR, masked: false };
    const workshop = await bench.compute({
      service: 'workshop',
      dataSource: system.workshop.db,
      handler: handlers[kind]!,
      request,
      requester,
    });
    const personnel = await bench.compute({
      service: 'personnel',
      dataSource: system.personnel.db,
      handler: personnelStandIn,
      request,
      requester,
      inputs: [workshop],
    });
    const outputs: SectionOutput[] = [workshop, personnel];
    const data = bench.data(outputs);
    const regions = await data.all<{ code: string; name: string }>('personnel', 'regions');
    const input: ChapterInput = {
      request,
      data,
      regions: new RegionNames(new Map(regions.map((r) => [r.code, r.name]))),
    };
    return { input, data, all: <T>(dataset: string) => data.all<T>('workshop', dataset) };
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    bench = await SectionBench.create();
    westSchool = await createSchool(system, WEST, { name: '西区实验小学' });
    const rural = await createSchool(system, WEST, { name: '西区格里坪小学', rural: true });
    const weak = await createSchool(system, WEST, { name: '西区清香坪小学', weak: true });
    const eastSchool = await createSchool(system, EAST);
    const eastWeak = await createSchool(system, EAST, { weak: true });
    const hostA = await createTeacher(system, westSchool, WEST, { name: '王芳' });
    s1 = await foundStudio(system, { name: '西区1号名师工作室', school: westSchool, host: hostA });
    s2 = await foundStudio(system, { name: '西区2号名校长工作室', type: 'PRINCIPAL', status: 'PROPOSED' });
    s3 = await foundStudio(system, { name: '东区3号名师工作室', countyCode: EAST, school: eastSchool });
    s4 = await foundStudio(system, {
      name: '攀枝花市4号名班主任工作室',
      level: 'CITY',
      type: 'HEAD_TEACHER',
    });
    w = [];
    for (const name of ['李明', '张丽', '赵强', '孙红'])
      w.push(await createTeacher(system, westSchool, WEST, { name }));
    e = [await createTeacher(system, eastSchool, EAST), await createTeacher(system, eastSchool, EAST)];
    const [w1, w2, w3, w4] = w.map((t) => t.id) as [string, string, string, string];
    const [e1, e2] = e.map((t) => t.id) as [string, string];

    // Hosts have led their studios since 2023-09-01; places of 2024, each studio's left-outs marked.
    await history(
      `UPDATE workshop.membership SET joined_on = '2023-09-01' WHERE role = 'HOST' AND workshop_id = ANY($1)`,
      [[s1.id, s2.id, s3.id, s4.id]],
    );
    await place(s1, w1, 'MEMBER', '2023-09-01');
    await place(s1, w3, 'TRAINEE', '2023-09-01', '2024-06-30');
    await place(s1, e1, 'TRAINEE', '2024-02-01'); // from 东区: out of 西区's personnel scope
    await place(s1, w2, 'TRAINEE', '2024-03-01');
    await place(s1, w4, 'TRAINEE', '2025-01-01'); // joined after the year
    await place(s1, w1, 'TRAINEE', '2022-09-01', '2023-12-31'); // left before the year
    await place(s2, w2, 'MEMBER', '2024-01-01');
    await place(s3, e1, 'MEMBER', '2024-05-01');
    await place(s3, e2, 'TRAINEE', '2024-05-01');
    await place(s4, w1, 'TRAINEE', '2024-04-01');

    await activity(s1, 'THEMED_RESEARCH', '2024-03-15', 3.5, [w1, w2, w3], 2, 100);
    await activity(s1, 'OUTREACH', '2024-06-01', 6, [w1, w2], 1, 50, rural.id);
    await activity(s1, 'OUTREACH', '2024-09-01', 4, [w1], 0, 0, rural.id);
    await activity(s1, 'LIVE_STREAM', '2024-10-10', 1.5, [w2, w3, w4], 0, 700);
    await activity(s1, 'THEMED_RESEARCH', '2023-12-31', 2, [w1], 3, 999);
    await activity(s3, 'OUTREACH', '2024-05-05', 2, [e1, e2], 1, 20, eastWeak.id);
    await activity(s4, 'EXPERT_LECTURE', '2024-08-08', 1, [w1], 0, 5);

    await project(s1, 'CITY', 'IN_PROGRESS', '2023-09-01');
    await project(s1, 'PROVINCE', 'APPROVED', '2024-05-01');
    await project(s1, 'CITY', 'CONCLUDED', '2022-03-01', '2024-01-01');
    await project(s1, 'COUNTY', 'CONCLUDED', '2022-03-01', '2023-12-31');
    await project(s1, 'CITY', 'DECLARED', null);
    await project(s3, 'COUNTY', 'IN_PROGRESS', '2024-02-01');

    await outcome(s1, 'PAPER', 'PROVINCE', '2024-05-01');
    await outcome(s1, 'PAPER', 'CITY', '2024-06-01');
    await outcome(s1, 'AWARD', 'CITY', '2024-12-31');
    await outcome(s1, 'BOOK', 'NATIONAL', '2023-12-31');
    await outcome(s3, 'PAPER', 'COUNTY', '2024-02-02');

    await certificate(s1, w3, '2024-07-15', 40, 'T-2024-0001');
    await certificate(s1, w1, '2023-12-31', 30, 'T-2023-0001');
    await certificate(s3, e2, '2024-12-31', 36.5, 'T-2024-0002');

    await agreement(s1, weak.id, '2024-03-01', '2025-02-28');
    await agreement(s1, rural.id, '2024-01-01', '2024-06-30', true);
    await agreement(s1, rural.id, '2022-01-01', '2023-12-31');
    await agreement(s3, eastWeak.id, '2024-01-01', '2024-12-31');
  });
  afterAll(async () => {
    await bench?.dispose();
    await system?.stop();
  });

  const zeroActivity = {
    activities: 0,
    participations: 0,
    teachers: 0,
    hours: 0,
    outreach: 0,
    outreachSchools: 0,
    resources: 0,
    views: 0,
    liveStreams: 0,
  };
  // 1号's year: w1, w2, w3, w4 took part; the outreach went twice to one rural school.
  const themed = {
    ...zeroActivity,
    activities: 1,
    participations: 3,
    teachers: 3,
    hours: 10.5,
    resources: 2,
    views: 100,
  };
  const westOutreach = {
    ...zeroActivity,
    activities: 2,
    participations: 3,
    teachers: 2,
    hours: 16,
    outreach: 2,
    outreachSchools: 1,
    resources: 1,
    views: 50,
  };
  const live = {
    ...zeroActivity,
    activities: 1,
    participations: 3,
    teachers: 3,
    hours: 4.5,
    views: 700,
    liveStreams: 1,
  };
  const westActivities = {
    activities: 4,
    participations: 9,
    teachers: 4,
    hours: 31,
    outreach: 2,
    outreachSchools: 1,
    resources: 3,
    views: 850,
    liveStreams: 1,
  };

  it("sums a county's own studios: not the other county's, not the city's studio the county may see", async () => {
    const { all } = await section(ReportKind.ANNUAL_SUMMARY, westOffice);
    expect(await all('studioCounts')).toEqual([
      {
        by: 'detail',
        regionCode: WEST,
        level: 'COUNTY',
        type: 'PRINCIPAL',
        status: 'PROPOSED',
        studios: 1,
        hosts: 1,
        members: 1,
        trainees: 0,
      },
      {
        by: 'detail',
        regionCode: WEST,
        level: 'COUNTY',
        type: 'TEACHER',
        status: 'ACTIVE',
        studios: 1,
        hosts: 1,
        members: 1,
        trainees: 3,
      },
      {
        by: 'levelType',
        regionCode: null,
        level: 'COUNTY',
        type: 'PRINCIPAL',
        status: null,
        studios: 1,
        hosts: 1,
        members: 1,
        trainees: 0,
      },
      {
        by: 'levelType',
        regionCode: null,
        level: 'COUNTY',
        type: 'TEACHER',
        status: null,
        studios: 1,
        hosts: 1,
        members: 1,
        trainees: 3,
      },
      {
        by: 'region',
        regionCode: WEST,
        level: null,
        type: null,
        status: null,
        studios: 2,
        hosts: 2,
        members: 2,
        trainees: 3,
      },
      {
        by: 'status',
        regionCode: null,
        level: null,
        type: null,
        status: 'ACTIVE',
        studios: 1,
        hosts: 1,
        members: 1,
        trainees: 3,
      },
      {
        by: 'status',
        regionCode: null,
        level: null,
        type: null,
        status: 'PROPOSED',
        studios: 1,
        hosts: 1,
        members: 1,
        trainees: 0,
      },
      {
        by: 'total',
        regionCode: null,
        level: null,
        type: null,
        status: null,
        studios: 2,
        hosts: 2,
        members: 2,
        trainees: 3,
      },
    ]);
    expect(await all('activityCounts')).toEqual([
      { by: 'region', type: null, regionCode: WEST, ...westActivities },
      { by: 'total', type: null, regionCode: null, ...westActivities },
      { by: 'type', type: 'LIVE_STREAM', regionCode: null, ...live },
      { by: 'type', type: 'OUTREACH', regionCode: null, ...westOutreach },
      { by: 'type', type: 'THEMED_RESEARCH', regionCode: null, ...themed },
    ]);
    expect(await all('researchProjects')).toEqual([
      { by: 'level', level: 'CITY', status: null, projects: 2 },
      { by: 'level', level: 'PROVINCE', status: null, projects: 1 },
      { by: 'levelStatus', level: 'CITY', status: 'CONCLUDED', projects: 1 },
      { by: 'levelStatus', level: 'CITY', status: 'IN_PROGRESS', projects: 1 },
      { by: 'levelStatus', level: 'PROVINCE', status: 'APPROVED', projects: 1 },
      { by: 'status', level: null, status: 'APPROVED', projects: 1 },
      { by: 'status', level: null, status: 'CONCLUDED', projects: 1 },
      { by: 'status', level: null, status: 'IN_PROGRESS', projects: 1 },
      { by: 'total', level: null, status: null, projects: 3 },
    ]);
    expect(await all('outcomes')).toEqual([
      { by: 'kind', kind: 'AWARD', level: null, outcomes: 1 },
      { by: 'kind', kind: 'PAPER', level: null, outcomes: 2 },
      { by: 'kindLevel', kind: 'AWARD', level: 'CITY', outcomes: 1 },
      { by: 'kindLevel', kind: 'PAPER', level: 'CITY', outcomes: 1 },
      { by: 'kindLevel', kind: 'PAPER', level: 'PROVINCE', outcomes: 1 },
      { by: 'level', kind: null, level: 'CITY', outcomes: 2 },
      { by: 'level', kind: null, level: 'PROVINCE', outcomes: 1 },
      { by: 'total', kind: null, level: null, outcomes: 3 },
    ]);
    expect(await all('certificates')).toEqual([
      { by: 'region', regionCode: WEST, certificates: 1, hours: 40 },
      { by: 'total', regionCode: null, certificates: 1, hours: 40 },
    ]);
    expect(await all('supportAgreements')).toEqual([
      { by: 'status', status: 'ACTIVE', agreements: 1, schools: 1 },
      { by: 'status', status: 'COMPLETED', agreements: 1, schools: 1 },
      { by: 'total', status: null, agreements: 2, schools: 2 },
    ]);
  });

  it('says the same figures as the metrics API for the same studios and year', async () => {
    const { all } = await section(ReportKind.ANNUAL_SUMMARY, cityOffice);
    const api = await ok(
      { role: Role.CITY_OFFICE, region: CITY },
      `query ($period: PeriodInput!) { workshopMetrics(period: $period) { workshopCount activityCount outreachCount
        teachersReached participantHours traineeCount researchProjectCount certificateCount resourceCount viewCount } }`,
      { period: { from: '2024-01-01', to: '2024-12-31' } },
    );
    const total = <T extends { by: string }>(rows: T[]) => rows.find((row) => row.by === 'total')!;
    const studios = total(await all<{ by: string; studios: number; trainees: number }>('studioCounts'));
    const activities = total(
      await all<{
        by: string;
        activities: number;
        outreach: number;
        teachers: number;
        hours: number;
        resources: number;
        views: number;
      }>('activityCounts'),
    );
    expect({
      workshopCount: studios.studios,
      activityCount: activities.activities,
      outreachCount: activities.outreach,
      teachersReached: activities.teachers,
      participantHours: activities.hours,
      traineeCount: studios.trainees,
      researchProjectCount: total(await all<{ by: string; projects: number }>('researchProjects')).projects,
      certificateCount: total(await all<{ by: string; certificates: number }>('certificates')).certificates,
      resourceCount: activities.resources,
      viewCount: activities.views,
    }).toEqual(api.workshopMetrics);
    // Counted by hand: 4 studios; w1–w4, e1, e2 reached; w2, w3, e1 (1号), e2 (3号), w1 (4号) trainees.
    expect(api.workshopMetrics).toEqual({
      workshopCount: 4,
      activityCount: 6,
      outreachCount: 3,
      teachersReached: 6,
      participantHours: 36,
      traineeCount: 5,
      researchProjectCount: 4,
      certificateCount: 2,
      resourceCount: 4,
      viewCount: 875,
    });
  });

  it("lays out the city's annual summary chapters with region names, zeros and totals", async () => {
    const { input } = await section(ReportKind.ANNUAL_SUMMARY, cityOffice);
    const chapters = await annualSummaryChapters(input);
    expect(chapters.map((chapter) => chapter.heading)).toEqual([
      '工作室概况',
      '研修活动',
      '课题与成果',
      '结业与帮扶',
    ]);

    const counts = (studios: number, hosts: number, members: number, trainees: number) => ({
      studios,
      hosts,
      members,
      trainees,
    });
    expect(await bodyOf(chapters, '工作室（按级别和类型）')).toEqual({
      rows: [
        { level: '市级', type: '名班主任工作室', ...counts(1, 1, 0, 1) },
        { level: '县级', type: '名师工作室', ...counts(2, 2, 2, 4) },
        { level: '县级', type: '名校长工作室', ...counts(1, 1, 1, 0) },
      ],
      totals: { level: '合计', type: '', ...counts(4, 4, 3, 5) },
    });
    expect(await bodyOf(chapters, '工作室（按状态）')).toEqual({
      rows: [
        { status: '筹建', ...counts(1, 1, 1, 0) },
        { status: '运行中', ...counts(3, 3, 2, 5) },
      ],
      totals: { status: '合计', ...counts(4, 4, 3, 5) },
    });
    expect(await bodyOf(chapters, '工作室（按县（市、区））')).toEqual({
      rows: [
        { region: '攀枝花市本级', ...counts(1, 1, 0, 1) },
        { region: '东区', ...counts(1, 1, 1, 1) },
        { region: '西区', ...counts(2, 2, 2, 3) },
      ],
      totals: { region: '合计', ...counts(4, 4, 3, 5) },
    });
    expect(chapters[0]!.charts).toEqual([
      {
        title: '各县（市、区）工作室数',
        type: 'bar',
        categories: ['攀枝花市本级', '东区', '西区'],
        series: [{ name: '工作室（个）', values: [1, 1, 2] }],
      },
    ]);

    // 3号's outreach to a weak 东区 school (w/ e1, e2) and 4号's lecture (w1) join 1号's year.
    const cityOutreach = {
      ...westOutreach,
      activities: 3,
      participations: 5,
      teachers: 4,
      hours: 20,
      outreach: 3,
      outreachSchools: 2,
      resources: 2,
      views: 70,
    };
    const lecture = { ...zeroActivity, activities: 1, participations: 1, teachers: 1, hours: 1, views: 5 };
    const cityTotal = {
      activities: 6,
      participations: 12,
      teachers: 6,
      hours: 36,
      outreach: 3,
      outreachSchools: 2,
      resources: 4,
      views: 875,
      liveStreams: 1,
    };
    expect(await bodyOf(chapters, '研修活动（按类型）')).toEqual({
      rows: [
        { type: '主题教研', ...themed },
        { type: '团队研修', ...zeroActivity },
        { type: '送教下乡', ...cityOutreach },
        { type: '专家讲座', ...lecture },
        { type: '跟岗研修', ...zeroActivity },
        { type: '外出培训', ...zeroActivity },
        { type: '直播', ...live },
        { type: '示范课', ...zeroActivity },
        { type: '其他', ...zeroActivity },
      ],
      totals: { type: '合计', ...cityTotal },
    });
    expect(await bodyOf(chapters, '研修活动（按县（市、区））')).toEqual({
      rows: [
        { region: '攀枝花市本级', ...lecture },
        {
          region: '东区',
          ...zeroActivity,
          activities: 1,
          participations: 2,
          teachers: 2,
          hours: 4,
          outreach: 1,
          outreachSchools: 1,
          resources: 1,
          views: 20,
        },
        { region: '西区', ...westActivities },
      ],
      totals: { region: '合计', ...cityTotal },
    });
    expect(chapters[1]!.paragraphs).toEqual([
      '2024年共开展研修活动6场，其中送教下乡3次、覆盖农村和薄弱学校2所，直播1场；参训12人次（6名教师），认定学时36；发布资源4份，浏览875次。',
    ]);

    const statuses = (
      DECLARED: number,
      APPROVED: number,
      IN_PROGRESS: number,
      CONCLUDED: number,
      TERMINATED: number,
    ) => ({
      DECLARED,
      APPROVED,
      IN_PROGRESS,
      CONCLUDED,
      TERMINATED,
      total: DECLARED + APPROVED + IN_PROGRESS + CONCLUDED + TERMINATED,
    });
    expect(await bodyOf(chapters, '课题（按级别和状态）')).toEqual({
      rows: [
        { name: '国家级', ...statuses(0, 0, 0, 0, 0) },
        { name: '省级', ...statuses(0, 1, 0, 0, 0) },
        { name: '市级', ...statuses(0, 0, 1, 1, 0) },
        { name: '县级', ...statuses(0, 0, 1, 0, 0) },
        { name: '校级', ...statuses(0, 0, 0, 0, 0) },
      ],
      totals: { name: '合计', ...statuses(0, 1, 2, 1, 0) },
    });
    const levels = (NATIONAL: number, PROVINCE: number, CITY: number, COUNTY: number, SCHOOL: number) => ({
      NATIONAL,
      PROVINCE,
      CITY,
      COUNTY,
      SCHOOL,
      total: NATIONAL + PROVINCE + CITY + COUNTY + SCHOOL,
    });
    expect(await bodyOf(chapters, '成果（按类别和级别）')).toEqual({
      rows: [
        { name: '论文', ...levels(0, 1, 1, 1, 0) },
        { name: '获奖', ...levels(0, 0, 1, 0, 0) },
        { name: '荣誉', ...levels(0, 0, 0, 0, 0) },
        { name: '资源/课件', ...levels(0, 0, 0, 0, 0) },
        { name: '专著', ...levels(0, 0, 0, 0, 0) },
      ],
      totals: { name: '合计', ...levels(0, 1, 2, 1, 0) },
    });
    expect(await bodyOf(chapters, '结业证书（按县（市、区））')).toEqual({
      rows: [
        { region: '东区', certificates: 1, hours: 36.5 },
        { region: '西区', certificates: 1, hours: 40 },
      ],
      totals: { region: '合计', certificates: 2, hours: 76.5 },
    });
    expect(await bodyOf(chapters, '帮扶协议（按状态）')).toEqual({
      rows: [
        { status: '履行中', agreements: 2, schools: 2 },
        { status: '已完成', agreements: 1, schools: 1 },
        { status: '已终止', agreements: 0, schools: 0 },
      ],
      totals: { status: '合计', agreements: 3, schools: 3 },
    });

    expect(
      Object.fromEntries(
        (await workshopHeadlines(input)).map((f) => [f.key, `${f.label}${f.value}${f.unit}`]),
      ),
    ).toEqual({
      studios: '工作室4个',
      members: '成员3人',
      trainees: '学员5人',
      activities: '研修活动6场',
      participations: '参训12人次',
      outreach: '送教下乡3次',
      resources: '资源4份',
      liveStreams: '直播1场',
      projects: '课题4项',
      papers: '论文3篇',
      certificates: '结业证书2本',
    });
  });

  it('lists the studios a fund or assessment report covers, with the host of the year', async () => {
    for (const kind of [ReportKind.FUND_USAGE, ReportKind.ASSESSMENT_RESULTS]) {
      const { input, all } = await section(kind, westOffice);
      const studio = (s: Studio, type: string, status: string): StudioEntry => ({
        id: s.id,
        name: s.id === s1.id ? '西区1号名师工作室' : '西区2号名校长工作室',
        regionCode: WEST,
        level: 'COUNTY',
        type: type as StudioEntry['type'],
        status,
        subject: 'MATHEMATICS',
        stage: 'PRIMARY',
        cycleStartYear: 2024,
        hostTeacherId: s.host.id,
        hostSchoolId: s.school.id,
      });
      const entries = (await all('studios')) as StudioEntry[];
      expect(entries.filter((entry) => entry.regionCode === WEST)).toEqual([
        studio(s1, 'TEACHER', 'ACTIVE'),
        studio(s2, 'PRINCIPAL', 'PROPOSED'),
      ]);
      // The city's studio over 西区 is named too: finance counts a county's money by host school,
      // so a county's fund report can list it. 东区's is not.
      expect(
        entries.filter((entry) => entry.regionCode !== WEST).map((entry) => [entry.id, entry.level]),
      ).toEqual([[s4.id, 'CITY']]);
      const directory = await StudioDirectory.load(input);
      expect(directory.size).toBe(3);
      expect(directory.get(s1.id)?.regionName).toBe('西区');
      expect(directory.get(s3.id)).toBeUndefined();
      expect(directory.get(s4.id)?.regionName).toBe('攀枝花市本级');
    }
    const city = await section(ReportKind.FUND_USAGE, cityOffice);
    const directory = await StudioDirectory.load(city.input);
    expect(directory.get(s4.id)?.regionName).toBe('攀枝花市本级');
    expect(directory.size).toBe(4);
  });

  it("names a county's roster from personnel, with — for a teacher outside the county's scope", async () => {
    const { input, all } = await section(ReportKind.STUDIO_ROSTER, westOffice);
    const [hostA, w1, w2, w3] = [s1.host, w[0]!, w[1]!, w[2]!];
    expect(await all('memberships')).toEqual([
      { workshopId: s1.id, teacherId: hostA.id, role: 'HOST', joinedOn: '2023-09-01', leftOn: null },
      { workshopId: s1.id, teacherId: w1.id, role: 'MEMBER', joinedOn: '2023-09-01', leftOn: null },
      { workshopId: s1.id, teacherId: w3.id, role: 'TRAINEE', joinedOn: '2023-09-01', leftOn: '2024-06-30' },
      { workshopId: s1.id, teacherId: e[0]!.id, role: 'TRAINEE', joinedOn: '2024-02-01', leftOn: null },
      { workshopId: s1.id, teacherId: w2.id, role: 'TRAINEE', joinedOn: '2024-03-01', leftOn: null },
      { workshopId: s2.id, teacherId: s2.host.id, role: 'HOST', joinedOn: '2023-09-01', leftOn: null },
      { workshopId: s2.id, teacherId: w2.id, role: 'MEMBER', joinedOn: '2024-01-01', leftOn: null },
    ]);
    expect(await all('headcounts')).toEqual([
      { workshopId: s1.id, hosts: 1, members: 1, trainees: 3 },
      { workshopId: s2.id, hosts: 1, members: 1, trainees: 0 },
    ]);

    const chapters = await studioRosterChapters(input);
    expect(await bodyOf(chapters, '工作室一览')).toEqual({
      rows: [
        {
          name: '西区1号名师工作室',
          region: '西区',
          level: '县级',
          type: '名师工作室',
          status: '运行中',
          subject: '数学',
          host: '王芳',
          school: '西区实验小学',
          members: 1,
          trainees: 3,
        },
        {
          name: '西区2号名校长工作室',
          region: '西区',
          level: '县级',
          type: '名校长工作室',
          status: '筹建',
          subject: '数学',
          host: s2.host.name,
          school: expect.stringMatching(/^测试学校\d+$/),
          members: 1,
          trainees: 0,
        },
      ],
      totals: undefined,
    });
    const named = (
      studio: string,
      role: string,
      teacher: { name: string; phone: string },
      joinedOn: string,
    ) => ({
      studio,
      role,
      name: teacher.name,
      gender: '女',
      school: '西区实验小学',
      phone: teacher.phone,
      joinedOn,
    });
    const members = await bodyOf(chapters, '成员名单');
    expect(members.rows).toEqual([
      named('西区1号名师工作室', '主持人', { name: '王芳', phone: expect.any(String) }, '2023-09-01'),
      named('西区1号名师工作室', '成员', w1, '2023-09-01'),
      named('西区1号名师工作室', '学员', w3, '2023-09-01'),
      {
        studio: '西区1号名师工作室',
        role: '学员',
        name: '—',
        gender: '—',
        school: '—',
        phone: '—',
        joinedOn: '2024-02-01',
      },
      named('西区1号名师工作室', '学员', w2, '2024-03-01'),
      {
        ...named(
          '西区2号名校长工作室',
          '主持人',
          { name: s2.host.name, phone: expect.any(String) },
          '2023-09-01',
        ),
        school: expect.any(String),
      },
      named('西区2号名校长工作室', '成员', w2, '2024-01-01'),
    ]);
  });

  it('refuses a region beside the requester: a county office asking for the other county', async () => {
    await expect(
      bench.compute({
        service: 'workshop',
        dataSource: system.workshop.db,
        handler: handlers[ReportKind.ANNUAL_SUMMARY]!,
        request: { kind: ReportKind.ANNUAL_SUMMARY, regionCode: EAST, year: YEAR, masked: false },
        requester: westOffice,
      }),
    ).rejects.toMatchObject({ code: 'SECTION_REFUSED' });
  });

  it('narrows a county asking for its city to its own studios', async () => {
    const { all } = await section(ReportKind.STUDIO_ROSTER, westOffice, CITY);
    expect((await all<StudioEntry>('studios')).map((studio) => studio.id)).toEqual([s1.id, s2.id]);
  });
});
