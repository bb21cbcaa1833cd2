import { meetsRequirementSql } from '../rules/training';
import type { PersonnelSectionContext } from './context';

/**
 * Every teacher of the range with their training in the report's year, one row per teacher (so
 * that teachers meeting the requirement are counted as rows): `WITH ${TEACHER_YEAR} …` with
 * teacherYearParams. $4 is the yearly requirement. Hours and records are the year as the database
 * rolls it up (`personnel.training_year`, exact numeric), as teacherStats reads them: one row per
 * teacher by index, rather than every record admitted one by one through its teacher's policy.
 */
export const TEACHER_YEAR = `teacher_year AS (
    SELECT t.id, t.region_code, t.school_id, t.rank,
           COALESCE(y.records, 0) AS records,
           COALESCE(y.hours, 0) AS hours,
           EXISTS (
             SELECT 1 FROM personnel.talent_title tt WHERE tt.teacher_id = t.id AND tt.year <= $3
           ) AS titled
    FROM personnel.teacher t
    LEFT JOIN personnel.training_year y ON y.teacher_id = t.id AND y.year = $3
    WHERE t.region_code BETWEEN $1 AND $2
  )`;

/** A teacher_year row below the yearly requirement. */
export const BELOW_REQUIREMENT = `NOT ${meetsRequirementSql('ty.hours', '$4::numeric')}`;

export function teacherYearParams(ctx: PersonnelSectionContext, requiredHours: number): unknown[] {
  return [ctx.range.lo, ctx.range.hi, ctx.request.year, requiredHours];
}

/** Hours as PostgreSQL returns a numeric: a decimal string. */
export function hoursOf(value: string): number {
  const hours = Number(value);
  if (!Number.isFinite(hours)) throw new Error(`Not an hours value: ${value}`);
  return hours;
}
