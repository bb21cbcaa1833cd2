import type { EntityManager } from 'typeorm';
import type { RegionRange } from '@mingshi/auth';
import { SqlParameters, boundedPerRangeSql, rangesTableSql } from '@mingshi/db';
import { TeacherEntity } from '../entities';
import type { TeacherDimension } from '../generated/resolvers-types';
import { meetsRequirementSql } from '../rules/training';
import { applyTeacherCriteria, type TeacherCriteria } from './teacher-filter';

/** One statistics question: which teachers, the year their hours are read for, the grouping. */
export interface TeacherStatsQuestion {
  criteria: TeacherCriteria;
  year: number;
  dimensions: TeacherDimension[];
  requiredHours: number;
  /**
   * Whether a measure of hours is asked for (hours, meetingRequirement, belowRequirement,
   * complianceRate): without one, and without grouping by the requirement, the statement reads
   * no training year.
   */
  readsHours: boolean;
}

/** A group as PostgreSQL answers it: `k` is the place of its range among those asked (from 0). */
export interface TeacherStatsRow {
  k: number;
  city_code?: string | null;
  county_code?: string | null;
  school_id?: string | null;
  school_name?: string | null;
  subject?: string | null;
  stage?: string | null;
  rank?: string | null;
  gender?: string | null;
  title_kind?: string | null;
  title_level?: string | null;
  meets_requirement?: boolean | null;
  rural_school?: boolean | null;
  weak_school?: boolean | null;
  teacher_count: number;
  meeting: number;
  hours: string;
  compliance_rate: string | null;
}

/** What the row of a teacher joins to for a dimension. */
type Join = 'region' | 'school' | 'titles';

interface DimensionSql {
  /** Output columns (`expression AS name`); the first is the group's value. */
  select: string[];
  /** What the rows are grouped by: the value, or a key the other columns depend on. */
  groupBy: string;
  join?: Join;
}

/** Placeholders the dimensions refer to, filled in per statement. */
const MEETS = '<meets>';

const DIMENSIONS: Record<TeacherDimension, DimensionSql> = {
  // A county's city is its parent in the region table, unless that is the province: 直辖市的区 and
  // 省直辖县 have no city, where reading the code alone (cityOfSql in libs/auth) would name one.
  CITY: {
    select: [`CASE WHEN rg.parent_code NOT LIKE '__0000' THEN rg.parent_code END AS city_code`],
    groupBy: 'rg.parent_code',
    join: 'region',
  },
  COUNTY: { select: ['t.region_code AS county_code'], groupBy: 't.region_code' },
  SCHOOL: { select: ['s.id AS school_id', 's.name AS school_name'], groupBy: 's.id', join: 'school' },
  SUBJECT: { select: ['t.subject AS subject'], groupBy: 't.subject' },
  STAGE: { select: ['t.stage AS stage'], groupBy: 't.stage' },
  RANK: { select: ['t.rank AS rank'], groupBy: 't.rank' },
  GENDER: { select: ['t.gender AS gender'], groupBy: 't.gender' },
  TITLE_KIND: { select: ['tt.kind AS title_kind'], groupBy: 'tt.kind', join: 'titles' },
  TITLE_LEVEL: { select: ['tt.level AS title_level'], groupBy: 'tt.level', join: 'titles' },
  MEETS_HOURS_REQUIREMENT: { select: [`${MEETS} AS meets_requirement`], groupBy: MEETS },
  RURAL_SCHOOL: { select: ['s.rural AS rural_school'], groupBy: 's.rural', join: 'school' },
  WEAK_SCHOOL: { select: ['s.weak AS weak_school'], groupBy: 's.weak', join: 'school' },
};

/**
 * One statement answering a question for several region ranges at once (the regions of a
 * `regions { teacherStats }` request, or the one range of a root call): every teacher of the
 * filter joins the ranges it lies in, `k` says which, and the groups are `GROUP BY k, <dimensions>`.
 * Each range answers at most MAX_STATS_GROUPS + 1 groups, enough to tell that it has too many.
 *
 * - The teachers are the lists' own query (`applyTeacherCriteria`), so a count and its list agree.
 * - Hours are each teacher's year as the database rolls it up (`personnel.training_year`), read
 *   for the span of the ranges by index and summed per group; a teacher without records has 0
 *   and is below the requirement. Not read at all when no hours measure is asked for and the
 *   groups are not split by the requirement.
 * - Talent titles: the distinct kinds (and/or levels) each teacher was awarded by the end of the
 *   year, so a teacher counts once per kind held, and in the null group when holding none.
 */
export function teacherStatsStatement(
  manager: EntityManager,
  question: TeacherStatsQuestion,
  ranges: readonly RegionRange[],
): [string, unknown[]] {
  const span: RegionRange = {
    lo: ranges.reduce((lo, r) => (r.lo < lo ? r.lo : lo), ranges[0]!.lo),
    hi: ranges.reduce((hi, r) => (r.hi > hi ? r.hi : hi), ranges[0]!.hi),
  };
  const teachers = applyTeacherCriteria(
    manager
      .getRepository(TeacherEntity)
      .createQueryBuilder('t')
      .select('t.id', 'id')
      .addSelect('t.region_code', 'region_code')
      .addSelect('t.school_id', 'school_id')
      .addSelect('t.subject', 'subject')
      .addSelect('t.stage', 'stage')
      .addSelect('t.rank', 'rank')
      .addSelect('t.gender', 'gender')
      .where('t.region_code BETWEEN :lo AND :hi', span),
    't',
    question.criteria,
    question.requiredHours,
    span,
  );
  const [teachersSql, teacherParams] = teachers.getQueryAndParameters();
  const params = new SqlParameters([...teacherParams]);
  const rangesTable = rangesTableSql(ranges, params.add);
  // Bound once, and only when read: PostgreSQL cannot type a parameter the statement never uses.
  let yearParam: string | undefined;
  const year = () => (yearParam ??= params.add(question.year));
  // Only the hours measures and the requirement dimension read a teacher's year.
  const hours =
    question.readsHours || question.dimensions.includes('MEETS_HOURS_REQUIREMENT')
      ? yearHoursSql(params, year(), question.requiredHours, span)
      : null;

  const dimensions = question.dimensions.map((d) => DIMENSIONS[d]);
  const joins = new Set(dimensions.flatMap((d) => (d.join ? [d.join] : [])));
  const titleColumns = question.dimensions.flatMap((d) =>
    d === 'TITLE_KIND' ? ['kind'] : d === 'TITLE_LEVEL' ? ['level'] : [],
  );
  const joinSql = [
    joins.has('region') ? 'JOIN personnel.region rg ON rg.code = t.region_code' : '',
    joins.has('school') ? 'JOIN personnel.school s ON s.id = t.school_id' : '',
    joins.has('titles')
      ? `LEFT JOIN (SELECT DISTINCT teacher_id, ${titleColumns.join(', ')} FROM personnel.talent_title
                     WHERE year <= ${year()}) tt ON tt.teacher_id = t.id`
      : '',
    hours ? 'LEFT JOIN h ON h.teacher_id = t.id' : '',
  ].join('\n');
  // MEETS appears only under MEETS_HOURS_REQUIREMENT, which always reads the hours.
  const fill = (sql: string) => sql.split(MEETS).join(hours?.meets ?? 'NULL');
  const selects = dimensions.flatMap((d) => d.select.map(fill));
  const groupBys = dimensions.map((d) => fill(d.groupBy));
  // Unread, the hours measures are placeholders no client sees: no selected field reads them.
  const measures = hours
    ? `count(*) FILTER (WHERE ${hours.meets})::int AS meeting,
       COALESCE(sum(h.hours), 0)::text AS hours,
       round(count(*) FILTER (WHERE ${hours.meets})::numeric / count(*), 4)::text AS compliance_rate`
    : `0 AS meeting, '0' AS hours, NULL AS compliance_rate`;

  const sql = `
    WITH t AS (${teachersSql})${hours ? `, h AS (${hours.cte})` : ''}
    ${boundedPerRangeSql(`
      SELECT r.k, ${[...selects, ''].join(', ')}
             count(*)::int AS teacher_count,
             ${measures}
        FROM ${rangesTable} AS r(k, lo, hi)
        JOIN t ON t.region_code BETWEEN r.lo AND r.hi
        ${joinSql}
       GROUP BY ${['r.k', ...groupBys].join(', ')}`)}`;
  return [sql, params.values];
}

/**
 * Each teacher's hours of the year as the database rolls them up (`h`: teacher_id, hours), read
 * for the span of the ranges by index, and whether a teacher of `h` meets the requirement.
 */
function yearHoursSql(
  params: SqlParameters,
  year: string,
  requiredHours: number,
  span: RegionRange,
): { cte: string; meets: string } {
  return {
    cte: `SELECT ty.teacher_id, ty.hours
            FROM personnel.training_year ty
           WHERE ty.year = ${year} AND ty.region_code BETWEEN ${params.add(span.lo)} AND ${params.add(span.hi)}`,
    meets: meetsRequirementSql('COALESCE(h.hours, 0)', `${params.add(requiredHours)}::numeric`),
  };
}
