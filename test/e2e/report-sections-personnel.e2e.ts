import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Role, type Principal } from '@mingshi/auth';
import {
  ReportKind,
  SectionRefusedError,
  type CountyFigures,
  type MembershipEntry,
  type PersonnelFigures,
  type RegionEntry,
  type ReportRequest,
  type SchoolEntry,
  type SchoolHoursRow,
  type SectionContext,
  type SectionHandler,
  type SectionOutput,
  type StudioEntry,
  type TeacherBelowRow,
  type TeacherEntry,
} from '@mingshi/reports';
import { personnelSectionHandlers } from '../../services/personnel/src/report-sections';
import {
  RegionNames,
  type ChapterInput,
  type SectionData,
} from '../../services/reports/src/assembly/section-data';
import {
  annualTeachersChapter,
  annualTrainingChapter,
  trainingHoursChapters,
} from '../../services/reports/src/assembly/personnel-chapters';
import type { Row, Table } from '../../services/reports/src/render/report-document';
import { createSchool, createTeacher, nationalId } from '../harness/fixtures';
import { SectionBench } from '../harness/report-sections';
import { TestSystem } from '../harness/system';

/**
 * Two counties of 攀枝花市 (510400): 西区 510403 and 东区 510402, with teachers whose 2025 hours sit
 * on both sides of the 72-hour requirement. Every figure below is counted by hand from the data
 * made in beforeAll.
 */
const YEAR = 2025;
const CITY = '510400';
const XIQU = '510403';
const DONGQU = '510402';

const PROVINCE_OFFICE: Principal = {
  userId: 'province-office',
  roles: [Role.PROVINCE_OFFICE],
  regionCode: '510000',
};
const CITY_OFFICE: Principal = { userId: 'city-office', roles: [Role.CITY_OFFICE], regionCode: CITY };
const XIQU_OFFICE: Principal = { userId: 'xiqu-office', roles: [Role.COUNTY_OFFICE], regionCode: XIQU };
const ANALYST: Principal = { userId: 'city-analyst', roles: [Role.ANALYST], regionCode: CITY };

const handlers = personnelSectionHandlers({ requiredTrainingHours: 72 });

type Teacher = { id: string; name: string; nationalId: string; phone: string };

describe('the personnel report sections', () => {
  let system: TestSystem;
  let bench: SectionBench;
  let audit: Client;
  const schools: Record<'A1' | 'A2' | 'B1' | 'B2', { id: string; name: string }> = {} as never;
  const t: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', Teacher> = {} as never;

  const province = { role: Role.PROVINCE_OFFICE, region: '510000' };
  const record = async (teacher: Teacher, year: number, hours: number) => {
    const r = await system.gql(
      province,
      `mutation ($input: RecordTrainingHoursInput!) { recordTrainingHours(input: $input) { id } }`,
      { input: { teacherId: teacher.id, year, hours, source: 'ONLINE_COURSE', description: '网络研修' } },
    );
    expect(r.errors).toBeUndefined();
  };
  const award = async (teacher: Teacher, kind: string, level: string, year: number) => {
    const r = await system.gql(
      province,
      `mutation ($input: AwardTalentTitleInput!) { awardTalentTitle(input: $input) { id } }`,
      { input: { teacherId: teacher.id, kind, level, year } },
    );
    expect(r.errors).toBeUndefined();
  };

  beforeAll(async () => {
    system = await TestSystem.start();
    bench = await SectionBench.create();
    audit = new Client({ connectionString: system.database.ownerUrl });
    await audit.connect();

    schools.A1 = await createSchool(system, XIQU, { name: '西区A小学' });
    schools.A2 = await createSchool(system, XIQU, { name: '西区B小学' });
    schools.B1 = await createSchool(system, DONGQU, { name: '东区A小学' });
    schools.B2 = await createSchool(system, DONGQU, { name: '东区B小学' });
    t.A = await createTeacher(system, schools.A1, XIQU, {
      name: '教师A',
      rank: 'SENIOR',
      nationalId: nationalId(XIQU, 'MALE'),
    });
    t.B = await createTeacher(system, schools.A1, XIQU, {
      name: '教师B',
      rank: 'FIRST_GRADE',
      subject: 'CHINESE',
    });
    t.C = await createTeacher(system, schools.A1, XIQU, { name: '教师C', rank: 'SECOND_GRADE' });
    t.D = await createTeacher(system, schools.A2, XIQU, { name: '教师D', rank: 'FIRST_GRADE' });
    t.E = await createTeacher(system, schools.A2, XIQU, {
      name: '教师E',
      rank: 'UNRANKED',
      subject: 'ENGLISH',
    });
    t.F = await createTeacher(system, schools.B1, DONGQU, { name: '教师F', rank: 'SENIOR_PROFESSOR' });
    t.G = await createTeacher(system, schools.B1, DONGQU, { name: '教师G', rank: 'SENIOR' });

    await record(t.A, YEAR, 50);
    await record(t.A, YEAR, 30); // 80: meets
    await record(t.B, YEAR, 40); // 40: 32 short
    await record(t.C, YEAR - 1, 100); // none in 2025: 72 short
    await record(t.D, YEAR, 72); // exactly 72: meets
    await record(t.E, YEAR, 71.5); // 0.5 short
    await record(t.F, YEAR, 10); // 62 short
    await record(t.G, YEAR, 60);
    await record(t.G, YEAR, 40); // 100: meets
    await award(t.A, 'BACKBONE_TEACHER', 'COUNTY', YEAR - 1); // held in 2025
    await award(t.D, 'TEACHING_NOVICE', 'SCHOOL', YEAR); // held in 2025
    await award(t.F, 'BACKBONE_TEACHER', 'COUNTY', YEAR + 1); // not yet in 2025
  });

  afterAll(async () => {
    await audit?.end();
    await bench?.dispose();
    await system?.stop();
  });

  const request = (kind: ReportKind, regionCode: string, masked = false): ReportRequest => ({
    kind,
    regionCode,
    year: YEAR,
    masked,
  });

  const compute = async (
    kind: ReportKind,
    requester: Principal,
    req: ReportRequest,
    options: { handler?: SectionHandler<any>; inputs?: SectionOutput[] } = {},
  ) => {
    const reportId = randomUUID();
    const output = await bench.compute({
      service: 'personnel',
      dataSource: system.personnelDb,
      handler: options.handler ?? handlers[kind]!,
      request: req,
      requester,
      inputs: options.inputs,
      reportId,
    });
    return { reportId, data: bench.data([output]) };
  };

  const auditRows = async (reportId: string) =>
    (
      await audit.query<{ teacher_id: string; field: string; actor_id: string; actor_roles: string[] }>(
        `SELECT teacher_id, field, actor_id, actor_roles FROM personnel.personal_data_access
         WHERE request_id = $1 ORDER BY teacher_id, field`,
        [`report:${reportId}`],
      )
    ).rows;

  const chapterInput = async (req: ReportRequest, data: SectionData): Promise<ChapterInput> => {
    const regions = await data.all<RegionEntry>('personnel', 'regions');
    return { request: req, data, regions: new RegionNames(new Map(regions.map((r) => [r.code, r.name]))) };
  };

  const rowsOf = async (table: Table): Promise<Row[]> => {
    const rows: Row[] = [];
    for await (const row of table.rows) rows.push(row);
    return rows;
  };

  const maskedId = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;
  const maskedPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

  const ranks = (r: Partial<PersonnelFigures['ranks']>): PersonnelFigures['ranks'] => ({
    SENIOR_PROFESSOR: 0,
    SENIOR: 0,
    FIRST_GRADE: 0,
    SECOND_GRADE: 0,
    THIRD_GRADE: 0,
    UNRANKED: 0,
    ...r,
  });
  const zero = (regionCode: string): CountyFigures => ({
    regionCode,
    schools: 0,
    teachers: 0,
    ranks: ranks({}),
    talentTitleHolders: 0,
    trainingRecords: 0,
    trainingHours: 0,
    teachersMeeting: 0,
    teachersBelow: 0,
    requiredHours: 72,
  });
  const xiqu: CountyFigures = {
    regionCode: XIQU,
    schools: 2,
    teachers: 5,
    ranks: ranks({ SENIOR: 1, FIRST_GRADE: 2, SECOND_GRADE: 1, UNRANKED: 1 }),
    talentTitleHolders: 2, // A and D; F's title is 2026
    trainingRecords: 5, // A 2, B 1, D 1, E 1
    trainingHours: 263.5, // 80 + 40 + 72 + 71.5
    teachersMeeting: 2, // A, D
    teachersBelow: 3, // B, C, E
    requiredHours: 72,
  };
  const dongqu: CountyFigures = {
    regionCode: DONGQU,
    schools: 2,
    teachers: 2,
    ranks: ranks({ SENIOR_PROFESSOR: 1, SENIOR: 1 }),
    talentTitleHolders: 0,
    trainingRecords: 3,
    trainingHours: 110,
    teachersMeeting: 1,
    teachersBelow: 1,
    requiredHours: 72,
  };
  const cityTotals: PersonnelFigures = {
    schools: 4,
    teachers: 7,
    ranks: ranks({ SENIOR_PROFESSOR: 1, SENIOR: 2, FIRST_GRADE: 2, SECOND_GRADE: 1, UNRANKED: 1 }),
    talentTitleHolders: 2,
    trainingRecords: 8,
    trainingHours: 373.5,
    teachersMeeting: 3,
    teachersBelow: 4,
    requiredHours: 72,
  };
  const { regionCode: _x, ...xiquTotals } = xiqu;
  const cityCounties = [dongqu, xiqu, zero('510411'), zero('510421'), zero('510422')];

  const schoolHours = (): Record<string, SchoolHoursRow> => ({
    B1: {
      schoolId: schools.B1.id,
      schoolName: '东区A小学',
      regionCode: DONGQU,
      teachers: 2,
      teachersBelow: 1,
      belowShare: 1 / 2,
      trainingHours: 110,
    },
    B2: {
      schoolId: schools.B2.id,
      schoolName: '东区B小学',
      regionCode: DONGQU,
      teachers: 0,
      teachersBelow: 0,
      belowShare: null,
      trainingHours: 0,
    },
    A1: {
      schoolId: schools.A1.id,
      schoolName: '西区A小学',
      regionCode: XIQU,
      teachers: 3,
      teachersBelow: 2,
      belowShare: 2 / 3,
      trainingHours: 120,
    },
    A2: {
      schoolId: schools.A2.id,
      schoolName: '西区B小学',
      regionCode: XIQU,
      teachers: 2,
      teachersBelow: 1,
      belowShare: 1 / 2,
      trainingHours: 143.5,
    },
  });

  const below = (masked: boolean): Record<'F' | 'B' | 'C' | 'E', TeacherBelowRow> => {
    const row = (
      teacher: Teacher,
      school: 'A1' | 'A2' | 'B1',
      regionCode: string,
      subject: string,
      hours: number,
      shortfall: number,
    ): TeacherBelowRow => ({
      teacherId: teacher.id,
      name: teacher.name,
      gender: 'FEMALE',
      schoolId: schools[school].id,
      schoolName: schools[school].name,
      regionCode,
      subject,
      hours,
      shortfall,
      nationalId: masked ? maskedId(teacher.nationalId) : teacher.nationalId,
    });
    return {
      F: row(t.F, 'B1', DONGQU, 'MATHEMATICS', 10, 62),
      B: row(t.B, 'A1', XIQU, 'CHINESE', 40, 32),
      C: row(t.C, 'A1', XIQU, 'MATHEMATICS', 0, 72),
      E: row(t.E, 'A2', XIQU, 'ENGLISH', 71.5, 0.5),
    };
  };

  describe('TRAINING_HOURS', () => {
    it('gives a city office its counties, schools and the unmasked list of teachers below, and audits each ID shown', async () => {
      const req = request(ReportKind.TRAINING_HOURS, CITY);
      const { reportId, data } = await compute(ReportKind.TRAINING_HOURS, CITY_OFFICE, req);

      expect(
        (await data.all<RegionEntry>('personnel', 'regions')).map((r) => [r.code, r.name, r.parentCode]),
      ).toEqual([
        // The province above is named too: a studio it founded may show in the city's report.
        ['510000', '四川省', null],
        [CITY, '攀枝花市', '510000'],
        [DONGQU, '东区', CITY],
        [XIQU, '西区', CITY],
        ['510411', '仁和区', CITY],
        ['510421', '米易县', CITY],
        ['510422', '盐边县', CITY],
      ]);
      expect(await data.all('personnel', 'counties')).toEqual(cityCounties);
      expect(await data.all('personnel', 'totals')).toEqual([cityTotals]);
      const s = schoolHours();
      expect(await data.all('personnel', 'schoolHours')).toEqual([s.B1, s.B2, s.A1, s.A2]);
      const b = below(false);
      expect(await data.all('personnel', 'teachersBelow')).toEqual([b.F, b.B, b.C, b.E]);

      expect(await auditRows(reportId)).toEqual(
        [t.F, t.B, t.C, t.E]
          .map((teacher) => ({
            teacher_id: teacher.id,
            field: 'nationalId',
            actor_id: 'city-office',
            actor_roles: [Role.CITY_OFFICE],
          }))
          .sort((x, y) => x.teacher_id.localeCompare(y.teacher_id)),
      );

      const [byCounty, bySchool, list] = await trainingHoursChapters(await chapterInput(req, data));
      expect(byCounty!.heading).toBe('一、各区县继续教育学时达标情况');
      expect(byCounty!.paragraphs).toEqual([
        '统计范围内共有教师7人，2025年度登记继续教育培训8人次、累计373.5学时；年度学时达到72学时要求的3人，未达到要求的4人，未达标比例57.1%。',
      ]);
      const countyTable = byCounty!.tables[0]!;
      expect(countyTable.columns.map((c) => c.title)).toEqual([
        '区县',
        '教师数',
        '培训人次',
        '总学时',
        '达标人数',
        '未达标人数',
        '未达标比例',
      ]);
      const county = (region: string, f: PersonnelFigures): Row => ({
        region,
        teachers: f.teachers,
        trainingRecords: f.trainingRecords,
        trainingHours: f.trainingHours,
        teachersMeeting: f.teachersMeeting,
        teachersBelow: f.teachersBelow,
        belowShare: f.teachers ? f.teachersBelow / f.teachers : null,
      });
      expect(await rowsOf(countyTable)).toEqual([
        county('东区', dongqu),
        county('西区', xiqu),
        county('仁和区', zero('')),
        county('米易县', zero('')),
        county('盐边县', zero('')),
      ]);
      expect(countyTable.totals).toEqual({
        region: '合计',
        teachers: 7,
        trainingRecords: 8,
        trainingHours: 373.5,
        teachersMeeting: 3,
        teachersBelow: 4,
        belowShare: 4 / 7,
      });
      expect(byCounty!.charts).toEqual([
        {
          title: '各区县继续教育学时达标人数',
          type: 'bar',
          categories: ['东区', '西区', '仁和区', '米易县', '盐边县'],
          series: [
            { name: '达标人数', values: [1, 2, 0, 0, 0] },
            { name: '未达标人数', values: [1, 3, 0, 0, 0] },
          ],
        },
      ]);

      const schoolTable = bySchool!.tables[0]!;
      expect(schoolTable.columns.map((c) => c.title)).toEqual([
        '区县',
        '学校',
        '教师数',
        '未达标人数',
        '未达标比例',
        '年度总学时',
      ]);
      expect(await rowsOf(schoolTable)).toEqual([
        {
          region: '东区',
          school: '东区A小学',
          teachers: 2,
          teachersBelow: 1,
          belowShare: 0.5,
          trainingHours: 110,
        },
        {
          region: '东区',
          school: '东区B小学',
          teachers: 0,
          teachersBelow: 0,
          belowShare: null,
          trainingHours: 0,
        },
        {
          region: '西区',
          school: '西区A小学',
          teachers: 3,
          teachersBelow: 2,
          belowShare: 2 / 3,
          trainingHours: 120,
        },
        {
          region: '西区',
          school: '西区B小学',
          teachers: 2,
          teachersBelow: 1,
          belowShare: 0.5,
          trainingHours: 143.5,
        },
      ]);
      expect(schoolTable.totals).toEqual({
        region: '合计',
        school: null,
        teachers: 7,
        teachersBelow: 4,
        belowShare: 4 / 7,
        trainingHours: 373.5,
      });

      const listTable = list!.tables[0]!;
      expect(list!.paragraphs).toEqual(['以下4名教师2025年度继续教育学时未达到72学时要求。']);
      expect(listTable.columns.map((c) => c.title)).toEqual([
        '序号',
        '区县',
        '学校',
        '姓名',
        '性别',
        '学科',
        '年度学时',
        '差额学时',
        '身份证号',
      ]);
      const expectedList = [
        [1, '东区', '东区A小学', '教师F', '女', '数学', 10, 62, t.F.nationalId],
        [2, '西区', '西区A小学', '教师B', '女', '语文', 40, 32, t.B.nationalId],
        [3, '西区', '西区A小学', '教师C', '女', '数学', 0, 72, t.C.nationalId],
        [4, '西区', '西区B小学', '教师E', '女', '英语', 71.5, 0.5, t.E.nationalId],
      ];
      expect((await rowsOf(listTable)).map((row) => Object.values(row))).toEqual(expectedList);
      // The list is read from the section file each time a renderer asks for it: a second format gets it whole.
      expect((await rowsOf(listTable)).map((row) => Object.values(row))).toEqual(expectedList);
    });

    it("narrows a county office's report of its city to its own county", async () => {
      const req = request(ReportKind.TRAINING_HOURS, CITY);
      const { reportId, data } = await compute(ReportKind.TRAINING_HOURS, XIQU_OFFICE, req);
      expect((await data.all<RegionEntry>('personnel', 'regions')).map((r) => r.code)).toEqual([
        '510000',
        CITY,
        XIQU,
      ]);
      expect(await data.all('personnel', 'counties')).toEqual([xiqu]);
      expect(await data.all('personnel', 'totals')).toEqual([xiquTotals]);
      const s = schoolHours();
      expect(await data.all('personnel', 'schoolHours')).toEqual([s.A1, s.A2]);
      const b = below(false);
      expect(await data.all('personnel', 'teachersBelow')).toEqual([b.B, b.C, b.E]);
      expect((await auditRows(reportId)).map((r) => r.teacher_id).sort()).toEqual(
        [t.B.id, t.C.id, t.E.id].sort(),
      );

      const [byCounty, bySchool, list] = await trainingHoursChapters(await chapterInput(req, data));
      expect((await rowsOf(byCounty!.tables[0]!)).map((row) => row.region)).toEqual(['西区']);
      expect((await rowsOf(bySchool!.tables[0]!)).map((row) => row.school)).toEqual([
        '西区A小学',
        '西区B小学',
      ]);
      expect((await rowsOf(list!.tables[0]!)).map((row) => row.name)).toEqual(['教师B', '教师C', '教师E']);
    });

    it('refuses a county office the report of another county', async () => {
      await expect(
        compute(ReportKind.TRAINING_HOURS, XIQU_OFFICE, request(ReportKind.TRAINING_HOURS, DONGQU)),
      ).rejects.toBeInstanceOf(SectionRefusedError);
    });

    it.each([
      ['a masked report', CITY_OFFICE, true],
      ["an analyst's report, even one asked unmasked", ANALYST, false],
    ])('masks national IDs and audits nothing in %s', async (_what, requester, masked) => {
      const req = request(ReportKind.TRAINING_HOURS, CITY, masked);
      const { reportId, data } = await compute(ReportKind.TRAINING_HOURS, requester, req);
      const b = below(true);
      expect(await data.all('personnel', 'teachersBelow')).toEqual([b.F, b.B, b.C, b.E]);
      expect(await auditRows(reportId)).toEqual([]);
      const [, , list] = await trainingHoursChapters(await chapterInput(req, data));
      expect((await rowsOf(list!.tables[0]!)).map((row) => row.nationalId)).toEqual(
        [t.F, t.B, t.C, t.E].map((teacher) => maskedId(teacher.nationalId)),
      );
    });

    it('streams a province-wide list of teachers below through the cursor, more than one batch of it', async () => {
      const streamed: { sql: string; rows: number }[] = [];
      const smallBatches: SectionHandler<any> = (ctx: SectionContext) =>
        handlers[ReportKind.TRAINING_HOURS]!({
          ...ctx,
          async *stream<R>(sql: string, params: unknown[]): AsyncIterable<R> {
            const call = { sql, rows: 0 };
            streamed.push(call);
            for await (const row of ctx.stream<R>(sql, params, 2)) {
              call.rows += 1;
              yield row;
            }
          },
        } as never);
      const { data } = await compute(
        ReportKind.TRAINING_HOURS,
        PROVINCE_OFFICE,
        request(ReportKind.TRAINING_HOURS, '510000'),
        {
          handler: smallBatches,
        },
      );
      const b = below(false);
      expect(await data.all('personnel', 'teachersBelow')).toEqual([b.F, b.B, b.C, b.E]);
      const list = streamed.find((call) => call.sql.includes('national_id'));
      expect(list?.rows).toBe(4);
      expect(streamed.find((call) => call.sql.includes('FROM personnel.school s'))?.rows).toBe(4);
      expect(await data.all('personnel', 'totals')).toEqual([cityTotals]);
    });
  });

  describe('ANNUAL_SUMMARY', () => {
    it('gives the counties and totals of the year, and the chapters on training and the teaching force', async () => {
      const req = request(ReportKind.ANNUAL_SUMMARY, CITY);
      const { data } = await compute(ReportKind.ANNUAL_SUMMARY, CITY_OFFICE, req);
      expect(await data.all('personnel', 'counties')).toEqual(cityCounties);
      expect(await data.all('personnel', 'totals')).toEqual([cityTotals]);
      expect(await data.all('personnel', 'teachersBelow')).toEqual([]);

      const input = await chapterInput(req, data);
      const training = await annualTrainingChapter(input);
      expect(training.heading).toBe('继续教育学时达标情况');
      expect((await rowsOf(training.tables[0]!)).map((row) => Object.values(row))).toEqual([
        ['东区', 2, 3, 110, 1, 1, 0.5],
        ['西区', 5, 5, 263.5, 2, 3, 3 / 5],
        ['仁和区', 0, 0, 0, 0, 0, null],
        ['米易县', 0, 0, 0, 0, 0, null],
        ['盐边县', 0, 0, 0, 0, 0, null],
      ]);
      expect(Object.values(training.tables[0]!.totals!)).toEqual(['合计', 7, 8, 373.5, 3, 4, 4 / 7]);
      expect(training.charts?.[0]?.series).toEqual([
        { name: '达标人数', values: [1, 2, 0, 0, 0] },
        { name: '未达标人数', values: [1, 3, 0, 0, 0] },
      ]);

      const force = (await annualTeachersChapter(input)).tables[0]!;
      expect(force.columns.map((c) => c.title)).toEqual([
        '区县',
        '学校数',
        '教师数',
        '正高级教师',
        '高级教师',
        '一级教师',
        '二级教师',
        '三级教师',
        '未评职称',
        '人才称号获得者',
      ]);
      expect((await rowsOf(force)).slice(0, 2).map((row) => Object.values(row))).toEqual([
        ['东区', 2, 2, 1, 1, 0, 0, 0, 0, 0],
        ['西区', 2, 5, 0, 1, 2, 1, 0, 1, 2],
      ]);
      expect(Object.values(force.totals!)).toEqual(['合计', 4, 7, 1, 2, 2, 1, 0, 1, 2]);
    });
  });

  describe('STUDIO_ROSTER', () => {
    /**
     * The workshop section's file as the roster reads it: a 西区 studio hosted by A with B and D as
     * members and F (东区) as a trainee, and a 东区 studio hosted by G with B as a trainee.
     */
    const workshopSection = () =>
      bench.compute({
        service: 'workshop',
        dataSource: system.workshop.db,
        requester: PROVINCE_OFFICE,
        request: request(ReportKind.STUDIO_ROSTER, '510000'),
        handler: async (ctx: SectionContext<{ studios: StudioEntry; memberships: MembershipEntry }>) => {
          const studio = (
            id: string,
            host: Teacher,
            school: { id: string },
            regionCode: string,
          ): StudioEntry => ({
            id,
            name: `${host.name}小学数学名师工作室`,
            regionCode,
            level: 'COUNTY',
            type: 'TEACHER',
            status: 'ACTIVE',
            subject: 'MATHEMATICS',
            stage: 'PRIMARY',
            cycleStartYear: 2024,
            hostTeacherId: host.id,
            hostSchoolId: school.id,
          });
          const member = (
            workshopId: string,
            teacher: Teacher,
            role: MembershipEntry['role'],
          ): MembershipEntry => ({
            workshopId,
            teacherId: teacher.id,
            role,
            joinedOn: '2024-09-01',
            leftOn: null,
          });
          const west = '00000000-0000-4000-8000-000000000001';
          const east = '00000000-0000-4000-8000-000000000002';
          await ctx.emit('studios', studio(west, t.A, schools.A1, XIQU));
          await ctx.emit('studios', studio(east, t.G, schools.B1, DONGQU));
          for (const [id, teacher, role] of [
            [west, t.A, 'HOST'],
            [west, t.B, 'MEMBER'],
            [west, t.D, 'MEMBER'],
            [west, t.F, 'TRAINEE'],
            [east, t.G, 'HOST'],
            [east, t.B, 'TRAINEE'],
          ] as const) {
            await ctx.emit('memberships', member(id, teacher, role));
          }
        },
      });

    const entry = (
      teacher: Teacher,
      school: { id: string },
      rank: string,
      subject: string,
      masked: boolean,
    ): TeacherEntry => ({
      id: teacher.id,
      name: teacher.name,
      gender: teacher === t.A ? 'MALE' : 'FEMALE',
      schoolId: school.id,
      subject,
      rank,
      phone: masked ? maskedPhone(teacher.phone) : teacher.phone,
    });
    const schoolEntry = (school: { id: string; name: string }, regionCode: string): SchoolEntry => ({
      id: school.id,
      name: school.name,
      regionCode,
      rural: false,
      weak: false,
    });
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));

    it('names for a county office only the teachers and schools of its county, phones unmasked and audited', async () => {
      const workshop = await workshopSection();
      const { reportId, data } = await compute(
        ReportKind.STUDIO_ROSTER,
        XIQU_OFFICE,
        request(ReportKind.STUDIO_ROSTER, XIQU),
        {
          inputs: [workshop],
        },
      );
      expect(byId(await data.all<TeacherEntry>('personnel', 'teachers'))).toEqual(
        byId([
          entry(t.A, schools.A1, 'SENIOR', 'MATHEMATICS', false),
          entry(t.B, schools.A1, 'FIRST_GRADE', 'CHINESE', false),
          entry(t.D, schools.A2, 'FIRST_GRADE', 'MATHEMATICS', false),
        ]),
      );
      expect(byId(await data.all<SchoolEntry>('personnel', 'schools'))).toEqual(
        byId([schoolEntry(schools.A1, XIQU), schoolEntry(schools.A2, XIQU)]),
      );
      expect(await auditRows(reportId)).toEqual(
        byId([t.A, t.B, t.D]).map((teacher) => ({
          teacher_id: teacher.id,
          field: 'phone',
          actor_id: 'xiqu-office',
          actor_roles: [Role.COUNTY_OFFICE],
        })),
      );
    });

    it('names for a city office every listed teacher and school, phones masked and unaudited when masked', async () => {
      const workshop = await workshopSection();
      const { reportId, data } = await compute(
        ReportKind.STUDIO_ROSTER,
        CITY_OFFICE,
        request(ReportKind.STUDIO_ROSTER, CITY, true),
        {
          inputs: [workshop],
        },
      );
      expect(byId(await data.all<TeacherEntry>('personnel', 'teachers'))).toEqual(
        byId([
          entry(t.A, schools.A1, 'SENIOR', 'MATHEMATICS', true),
          entry(t.B, schools.A1, 'FIRST_GRADE', 'CHINESE', true),
          entry(t.D, schools.A2, 'FIRST_GRADE', 'MATHEMATICS', true),
          entry(t.F, schools.B1, 'SENIOR_PROFESSOR', 'MATHEMATICS', true),
          entry(t.G, schools.B1, 'SENIOR', 'MATHEMATICS', true),
        ]),
      );
      expect(byId(await data.all<SchoolEntry>('personnel', 'schools'))).toEqual(
        byId([schoolEntry(schools.A1, XIQU), schoolEntry(schools.A2, XIQU), schoolEntry(schools.B1, DONGQU)]),
      );
      expect(await auditRows(reportId)).toEqual([]);
    });

    it('refuses a roster without the workshop section it needs', async () => {
      await expect(
        compute(ReportKind.STUDIO_ROSTER, CITY_OFFICE, request(ReportKind.STUDIO_ROSTER, CITY)),
      ).rejects.toBeInstanceOf(SectionRefusedError);
    });
  });

  it('names the regions alone in the kinds where personnel adds nothing else', async () => {
    for (const kind of [ReportKind.FUND_USAGE, ReportKind.ASSESSMENT_RESULTS]) {
      const { data } = await compute(kind, XIQU_OFFICE, request(kind, XIQU));
      // The county and the jurisdictions above it, which found studios over it.
      expect(await data.all('personnel', 'regions')).toEqual([
        { code: '510000', name: '四川省', level: 'PROVINCE', parentCode: null },
        { code: CITY, name: '攀枝花市', level: 'CITY', parentCode: '510000' },
        { code: XIQU, name: '西区', level: 'COUNTY', parentCode: CITY },
      ]);
      expect(await data.all('personnel', 'counties')).toEqual([]);
    }
  });
});
