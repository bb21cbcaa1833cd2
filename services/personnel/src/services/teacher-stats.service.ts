import { filterScope, narrowScope, type RegionRange } from '@mingshi/auth';
import { groupsPerRange, type RequestTransaction } from '@mingshi/db';
import type { GraphQLResolveInfo } from 'graphql';
import {
  InputCheck,
  enumOrder,
  readGroupBy,
  selectsField,
  type GroupValue,
  type ValueOrder,
} from '@mingshi/graphql';
import type { PersonnelContext } from '../context';
import type {
  Gender,
  ProfessionalRank,
  Stage,
  Subject,
  TalentTitleKind,
  TeacherDimension,
  TeacherFilter,
  TitleLevel,
} from '../generated/resolvers-types';
import { canReadTeachers } from '../rules/permissions';
import { personnelSchema } from '../schema-document';
import { readTeacherFilter } from './teacher-filter';
import { teacherStatsStatement, type TeacherStatsQuestion, type TeacherStatsRow } from './teacher-stats-sql';
import { assertMayRead } from './teacher.service';

/** The arguments of `Query.teacherStats` and `Region.teacherStats`. */
export interface TeacherStatsArgs {
  filter?: TeacherFilter | null;
  year?: number | null;
  groupBy?: readonly TeacherDimension[] | null;
}

/** The measures of TeacherStatsGroup that read the teachers' training years. */
const HOURS_MEASURES = ['hours', 'meetingRequirement', 'belowRequirement', 'complianceRate'] as const;

/**
 * Whether the `teacherStats` field being resolved asks for a measure of hours: without one, the
 * statement counts teachers and reads no training year.
 */
export function selectsHours(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  return HOURS_MEASURES.some((measure) => selectsField(info, measure));
}

/** The TeacherStatsGroup GraphQL type: entity dimensions by key, resolved by the group's resolver. */
export interface TeacherStatsGroupView {
  cityCode: string | null;
  countyCode: string | null;
  schoolId: string | null;
  subject: Subject | null;
  stage: Stage | null;
  rank: ProfessionalRank | null;
  gender: Gender | null;
  titleKind: TalentTitleKind | null;
  titleLevel: TitleLevel | null;
  meetsHoursRequirement: boolean | null;
  ruralSchool: boolean | null;
  weakSchool: boolean | null;
  year: number;
  requiredHours: number;
  teacherCount: number;
  hours: number;
  meetingRequirement: number;
  belowRequirement: number;
  complianceRate: string | null;
}

/**
 * Teacher figures of the caller's scope narrowed by `filter.regionCode`, which is read as for the
 * teacher list: not a region code is BAD_USER_INPUT, a region beside the scope FORBIDDEN. Whoever
 * may list teachers may count them.
 */
export async function teacherStats(
  ctx: PersonnelContext,
  args: TeacherStatsArgs,
  readsHours: boolean,
): Promise<TeacherStatsGroupView[]> {
  assertMayRead(ctx);
  const question = readQuestion(ctx, args, readsHours);
  const range = filterScope(ctx.principal, args.filter?.regionCode, 'filter.regionCode');
  return ctx.loaders.teacherStats.load({ range, question });
}

/**
 * The figures of a region's subtree (`regionCode`: the region, or a filter region inside it), or
 * null when it lies outside the caller's scope or the caller reads no teachers: a region is public
 * reference data, its figures are not. Through the loader, so many regions are one statement.
 */
export async function regionTeacherStats(
  ctx: PersonnelContext,
  regionCode: string,
  args: TeacherStatsArgs,
  readsHours: boolean,
): Promise<TeacherStatsGroupView[] | null> {
  if (!canReadTeachers(ctx.principal)) return null;
  const question = readQuestion(ctx, args, readsHours);
  const range = narrowScope(ctx.principal, regionCode);
  if (!range) return null;
  return ctx.loaders.teacherStats.load({ range, question });
}

/**
 * The year the measures read is `year`, else `filter.year`, else this year in China; the year the
 * filter's `meetsHoursRequirement` reads is `filter.year`, else that same year. One given sets both.
 */
function readQuestion(
  ctx: PersonnelContext,
  args: TeacherStatsArgs,
  readsHours: boolean,
): TeacherStatsQuestion {
  const dimensions = readGroupBy(args.groupBy);
  const check = new InputCheck();
  if (args.year != null) check.year(args.year, 'year');
  check.done();
  const criteria = readTeacherFilter(args.filter, args.year ?? undefined);
  return {
    criteria,
    year: args.year ?? criteria.year,
    dimensions,
    requiredHours: ctx.settings.requiredTrainingHours,
    readsHours,
  };
}

/**
 * The loader's batch function: one statement for a question over all the ranges asking it, each
 * range's groups in the order the dimensions give (the loader refuses a range past the bound).
 */
export async function loadTeacherStats(
  tx: RequestTransaction,
  ranges: readonly RegionRange[],
  question: TeacherStatsQuestion,
): Promise<TeacherStatsGroupView[][]> {
  const manager = await tx.manager();
  const [sql, params] = teacherStatsStatement(manager, question, ranges);
  const rows = (await manager.query(sql, params)) as TeacherStatsRow[];
  const sorts = question.dimensions.map((d) => GROUP_SORTS[d]);
  return groupsPerRange(ranges.length, rows, sorts.length > 0, (row) => toGroup(question, row), {
    orders: sorts.flatMap((sort) => sort.orders),
    valuesOf: (_group, row) => sorts.flatMap((sort) => sort.values(row)),
  });
}

/** A group read from its row; with no row (no dimension, nothing matched), the totals: zeros. */
function toGroup(question: TeacherStatsQuestion, row: TeacherStatsRow | undefined): TeacherStatsGroupView {
  const { year, requiredHours } = question;
  if (!row) return { ...NO_DIMENSIONS, ...NO_TEACHERS, year, requiredHours };
  return {
    cityCode: row.city_code ?? null,
    countyCode: row.county_code ?? null,
    schoolId: row.school_id ?? null,
    subject: (row.subject as Subject | undefined) ?? null,
    stage: (row.stage as Stage | undefined) ?? null,
    rank: (row.rank as ProfessionalRank | undefined) ?? null,
    gender: (row.gender as Gender | undefined) ?? null,
    titleKind: (row.title_kind as TalentTitleKind | undefined) ?? null,
    titleLevel: (row.title_level as TitleLevel | undefined) ?? null,
    meetsHoursRequirement: row.meets_requirement ?? null,
    ruralSchool: row.rural_school ?? null,
    weakSchool: row.weak_school ?? null,
    year,
    requiredHours,
    teacherCount: row.teacher_count,
    hours: Number(row.hours),
    meetingRequirement: row.meeting,
    belowRequirement: row.teacher_count - row.meeting,
    complianceRate: row.compliance_rate,
  };
}

const NO_DIMENSIONS = {
  cityCode: null,
  countyCode: null,
  schoolId: null,
  subject: null,
  stage: null,
  rank: null,
  gender: null,
  titleKind: null,
  titleLevel: null,
  meetsHoursRequirement: null,
  ruralSchool: null,
  weakSchool: null,
};

const NO_TEACHERS = {
  teacherCount: 0,
  hours: 0,
  meetingRequirement: 0,
  belowRequirement: 0,
  complianceRate: null,
};

/** How groups sort on one dimension: the values compared in turn, and how each compares. */
interface DimensionSort {
  values: (row: TeacherStatsRow) => GroupValue[];
  orders: ValueOrder[];
}

const TEXT: ValueOrder = { kind: 'text' };

const byText = (...values: ((row: TeacherStatsRow) => string | null | undefined)[]): DimensionSort => ({
  values: (row) => values.map((value) => value(row) ?? null),
  orders: values.map(() => TEXT),
});
const byEnum = (
  enumName: string,
  value: (row: TeacherStatsRow) => string | null | undefined,
): DimensionSort => ({
  values: (row) => [value(row) ?? null],
  orders: [{ kind: 'declared', values: enumOrder(personnelSchema, enumName) }],
});
const byBoolean = (value: (row: TeacherStatsRow) => boolean | null | undefined): DimensionSort => ({
  values: (row) => [value(row) ?? null],
  orders: [{ kind: 'boolean' }],
});

/** Regions by code, schools by name (then id), enums in declaration order, false before true. */
const GROUP_SORTS: Record<TeacherDimension, DimensionSort> = {
  CITY: byText((r) => r.city_code),
  COUNTY: byText((r) => r.county_code),
  SCHOOL: byText(
    (r) => r.school_name,
    (r) => r.school_id,
  ),
  SUBJECT: byEnum('Subject', (r) => r.subject),
  STAGE: byEnum('Stage', (r) => r.stage),
  RANK: byEnum('ProfessionalRank', (r) => r.rank),
  GENDER: byEnum('Gender', (r) => r.gender),
  TITLE_KIND: byEnum('TalentTitleKind', (r) => r.title_kind),
  TITLE_LEVEL: byEnum('TitleLevel', (r) => r.title_level),
  MEETS_HOURS_REQUIREMENT: byBoolean((r) => r.meets_requirement),
  RURAL_SCHOOL: byBoolean((r) => r.rural_school),
  WEAK_SCHOOL: byBoolean((r) => r.weak_school),
};
