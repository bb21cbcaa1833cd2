import { Role, hasRole, isOffice } from '@mingshi/auth';
import type { SectionJobData } from '@mingshi/reports';
import type { PersonalField } from '../services/personal-data.service';
import type { PersonnelSectionContext } from './context';

/**
 * Whether a report shows national IDs and phones unmasked. An office sees unmasked every teacher
 * its scope covers (rules/permissions canSeePersonalData) and a section reads nothing outside the
 * requester's scope, so an office's unmasked report shows all its rows unmasked. Everyone else (an
 * analyst, whatever else they hold; a school administrator or teacher, who may see a few rows
 * only) gets a masked report: what is shown, and so audited, is decided once per report. The audit
 * rows are written in the section's own transaction, so such a section runs on the primary
 * (SectionWorker's `needsPrimary`); every other one may read from the replicas.
 */
export function showsPersonalData(report: Pick<SectionJobData, 'request' | 'requester'>): boolean {
  return !report.request.masked && isOffice(report.requester) && !hasRole(report.requester, Role.ANALYST);
}

/** The request id a report's audit rows carry: the report, so what it showed can be traced to it. */
export function reportRequestId(reportId: string): string {
  return `report:${reportId}`;
}

/**
 * Records, as personal-data.service records an unmasked read, one read of `field` for every
 * teacher that `teacherIds` (a SELECT of `teacher_id`, taking `params`) names: one INSERT … SELECT
 * in the section's transaction and snapshot, so the rows audited are exactly the rows shown, and a
 * report whose reads could not be logged is never written.
 */
export async function auditReportReads(
  ctx: PersonnelSectionContext,
  field: PersonalField,
  teacherIds: string,
  params: unknown[],
): Promise<void> {
  const next = params.length;
  await ctx.manager.query(
    `INSERT INTO personnel.personal_data_access (teacher_id, field, actor_id, actor_roles, request_id)
     SELECT ids.teacher_id, $${next + 1}, $${next + 2}, $${next + 3}::text[], $${next + 4}
     FROM (${teacherIds}) AS ids`,
    [...params, field, ctx.requester.userId, ctx.requester.roles, reportRequestId(ctx.reportId)],
  );
}
