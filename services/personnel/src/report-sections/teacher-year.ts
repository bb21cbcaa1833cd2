import { meetsRequirementSql } from '../rules/training';
import type { PersonnelSectionContext } from './context';

/**
 * Every teacher of the range with their training in the report's year, one row per teacher (so
 * that teachers meeting the requirement are counted as rows): `WITH ${TEACHER_YEAR} …` with
 * teacherYearParams. $4 is the yearly requirement. Hours are summed exactly, as numeric(5,1).
 */
export const TEACHER_YEAR = `teacher_year AS (
    SELECT t.id, t.region_code, t.school_id, t.rank,
           count(tr.id)::int AS records,
           COALESCE(sum(tr.hours), 0) AS hours,
           EXISTS (
             SELECT 1 FROM personnel.talent_title tt WHERE tt.teacher_id = t.id AND tt.year <= $3
           ) AS titled
    FROM personnel.teacher t
    LEFT JOIN personnel.training_record tr ON tr.teacher_id = t.id AND tr.year = $3
    WHERE t.region_code BETWEEN $1 AND $2
    GROUP BY t.id
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
