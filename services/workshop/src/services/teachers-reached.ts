import type { SqlParameters } from '@mingshi/db';
import { reachPeriod } from '../rules/reach-period';

/**
 * Distinct teachers reached (teachersReached) for one period shared by every group, counted from
 * the per-year roll-up `workshop.participation_year` (migration 1733040000000) for the period's
 * whole months and from the participations for the days at its ends that make no whole month
 * (rules/reach-period.ts). A province's year is then a hash of 255k roll-up rows rather than of
 * its 1.16 million participations. Exact: both sources hold the same teachers per studio and
 * month, and every group counts each teacher once whichever source named them.
 */

/**
 * What a group of distinct teachers is told apart by, besides its key: something of the studio
 * (SQL over the covered studios' alias: its city, level …), or the year or calendar month of the
 * participation (answered as the year, or year × 100 + month, as stats-grouping.ts's dimensions).
 */
export type ReachDimension = { of: 'studio'; sql: string } | { of: 'year' } | { of: 'month' };

export interface ReachQuestion {
  /** The covered studios: their alias in the statement, and the SQL of their id. */
  studios: { alias: string; id: string };
  /** The group key every row carries (the range `k`, a metrics group `g`), answered as `column`. */
  key: { sql: string; column: string };
  /** Answered as d0, d1 … in this order. */
  dimensions: readonly ReachDimension[];
  /** The period, both ends included, as ISO days. */
  from: string;
  to: string;
  params: SqlParameters;
}

/** A SELECT of (key, d0 …, teachers_reached): the distinct teachers of each group. */
export function teachersReachedSql(question: ReachQuestion): string {
  const { key, dimensions } = question;
  const byMonth = dimensions.some((d) => d.of === 'month');
  const byYear = byMonth || dimensions.some((d) => d.of === 'year');
  const perTeacher = [
    key.column,
    ...dimensions.flatMap((d, i) => (d.of === 'studio' ? [`d${i}`] : [])),
    ...(byYear ? ['year'] : []),
    'teacher_id',
  ];
  const answered = dimensions.map((d, i) =>
    d.of === 'studio' ? `t.d${i}` : d.of === 'year' ? 't.year' : 't.year * 100 + m.month',
  );
  const perTeacherSql = `
    SELECT ${perTeacher.join(', ')}${byMonth ? ', bit_or(months) AS months' : ''}
      FROM (${participationRows(question).join(' UNION ALL ')}) u
     GROUP BY ${perTeacher.join(', ')}`;
  const groups = [`t.${key.column}`, ...answered].join(', ');
  const select = `t.${key.column}, ${answered.map((sql, i) => `${sql} AS d${i}, `).join('')}`;
  if (!byMonth) {
    return `SELECT ${select}count(*) AS teachers_reached FROM (${perTeacherSql}) t GROUP BY ${groups}`;
  }
  // A teacher counts in each month of their year's mask. Teachers are counted per mask first —
  // at most 4,095 of them in a group's year — so only those rows are expanded into months.
  const perMask = perTeacher.filter((column) => column !== 'teacher_id');
  return `
    SELECT ${select}sum(t.teachers) AS teachers_reached
      FROM (SELECT ${perMask.join(', ')}, months, count(*) AS teachers
              FROM (${perTeacherSql}) t
             GROUP BY ${perMask.join(', ')}, months) t
      JOIN generate_series(1, 12) AS m(month) ON t.months & (1 << (m.month - 1)) <> 0
     GROUP BY ${groups}`;
}

/**
 * One SELECT per source of (key, studio dimensions, teacher_id, year, months): the roll-up's rows
 * of each year with whole months, masked to those months, and the participations of the days
 * that make no whole month, each with its month's bit.
 */
function participationRows({ studios, key, dimensions, from, to, params }: ReachQuestion): string[] {
  const carried = (own: string) =>
    [
      `${key.sql} AS ${key.column}`,
      ...dimensions.flatMap((d, i) => (d.of === 'studio' ? [`${d.sql} AS d${i}`] : [])),
      own,
    ].join(', ');
  const period = reachPeriod(from, to);
  const rolledUp = period.months.map(({ year, mask }) => {
    const bits = `${params.add(mask)}::int`;
    return `SELECT ${carried(`r.teacher_id, r.year::int AS year, r.months & ${bits} AS months`)}
              FROM ${studios.alias} JOIN workshop.participation_year r
                   ON r.workshop_id = ${studios.id} AND r.year = ${params.add(year)}::smallint
                  AND r.months & ${bits} <> 0`;
  });
  const days = period.days.map(
    (part) =>
      `SELECT ${carried(`p.teacher_id, date_part('year', p.activity_date)::int AS year,
                         1 << (date_part('month', p.activity_date)::int - 1) AS months`)}
         FROM ${studios.alias} JOIN workshop.activity_participant p
              ON p.workshop_id = ${studios.id}
             AND p.activity_date BETWEEN ${params.add(part.from)}::date AND ${params.add(part.to)}::date`,
  );
  return [...rolledUp, ...days];
}
