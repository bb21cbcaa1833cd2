import {
  GENDER_WORDS,
  wordFor,
  type AchievementLevel,
  type ActivityCountRow,
  type ActivityType,
  type CertificateCountRow,
  type MembershipEntry,
  type OutcomeCountRow,
  type OutcomeKind,
  type ResearchProjectCountRow,
  type ResearchProjectStatus,
  type SchoolEntry,
  type StudioCountRow,
  type StudioHeadcountRow,
  type SupportAgreementCountRow,
  type SupportAgreementStatus,
  type TeacherEntry,
} from '@mingshi/reports';
import type { Chapter, Column, Row, Table } from '../render/report-document';
import type { ChapterInput } from './section-data';
import {
  STUDIO_LEVEL_WORDS,
  STUDIO_STATUS_WORDS,
  STUDIO_TYPE_WORDS,
  StudioDirectory,
  foundingRegionName,
  subjectWord,
} from './studio-directory';

/*
 * The workshop section's chapters. Every figure comes grouped from the section (SQL GROUPING
 * SETS, totals included); these builders only lay the groups out in tables, in the order bureaus
 * list them. Headings are unnumbered: the assembler numbers chapters in report order.
 */

/* The words of each value, in the order tables list them: every value is listed, 0 where nothing happened. */
const ACTIVITY_TYPE_WORDS: Record<ActivityType, string> = {
  THEMED_RESEARCH: '主题教研',
  TEAM_STUDY: '团队研修',
  OUTREACH: '送教下乡',
  EXPERT_LECTURE: '专家讲座',
  SHADOWING: '跟岗研修',
  EXTERNAL_TRAINING: '外出培训',
  LIVE_STREAM: '直播',
  DEMONSTRATION_LESSON: '示范课',
  OTHER: '其他',
};

const ACHIEVEMENT_LEVEL_WORDS: Record<AchievementLevel, string> = {
  NATIONAL: '国家级',
  PROVINCE: '省级',
  CITY: '市级',
  COUNTY: '县级',
  SCHOOL: '校级',
};

const PROJECT_STATUS_WORDS: Record<ResearchProjectStatus, string> = {
  DECLARED: '申报',
  APPROVED: '立项',
  IN_PROGRESS: '在研',
  CONCLUDED: '结题',
  TERMINATED: '终止',
};

const OUTCOME_KIND_WORDS: Record<OutcomeKind, string> = {
  PAPER: '论文',
  AWARD: '获奖',
  HONOUR: '荣誉',
  RESOURCE: '资源/课件',
  BOOK: '专著',
};

const AGREEMENT_STATUS_WORDS: Record<SupportAgreementStatus, string> = {
  ACTIVE: '履行中',
  COMPLETED: '已完成',
  TERMINATED: '已终止',
};

const ROLE_WORDS: Record<MembershipEntry['role'], string> = {
  HOST: '主持人',
  MEMBER: '成员',
  TRAINEE: '学员',
};

const COUNTY_TITLE = '县（市、区）';

function keysOf<K extends string>(words: Record<K, string>): K[] {
  return Object.keys(words) as K[];
}

const integer = (key: string, title: string): Column => ({ key, title, kind: 'integer' });

/** Hours credited: one decimal, as workshop stores them. */
const HOURS_COLUMN: Column = { key: 'hours', title: '认定学时', kind: 'decimal' };

/** The rows of one grouping, in the section's order. */
function grouped<R extends { by: string }, B extends R['by']>(rows: readonly R[], by: B): (R & { by: B })[] {
  return rows.filter((row): row is R & { by: B } => row.by === by);
}

/** The row over everything: the section writes one for each summary, zeros when nothing happened. */
function totalOf<R extends { by: string }>(rows: readonly R[], dataset: string): R {
  const total = rows.find((row) => row.by === 'total');
  if (!total) throw new Error(`The workshop section's ${dataset} has no total row`);
  return total;
}

interface AnnualSummary {
  studios: StudioCountRow[];
  activities: ActivityCountRow[];
  projects: ResearchProjectCountRow[];
  outcomes: OutcomeCountRow[];
  certificates: CertificateCountRow[];
  agreements: SupportAgreementCountRow[];
}

/** The annual summary's datasets, each a few hundred grouped rows at most. */
async function loadSummary(input: ChapterInput): Promise<AnnualSummary> {
  const read = <T>(dataset: string) => input.data.all<T>('workshop', dataset);
  const [studios, activities, projects, outcomes, certificates, agreements] = await Promise.all([
    read<StudioCountRow>('studioCounts'),
    read<ActivityCountRow>('activityCounts'),
    read<ResearchProjectCountRow>('researchProjects'),
    read<OutcomeCountRow>('outcomes'),
    read<CertificateCountRow>('certificates'),
    read<SupportAgreementCountRow>('supportAgreements'),
  ]);
  return { studios, activities, projects, outcomes, certificates, agreements };
}

export type WorkshopHeadlineKey =
  | 'studios'
  | 'members'
  | 'trainees'
  | 'activities'
  | 'participations'
  | 'outreach'
  | 'resources'
  | 'liveStreams'
  | 'projects'
  | 'papers'
  | 'certificates';

export interface HeadlineFigure {
  key: WorkshopHeadlineKey;
  /** e.g. 研修活动 */
  label: string;
  value: number;
  /** e.g. 场 */
  unit: string;
}

/**
 * The workshop's figures for the summary's first chapter, in the order a bureau's summary states
 * them ("已经上传352份资源、创建42场活动、直播738场…累计培训8000余人次…立项87项…论文192篇").
 * Activities count every type, live streams included, as WorkshopMetrics.activityCount does.
 */
export async function workshopHeadlines(input: ChapterInput): Promise<HeadlineFigure[]> {
  const summary = await loadSummary(input);
  const studios = totalOf(summary.studios, 'studioCounts');
  const activities = totalOf(summary.activities, 'activityCounts');
  const papers = summary.outcomes.find((row) => row.by === 'kind' && row.kind === 'PAPER')?.outcomes ?? 0;
  const figures: [WorkshopHeadlineKey, string, number, string][] = [
    ['studios', '工作室', studios.studios, '个'],
    ['members', '成员', studios.members, '人'],
    ['trainees', '学员', studios.trainees, '人'],
    ['activities', '研修活动', activities.activities, '场'],
    ['participations', '参训', activities.participations, '人次'],
    ['outreach', '送教下乡', activities.outreach, '次'],
    ['resources', '资源', activities.resources, '份'],
    ['liveStreams', '直播', activities.liveStreams, '场'],
    ['projects', '课题', totalOf(summary.projects, 'researchProjects').projects, '项'],
    ['papers', '论文', papers, '篇'],
    ['certificates', '结业证书', totalOf(summary.certificates, 'certificates').certificates, '本'],
  ];
  return figures.map(([key, label, value, unit]) => ({ key, label, value, unit }));
}

/** 工作室概况, 研修活动, 课题与成果, 结业与帮扶: the workshop's chapters of ANNUAL_SUMMARY. */
export async function annualSummaryChapters(input: ChapterInput): Promise<Chapter[]> {
  const summary = await loadSummary(input);
  return [
    studiosChapter(input, summary.studios),
    activitiesChapter(input, summary.activities),
    researchChapter(summary.projects, summary.outcomes),
    completionChapter(input, summary.certificates, summary.agreements),
  ];
}

const HEADCOUNT_COLUMNS: Column[] = [
  integer('studios', '工作室（个）'),
  integer('hosts', '主持人（人）'),
  integer('members', '成员（人）'),
  integer('trainees', '学员（人）'),
];

function headcounts(row: StudioCountRow): Row {
  return { studios: row.studios, hosts: row.hosts, members: row.members, trainees: row.trainees };
}

function studiosChapter(input: ChapterInput, rows: StudioCountRow[]): Chapter {
  const { year, regionCode } = input.request;
  const total = totalOf(rows, 'studioCounts');
  const levelType = new Map(grouped(rows, 'levelType').map((row) => [`${row.level}:${row.type}`, row]));
  const byLevelType: Row[] = keysOf(STUDIO_LEVEL_WORDS).flatMap((level) =>
    keysOf(STUDIO_TYPE_WORDS).flatMap((type) => {
      const row = levelType.get(`${level}:${type}`);
      return row
        ? [{ level: STUDIO_LEVEL_WORDS[level], type: STUDIO_TYPE_WORDS[type], ...headcounts(row) }]
        : [];
    }),
  );
  const statuses = new Map(grouped(rows, 'status').map((row) => [row.status, row]));
  const byStatus: Row[] = keysOf(STUDIO_STATUS_WORDS).flatMap((status) => {
    const row = statuses.get(status);
    return row ? [{ status: STUDIO_STATUS_WORDS[status], ...headcounts(row) }] : [];
  });
  const counties = grouped(rows, 'region').map((row) => ({
    name: foundingRegionName(input.regions, row.regionCode!),
    row,
  }));
  const totals = (first: Record<string, string>): Row => ({ ...first, ...headcounts(total) });
  return {
    heading: '工作室概况',
    paragraphs: [
      `${input.regions.name(regionCode)}共有名师工作室${total.studios}个；${year}年在室主持人${total.hosts}人、成员${total.members}人、学员${total.trainees}人（在年内任一天在室即计入）。`,
    ],
    tables: [
      {
        title: '工作室（按级别和类型）',
        columns: [
          { key: 'level', title: '级别', kind: 'text' },
          { key: 'type', title: '类型', kind: 'text' },
          ...HEADCOUNT_COLUMNS,
        ],
        rows: byLevelType,
        totals: totals({ level: '合计', type: '' }),
      },
      {
        title: '工作室（按状态）',
        columns: [{ key: 'status', title: '状态', kind: 'text' }, ...HEADCOUNT_COLUMNS],
        rows: byStatus,
        totals: totals({ status: '合计' }),
      },
      {
        title: `工作室（按${COUNTY_TITLE}）`,
        columns: [{ key: 'region', title: COUNTY_TITLE, kind: 'text' }, ...HEADCOUNT_COLUMNS],
        rows: counties.map(({ name, row }) => ({ region: name, ...headcounts(row) })),
        totals: totals({ region: '合计' }),
      },
    ],
    charts: [
      {
        title: `各${COUNTY_TITLE}工作室数`,
        type: 'bar',
        categories: counties.map(({ name }) => name),
        series: [{ name: '工作室（个）', values: counties.map(({ row }) => row.studios) }],
      },
    ],
  };
}

const ACTIVITY_COLUMNS: Column[] = [
  integer('activities', '活动（场）'),
  integer('participations', '参训人次'),
  integer('teachers', '参训教师（人）'),
  HOURS_COLUMN,
];

function activityFigures(row: ActivityCountRow | undefined): Row {
  return {
    activities: row?.activities ?? 0,
    participations: row?.participations ?? 0,
    teachers: row?.teachers ?? 0,
    hours: row?.hours ?? 0,
    outreach: row?.outreach ?? 0,
    outreachSchools: row?.outreachSchools ?? 0,
    resources: row?.resources ?? 0,
    liveStreams: row?.liveStreams ?? 0,
    views: row?.views ?? 0,
  };
}

function activitiesChapter(input: ChapterInput, rows: ActivityCountRow[]): Chapter {
  const total = totalOf(rows, 'activityCounts');
  const types = new Map(grouped(rows, 'type').map((row) => [row.type, row]));
  const resourceColumns = [integer('resources', '资源（份）'), integer('views', '浏览量（次）')];
  return {
    heading: '研修活动',
    paragraphs: [
      `${input.request.year}年共开展研修活动${total.activities}场，其中送教下乡${total.outreach}次、覆盖农村和薄弱学校${total.outreachSchools}所，直播${total.liveStreams}场；参训${total.participations}人次（${total.teachers}名教师），认定学时${total.hours}；发布资源${total.resources}份，浏览${total.views}次。`,
    ],
    tables: [
      {
        title: '研修活动（按类型）',
        columns: [{ key: 'type', title: '活动类型', kind: 'text' }, ...ACTIVITY_COLUMNS, ...resourceColumns],
        rows: keysOf(ACTIVITY_TYPE_WORDS).map((type) => ({
          type: ACTIVITY_TYPE_WORDS[type],
          ...activityFigures(types.get(type)),
        })),
        totals: { type: '合计', ...activityFigures(total) },
      },
      {
        title: `研修活动（按${COUNTY_TITLE}）`,
        columns: [
          { key: 'region', title: COUNTY_TITLE, kind: 'text' },
          ...ACTIVITY_COLUMNS,
          integer('outreach', '送教下乡（次）'),
          integer('outreachSchools', '送教学校（所）'),
          integer('liveStreams', '直播（场）'),
          ...resourceColumns,
        ],
        rows: grouped(rows, 'region').map((row) => ({
          region: foundingRegionName(input.regions, row.regionCode!),
          ...activityFigures(row),
        })),
        totals: { region: '合计', ...activityFigures(total) },
      },
    ],
  };
}

/**
 * A table of counts by two dimensions from grouping-set rows: a row per value of the first, a
 * column per value of the second and 合计 (the first's own group), a totals row from the second's.
 */
function crossTable<A extends string, B extends string>(options: {
  title: string;
  rowTitle: string;
  rowWords: Record<A, string>;
  columnWords: Record<B, string>;
  cell: (a: A, b: B) => number;
  rowTotal: (a: A) => number;
  columnTotal: (b: B) => number;
  total: number;
}): Table {
  const { rowWords, columnWords } = options;
  const columns = keysOf(columnWords);
  return {
    title: options.title,
    columns: [
      { key: 'name', title: options.rowTitle, kind: 'text' },
      ...columns.map((b) => integer(b, columnWords[b])),
      integer('total', '合计'),
    ],
    rows: keysOf(rowWords).map((a) => ({
      name: rowWords[a],
      ...Object.fromEntries(columns.map((b) => [b, options.cell(a, b)])),
      total: options.rowTotal(a),
    })),
    totals: {
      name: '合计',
      ...Object.fromEntries(columns.map((b) => [b, options.columnTotal(b)])),
      total: options.total,
    },
  };
}

/** A lookup of grouping-set counts by their group's values (null: not grouped by it), 0 for an empty group. */
function counter<R>(rows: readonly R[], group: (row: R) => (string | null)[], count: (row: R) => number) {
  const key = (parts: (string | null)[]) => JSON.stringify(parts);
  const counts = new Map(rows.map((row) => [key(group(row)), count(row)]));
  return (...parts: (string | null)[]) => counts.get(key(parts)) ?? 0;
}

function researchChapter(projects: ResearchProjectCountRow[], outcomes: OutcomeCountRow[]): Chapter {
  const project = counter(
    projects,
    (row) => [row.by, row.level, row.status],
    (row) => row.projects,
  );
  const outcome = counter(
    outcomes,
    (row) => [row.by, row.kind, row.level],
    (row) => row.outcomes,
  );
  const projectTotal = totalOf(projects, 'researchProjects').projects;
  const outcomeTotal = totalOf(outcomes, 'outcomes').outcomes;
  return {
    heading: '课题与成果',
    paragraphs: [
      `年内在研课题${projectTotal}项（含年内结题、终止的课题），取得各级各类成果${outcomeTotal}项，其中发表论文${outcome('kind', 'PAPER', null)}篇。`,
    ],
    tables: [
      crossTable({
        title: '课题（按级别和状态）',
        rowTitle: '课题级别',
        rowWords: ACHIEVEMENT_LEVEL_WORDS,
        columnWords: PROJECT_STATUS_WORDS,
        cell: (level, status) => project('levelStatus', level, status),
        rowTotal: (level) => project('level', level, null),
        columnTotal: (status) => project('status', null, status),
        total: projectTotal,
      }),
      crossTable({
        title: '成果（按类别和级别）',
        rowTitle: '成果类别',
        rowWords: OUTCOME_KIND_WORDS,
        columnWords: ACHIEVEMENT_LEVEL_WORDS,
        cell: (kind, level) => outcome('kindLevel', kind, level),
        rowTotal: (kind) => outcome('kind', kind, null),
        columnTotal: (level) => outcome('level', null, level),
        total: outcomeTotal,
      }),
    ],
  };
}

function completionChapter(
  input: ChapterInput,
  certificates: CertificateCountRow[],
  agreements: SupportAgreementCountRow[],
): Chapter {
  const certificateTotal = totalOf(certificates, 'certificates');
  const agreementTotal = totalOf(agreements, 'supportAgreements');
  const statuses = new Map(grouped(agreements, 'status').map((row) => [row.status, row]));
  const certificateColumns = [integer('certificates', '结业证书（本）'), HOURS_COLUMN];
  const agreementColumns = [integer('agreements', '帮扶协议（份）'), integer('schools', '帮扶学校（所）')];
  return {
    heading: '结业与帮扶',
    paragraphs: [
      `${input.request.year}年颁发结业证书${certificateTotal.certificates}本，计入继续教育学时${certificateTotal.hours}；年内执行帮扶协议${agreementTotal.agreements}份，帮扶学校${agreementTotal.schools}所。`,
    ],
    tables: [
      {
        title: `结业证书（按${COUNTY_TITLE}）`,
        columns: [{ key: 'region', title: COUNTY_TITLE, kind: 'text' }, ...certificateColumns],
        rows: grouped(certificates, 'region').map((row) => ({
          region: foundingRegionName(input.regions, row.regionCode!),
          certificates: row.certificates,
          hours: row.hours,
        })),
        totals: {
          region: '合计',
          certificates: certificateTotal.certificates,
          hours: certificateTotal.hours,
        },
      },
      {
        title: '帮扶协议（按状态）',
        columns: [{ key: 'status', title: '协议状态', kind: 'text' }, ...agreementColumns],
        rows: keysOf(AGREEMENT_STATUS_WORDS).map((status) => ({
          status: AGREEMENT_STATUS_WORDS[status],
          agreements: statuses.get(status)?.agreements ?? 0,
          schools: statuses.get(status)?.schools ?? 0,
        })),
        totals: { status: '合计', agreements: agreementTotal.agreements, schools: agreementTotal.schools },
      },
    ],
  };
}

/**
 * The teachers and schools personnel named for the roster. A teacher personnel did not return is
 * outside the requester's scope (a trainee from another county, say): the roster lists the place
 * with — for the name, as the API answers null.
 */
class RosterNames {
  private constructor(
    private readonly teachers: ReadonlyMap<string, TeacherEntry>,
    private readonly schools: ReadonlyMap<string, string>,
  ) {}

  static async load(input: ChapterInput): Promise<RosterNames> {
    const [teachers, schools] = await Promise.all([
      input.data.all<TeacherEntry>('personnel', 'teachers'),
      input.data.all<SchoolEntry>('personnel', 'schools'),
    ]);
    return new RosterNames(
      new Map(teachers.map((teacher) => [teacher.id, teacher])),
      new Map(schools.map((school) => [school.id, school.name])),
    );
  }

  teacher(id: string | null): TeacherEntry | undefined {
    return id === null ? undefined : this.teachers.get(id);
  }

  school(id: string | null | undefined): string {
    return (id && this.schools.get(id)) ?? '—';
  }
}

/** The body of STUDIO_ROSTER: the studios with their hosts and headcounts, then every place of the year. */
export async function studioRosterChapters(input: ChapterInput): Promise<Chapter[]> {
  const [directory, names, counts] = await Promise.all([
    StudioDirectory.load(input),
    RosterNames.load(input),
    input.data.all<StudioHeadcountRow>('workshop', 'headcounts'),
  ]);
  const headcounts = new Map(counts.map((row) => [row.workshopId, row]));
  const studios: Row[] = [...directory.list()].map((studio) => ({
    name: studio.name,
    region: studio.regionName,
    level: STUDIO_LEVEL_WORDS[studio.level],
    type: STUDIO_TYPE_WORDS[studio.type],
    status: wordFor(STUDIO_STATUS_WORDS, studio.status),
    subject: subjectWord(studio.subject),
    host: names.teacher(studio.hostTeacherId)?.name ?? '—',
    school: names.school(studio.hostSchoolId),
    members: headcounts.get(studio.id)?.members ?? 0,
    trainees: headcounts.get(studio.id)?.trainees ?? 0,
  }));
  async function* places(): AsyncIterable<Row> {
    for await (const place of input.data.rows<MembershipEntry>('workshop', 'memberships')) {
      const teacher = names.teacher(place.teacherId);
      yield {
        studio: directory.name(place.workshopId),
        role: ROLE_WORDS[place.role],
        name: teacher?.name ?? '—',
        gender: teacher ? wordFor(GENDER_WORDS, teacher.gender) : '—',
        school: names.school(teacher?.schoolId),
        phone: teacher?.phone ?? '—',
        joinedOn: place.joinedOn,
      };
    }
  }
  const text = (key: string, title: string, width?: number): Column => ({ key, title, kind: 'text', width });
  return [
    {
      heading: '工作室名册',
      paragraphs: [
        `${input.regions.name(input.request.regionCode)}名师工作室${directory.size}个。成员数、学员数为${input.request.year}年内在室人数。`,
      ],
      tables: [
        {
          title: '工作室一览',
          columns: [
            text('name', '工作室名称', 30),
            text('region', COUNTY_TITLE),
            text('level', '级别'),
            text('type', '类型'),
            text('status', '状态'),
            text('subject', '学科'),
            text('host', '主持人'),
            text('school', '所在学校', 24),
            integer('members', '成员数'),
            integer('trainees', '学员数'),
          ],
          rows: studios,
        },
      ],
    },
    {
      heading: '主持人、成员和学员名单',
      paragraphs: [
        `${input.request.year}年内在室的主持人、成员和学员，含年内退出者。姓名为“—”者不在本单位管辖范围内。`,
      ],
      tables: [
        {
          title: '成员名单',
          columns: [
            text('studio', '工作室', 30),
            text('role', '角色'),
            text('name', '姓名'),
            text('gender', '性别'),
            text('school', '所在学校', 24),
            text('phone', '联系电话', 14),
            { key: 'joinedOn', title: '加入日期', kind: 'date' },
          ],
          rows: places(),
        },
      ],
    },
  ];
}
