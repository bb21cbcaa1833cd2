import type { SectionContext, WorkshopDatasets } from '@mingshi/reports';
import { membershipOpenDuring } from '../services/metrics-sql';
import { placesSql } from './annual-summary.section';
import { coveredStudios } from './covered-studios';
import { emitRows } from './emit-rows';
import { emitStudios } from './studio-entries';

/**
 * STUDIO_ROSTER as of the year: the studios, every place open on any day of it, and each studio's
 * count of them. Only ids: the personnel section, which runs after this one, reads `memberships`
 * to name the teachers.
 */
export async function studioRosterSection(ctx: SectionContext<WorkshopDatasets>): Promise<void> {
  const covered = coveredStudios(ctx);
  await emitStudios(ctx, covered);
  await ctx.progress(30);
  await emitRows(
    ctx,
    'memberships',
    `WITH s AS (${covered.studios})
     SELECT m.workshop_id AS "workshopId", m.teacher_id AS "teacherId", m.role,
            to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn", to_char(m.left_on, 'YYYY-MM-DD') AS "leftOn"
       FROM workshop.membership m JOIN s ON s.id = m.workshop_id
      WHERE ${membershipOpenDuring('m', covered.period)}
      ORDER BY s.region_code, s.name, s.id,
               CASE m.role WHEN 'HOST' THEN 0 WHEN 'MEMBER' THEN 1 ELSE 2 END, m.joined_on, m.teacher_id`,
    covered.params,
    [],
  );
  await ctx.progress(80);
  await emitRows(
    ctx,
    'headcounts',
    `WITH s AS (${covered.studios}), places AS (${placesSql(covered)})
     SELECT s.id AS "workshopId", coalesce(p.hosts, 0) AS hosts, coalesce(p.members, 0) AS members,
            coalesce(p.trainees, 0) AS trainees
       FROM s LEFT JOIN places p ON p.workshop_id = s.id
      ORDER BY s.region_code, s.name, s.id`,
    covered.params,
    ['hosts', 'members', 'trainees'],
  );
  await ctx.progress(100);
}
