import type { TeacherBelowRow } from '@mingshi/reports';
import { maskNationalId } from '../rules/contact';
import type { PersonnelSectionContext } from './context';
import { auditReportReads, showsPersonalData } from './personal-data';
import { BELOW_REQUIREMENT, TEACHER_YEAR, hoursOf, teacherYearParams } from './teacher-year';

interface SchoolHoursQueryRow {
  schoolId: string;
  schoolName: string;
  regionCode: string;
  teachers: number;
  teachersBelow: number;
  trainingHours: string;
}

/** `schoolHours`: each school of the range, streamed (a province has thousands). */
export async function emitSchoolHours(ctx: PersonnelSectionContext, requiredHours: number): Promise<void> {
  const rows = ctx.stream<SchoolHoursQueryRow>(
    `WITH ${TEACHER_YEAR}
     SELECT s.id AS "schoolId", s.name AS "schoolName", s.region_code AS "regionCode",
            count(ty.id)::int AS teachers,
            count(ty.id) FILTER (WHERE ${BELOW_REQUIREMENT})::int AS "teachersBelow",
            COALESCE(sum(ty.hours), 0)::text AS "trainingHours"
     FROM personnel.school s
     LEFT JOIN teacher_year ty ON ty.school_id = s.id
     WHERE s.region_code BETWEEN $1 AND $2
     GROUP BY s.id
     ORDER BY s.region_code, s.name, s.id`,
    teacherYearParams(ctx, requiredHours),
  );
  for await (const { trainingHours, ...row } of rows) {
    await ctx.emit('schoolHours', {
      ...row,
      belowShare: row.teachers > 0 ? row.teachersBelow / row.teachers : null,
      trainingHours: hoursOf(trainingHours),
    });
  }
}

/** A `teachersBelow` row as PostgreSQL answers it: its numeric sums as strings. */
type TeacherBelowQueryRow = Omit<TeacherBelowRow, 'hours' | 'shortfall'> & {
  hours: string;
  shortfall: string;
};

const TEACHERS_BELOW = `WITH ${TEACHER_YEAR} SELECT ty.id AS teacher_id FROM teacher_year ty WHERE ${BELOW_REQUIREMENT}`;

/**
 * `teachersBelow`: every teacher of the range below the requirement, streamed through a cursor.
 * Unmasked national IDs are audited first, in the same snapshot as the list, so the audit names
 * exactly the teachers the file shows.
 */
export async function emitTeachersBelow(ctx: PersonnelSectionContext, requiredHours: number): Promise<void> {
  const params = teacherYearParams(ctx, requiredHours);
  const shown = showsPersonalData(ctx);
  if (shown) await auditReportReads(ctx, 'nationalId', TEACHERS_BELOW, params);
  const rows = ctx.stream<TeacherBelowQueryRow>(
    `WITH ${TEACHER_YEAR}
     SELECT t.id AS "teacherId", t.name, t.gender, t.school_id AS "schoolId", s.name AS "schoolName",
            t.region_code AS "regionCode", t.subject,
            ty.hours::text AS hours, ($4::numeric - ty.hours)::text AS shortfall,
            t.national_id AS "nationalId"
     FROM teacher_year ty
     JOIN personnel.teacher t ON t.id = ty.id
     JOIN personnel.school s ON s.id = t.school_id
     WHERE ${BELOW_REQUIREMENT}
     ORDER BY t.region_code, s.name, s.id, t.name, t.id`,
    params,
  );
  for await (const { hours, shortfall, nationalId, ...row } of rows) {
    await ctx.emit('teachersBelow', {
      ...row,
      hours: hoursOf(hours),
      shortfall: hoursOf(shortfall),
      nationalId: shown ? nationalId : maskNationalId(nationalId),
    });
  }
}
