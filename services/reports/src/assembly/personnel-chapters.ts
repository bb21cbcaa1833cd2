import {
  GENDER_WORDS,
  PROFESSIONAL_RANKS,
  RANK_WORDS,
  SUBJECT_WORDS,
  wordFor,
  type CountyFigures,
  type PersonnelFigures,
  type SchoolHoursRow,
  type TeacherBelowRow,
} from '@mingshi/reports';
import type { Chapter, Chart, Column, Row, Table } from '../render/report-document';
import type { ChapterInput } from './section-data';

/**
 * The chapters made of the personnel section: teachers and continuing-education hours
 * (继续教育学时) in the annual summary, and the whole body of the training-hours report.
 */

const TOTAL_LABEL = '合计';

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)}%`;
}

/** A table's rows read from the section file each time a renderer asks, never held. */
function streamed<T>(
  rows: () => AsyncIterable<T>,
  cells: (row: T, index: number) => Row,
): AsyncIterable<Row> {
  return {
    async *[Symbol.asyncIterator]() {
      let index = 0;
      for await (const row of rows()) yield cells(row, index++);
    },
  };
}

async function personnelFigures(
  input: ChapterInput,
): Promise<{ counties: CountyFigures[]; totals: PersonnelFigures }> {
  const [counties, [totals]] = await Promise.all([
    input.data.all<CountyFigures>('personnel', 'counties'),
    input.data.all<PersonnelFigures>('personnel', 'totals'),
  ]);
  if (!totals) throw new Error('The personnel section has no totals');
  return { counties, totals };
}

/** 统计范围内共有教师…: the figures of the totals row, in a sentence. */
function complianceParagraph(year: number, totals: PersonnelFigures): string {
  const { teachers, trainingRecords, trainingHours, requiredHours, teachersMeeting, teachersBelow } = totals;
  const below = teachers > 0 ? `，未达标比例${percent(teachersBelow, teachers)}` : '';
  return (
    `统计范围内共有教师${teachers}人，${year}年度登记继续教育培训${trainingRecords}人次、累计${trainingHours}学时；` +
    `年度学时达到${requiredHours}学时要求的${teachersMeeting}人，未达到要求的${teachersBelow}人${below}。`
  );
}

const COMPLIANCE_COLUMNS: Column[] = [
  { key: 'region', title: '区县', kind: 'text' },
  { key: 'teachers', title: '教师数', kind: 'integer' },
  { key: 'trainingRecords', title: '培训人次', kind: 'integer' },
  { key: 'trainingHours', title: '总学时', kind: 'decimal' },
  { key: 'teachersMeeting', title: '达标人数', kind: 'integer' },
  { key: 'teachersBelow', title: '未达标人数', kind: 'integer' },
  { key: 'belowShare', title: '未达标比例', kind: 'ratio' },
];

function complianceCells(region: string, figures: PersonnelFigures): Row {
  return {
    region,
    teachers: figures.teachers,
    trainingRecords: figures.trainingRecords,
    trainingHours: figures.trainingHours,
    teachersMeeting: figures.teachersMeeting,
    teachersBelow: figures.teachersBelow,
    belowShare: share(figures.teachersBelow, figures.teachers),
  };
}

/** 各区县继续教育学时达标情况: one row per county and a totals row. */
export function countyComplianceTable(
  input: ChapterInput,
  counties: CountyFigures[],
  totals: PersonnelFigures,
): Table {
  return {
    title: '各区县继续教育学时达标情况',
    columns: COMPLIANCE_COLUMNS,
    rows: counties.map((county) => complianceCells(input.regions.name(county.regionCode), county)),
    totals: complianceCells(TOTAL_LABEL, totals),
  };
}

/** The same counties as a bar chart: teachers meeting and below the requirement. */
export function countyComplianceChart(input: ChapterInput, counties: CountyFigures[]): Chart {
  return {
    title: '各区县继续教育学时达标人数',
    type: 'bar',
    categories: counties.map((county) => input.regions.name(county.regionCode)),
    series: [
      { name: '达标人数', values: counties.map((county) => county.teachersMeeting) },
      { name: '未达标人数', values: counties.map((county) => county.teachersBelow) },
    ],
  };
}

/** The annual summary's chapter on continuing-education hours (ANNUAL_SUMMARY). */
export async function annualTrainingChapter(
  input: ChapterInput,
  heading = '继续教育学时达标情况',
): Promise<Chapter> {
  const { counties, totals } = await personnelFigures(input);
  return {
    heading,
    paragraphs: [complianceParagraph(input.request.year, totals)],
    tables: [countyComplianceTable(input, counties, totals)],
    charts: [countyComplianceChart(input, counties)],
  };
}

const TEACHER_FORCE_COLUMNS: Column[] = [
  { key: 'region', title: '区县', kind: 'text' },
  { key: 'schools', title: '学校数', kind: 'integer' },
  { key: 'teachers', title: '教师数', kind: 'integer' },
  ...PROFESSIONAL_RANKS.map((rank): Column => ({ key: rank, title: RANK_WORDS[rank], kind: 'integer' })),
  { key: 'talentTitleHolders', title: '人才称号获得者', kind: 'integer' },
];

function teacherForceCells(region: string, figures: PersonnelFigures): Row {
  return {
    region,
    schools: figures.schools,
    teachers: figures.teachers,
    ...figures.ranks,
    talentTitleHolders: figures.talentTitleHolders,
  };
}

/** The annual summary's chapter on the teaching force: schools, teachers by rank, title holders. */
export async function annualTeachersChapter(input: ChapterInput, heading = '教师队伍情况'): Promise<Chapter> {
  const { counties, totals } = await personnelFigures(input);
  return {
    heading,
    tables: [
      {
        title: '各区县教师队伍情况',
        columns: TEACHER_FORCE_COLUMNS,
        rows: counties.map((county) => teacherForceCells(input.regions.name(county.regionCode), county)),
        totals: teacherForceCells(TOTAL_LABEL, totals),
      },
    ],
  };
}

/** 各学校继续教育学时达标情况: every school of the range, streamed, with the range's totals. */
export function schoolHoursTable(input: ChapterInput, totals: PersonnelFigures): Table {
  return {
    title: '各学校继续教育学时达标情况',
    columns: [
      { key: 'region', title: '区县', kind: 'text' },
      { key: 'school', title: '学校', kind: 'text', width: 30 },
      { key: 'teachers', title: '教师数', kind: 'integer' },
      { key: 'teachersBelow', title: '未达标人数', kind: 'integer' },
      { key: 'belowShare', title: '未达标比例', kind: 'ratio' },
      { key: 'trainingHours', title: '年度总学时', kind: 'decimal' },
    ],
    rows: streamed(
      () => input.data.rows<SchoolHoursRow>('personnel', 'schoolHours'),
      (school) => ({
        region: input.regions.name(school.regionCode),
        school: school.schoolName,
        teachers: school.teachers,
        teachersBelow: school.teachersBelow,
        belowShare: school.belowShare,
        trainingHours: school.trainingHours,
      }),
    ),
    totals: {
      region: TOTAL_LABEL,
      school: null,
      teachers: totals.teachers,
      teachersBelow: totals.teachersBelow,
      belowShare: share(totals.teachersBelow, totals.teachers),
      trainingHours: totals.trainingHours,
    },
  };
}

/** 未达标教师名单: every teacher below the requirement, streamed from the section file. */
export function teachersBelowTable(input: ChapterInput): Table {
  return {
    title: '继续教育学时未达标教师名单',
    columns: [
      { key: 'number', title: '序号', kind: 'integer' },
      { key: 'region', title: '区县', kind: 'text' },
      { key: 'school', title: '学校', kind: 'text', width: 30 },
      { key: 'name', title: '姓名', kind: 'text' },
      { key: 'gender', title: '性别', kind: 'text' },
      { key: 'subject', title: '学科', kind: 'text' },
      { key: 'hours', title: '年度学时', kind: 'decimal' },
      { key: 'shortfall', title: '差额学时', kind: 'decimal' },
      { key: 'nationalId', title: '身份证号', kind: 'text', width: 20 },
    ],
    rows: streamed(
      () => input.data.rows<TeacherBelowRow>('personnel', 'teachersBelow'),
      (teacher, index) => ({
        number: index + 1,
        region: input.regions.name(teacher.regionCode),
        school: teacher.schoolName,
        name: teacher.name,
        gender: wordFor(GENDER_WORDS, teacher.gender),
        subject: wordFor(SUBJECT_WORDS, teacher.subject),
        hours: teacher.hours,
        shortfall: teacher.shortfall,
        nationalId: teacher.nationalId,
      }),
    ),
  };
}

/** The whole body of the training-hours report (TRAINING_HOURS): by county, by school, the list. */
export async function trainingHoursChapters(input: ChapterInput): Promise<Chapter[]> {
  const { counties, totals } = await personnelFigures(input);
  return [
    {
      heading: '一、各区县继续教育学时达标情况',
      paragraphs: [complianceParagraph(input.request.year, totals)],
      tables: [countyComplianceTable(input, counties, totals)],
      charts: [countyComplianceChart(input, counties)],
    },
    { heading: '二、各学校继续教育学时达标情况', tables: [schoolHoursTable(input, totals)] },
    {
      heading: '三、继续教育学时未达标教师名单',
      paragraphs: [
        `以下${totals.teachersBelow}名教师${input.request.year}年度继续教育学时未达到${totals.requiredHours}学时要求。`,
      ],
      tables: [teachersBelowTable(input)],
    },
  ];
}
