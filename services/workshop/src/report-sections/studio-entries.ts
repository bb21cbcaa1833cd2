import type { SectionContext, WorkshopDatasets } from '@mingshi/reports';
import { membershipOpenDuring } from '../services/metrics-sql';
import type { CoveredStudios } from './covered-studios';
import { emitRows } from './emit-rows';

/**
 * The `studios` directory (StudioEntry) of the covered studios, streamed: the rows the other
 * sections' chapters name studios by. The host is the one in office during the year — the latest
 * to have joined, if it changed hands — so a studio revoked mid-year, whose places were closed,
 * still names the host who led it. Status is the studio's status now.
 */
export async function emitStudios(
  ctx: SectionContext<WorkshopDatasets>,
  covered: CoveredStudios,
): Promise<void> {
  await emitRows(
    ctx,
    'studios',
    `WITH s AS (${covered.studios})
     SELECT s.id, s.name, s.region_code AS "regionCode", s.level, s.type, s.status, s.subject, s.stage,
            s.cycle_start_year AS "cycleStartYear", h.teacher_id AS "hostTeacherId",
            s.host_school_id AS "hostSchoolId"
       FROM s
       LEFT JOIN LATERAL (
         SELECT m.teacher_id FROM workshop.membership m
          WHERE m.workshop_id = s.id AND m.role = 'HOST' AND ${membershipOpenDuring('m', covered.period)}
          ORDER BY m.joined_on DESC, m.left_on DESC NULLS FIRST
          LIMIT 1
       ) h ON true
      ORDER BY s.region_code, s.name, s.id`,
    covered.params,
    ['cycleStartYear'],
  );
}
