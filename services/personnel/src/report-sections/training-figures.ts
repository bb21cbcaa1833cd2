import { PROFESSIONAL_RANKS, type PersonnelFigures, type ProfessionalRank } from '@mingshi/reports';
import type { PersonnelSectionContext } from './context';
import { BELOW_REQUIREMENT, TEACHER_YEAR, hoursOf, teacherYearParams } from './teacher-year';

interface FiguresRow {
  regionCode: string | null;
  schools: number;
  teachers: number;
  ranks: Partial<Record<ProfessionalRank, number>>;
  talentTitleHolders: number;
  trainingRecords: number;
  trainingHours: string;
  teachersMeeting: number;
  teachersBelow: number;
}

/**
 * Each county of the range and the whole range in one statement: every aggregate is grouped by
 * county and, in the same pass, over everything (the empty grouping set, whose county is null).
 * Counties without schools or teachers are listed too, with zeros: a bureau's table names each.
 */
const FIGURES = `
  WITH ${TEACHER_YEAR},
  teachers AS (
    SELECT ty.region_code,
           count(*)::int AS teachers,
           count(*) FILTER (WHERE ty.titled)::int AS titled,
           sum(ty.records)::int AS records,
           sum(ty.hours)::text AS hours,
           count(*) FILTER (WHERE NOT (${BELOW_REQUIREMENT}))::int AS meeting,
           count(*) FILTER (WHERE ${BELOW_REQUIREMENT})::int AS below
    FROM teacher_year ty
    GROUP BY GROUPING SETS ((ty.region_code), ())
  ),
  ranks AS (
    SELECT region_code, jsonb_object_agg(rank, teachers) AS ranks
    FROM (
      SELECT ty.region_code, ty.rank, count(*)::int AS teachers
      FROM teacher_year ty
      GROUP BY GROUPING SETS ((ty.region_code, ty.rank), (ty.rank))
    ) by_rank
    GROUP BY region_code
  ),
  schools AS (
    SELECT s.region_code, count(*)::int AS schools
    FROM personnel.school s
    WHERE s.region_code BETWEEN $1 AND $2
    GROUP BY GROUPING SETS ((s.region_code), ())
  ),
  places AS (
    SELECT code FROM personnel.region WHERE level = 'COUNTY' AND code BETWEEN $1 AND $2
    UNION ALL
    SELECT NULL
  )
  SELECT p.code AS "regionCode",
         COALESCE(s.schools, 0) AS schools,
         COALESCE(t.teachers, 0) AS teachers,
         COALESCE(r.ranks, '{}') AS ranks,
         COALESCE(t.titled, 0) AS "talentTitleHolders",
         COALESCE(t.records, 0) AS "trainingRecords",
         COALESCE(t.hours, '0') AS "trainingHours",
         COALESCE(t.meeting, 0) AS "teachersMeeting",
         COALESCE(t.below, 0) AS "teachersBelow"
  FROM places p
  LEFT JOIN teachers t ON t.region_code IS NOT DISTINCT FROM p.code
  LEFT JOIN ranks r ON r.region_code IS NOT DISTINCT FROM p.code
  LEFT JOIN schools s ON s.region_code IS NOT DISTINCT FROM p.code
  ORDER BY p.code NULLS LAST`;

const NO_RANKS = Object.fromEntries(PROFESSIONAL_RANKS.map((rank) => [rank, 0])) as Record<
  ProfessionalRank,
  number
>;

/** `counties` and `totals`: teachers, titles and the year's continuing education of the range. */
export async function emitTrainingFigures(
  ctx: PersonnelSectionContext,
  requiredHours: number,
): Promise<void> {
  const rows: FiguresRow[] = await ctx.manager.query(FIGURES, teacherYearParams(ctx, requiredHours));
  for (const { regionCode, ranks, trainingHours, ...counts } of rows) {
    const figures: PersonnelFigures = {
      ...counts,
      ranks: { ...NO_RANKS, ...ranks },
      trainingHours: hoursOf(trainingHours),
      requiredHours,
    };
    if (regionCode === null) await ctx.emit('totals', figures);
    else await ctx.emit('counties', { regionCode, ...figures });
  }
}
