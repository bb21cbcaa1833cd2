import type { SectionService } from '@mingshi/reports';
import type { ReportStatus, SectionState } from '../entities';
import type { FlowState } from '../services/report-flow';

export interface JobProgress {
  status: ReportStatus;
  progress: number;
  sections: SectionState[];
  error: string | null;
}

/** A BullMQ job state as a report status. A job waiting for a retry is still QUEUED. */
function statusOf(state: string): ReportStatus {
  if (state === 'completed') return 'SUCCEEDED';
  if (state === 'failed') return 'FAILED';
  if (state === 'active') return 'RUNNING';
  return 'QUEUED';
}

/**
 * What a report's flow amounts to. The report succeeds only when its assembly does — and the
 * assembly runs only once every section has (BullMQ holds a parent until all children are done;
 * a child that fails for good fails the parent), so a partial report never shows as complete.
 */
export function jobProgress(services: readonly SectionService[], flow: FlowState): JobProgress {
  const sections: SectionState[] = services.map((service) => {
    const found = flow.sections[service];
    if (!found) return { service, status: 'QUEUED', progress: 0, rows: null, error: null };
    const status = statusOf(found.state);
    const retrying = status === 'QUEUED' && found.attemptsMade > 0 && found.failedReason;
    return {
      service,
      status,
      progress: status === 'SUCCEEDED' ? 100 : Math.round(found.progress),
      rows: found.rows,
      error:
        status === 'FAILED'
          ? `${found.failedReason ?? 'failed'} (after ${found.attemptsMade} attempts)`
          : retrying
            ? `attempt ${found.attemptsMade} failed, retrying: ${found.failedReason}`
            : null,
    };
  });
  const sectionShare = sections.reduce((sum, s) => sum + s.progress, 0) / Math.max(1, sections.length);
  const assembly = flow.assembly;
  if (!assembly) {
    return {
      status: 'FAILED',
      progress: Math.round(sectionShare * 0.9),
      sections,
      error: 'The report’s queued work was lost (its jobs are no longer on the queues); request it again',
    };
  }
  const assemblyStatus = statusOf(assembly.state);
  if (assemblyStatus === 'SUCCEEDED') return { status: 'SUCCEEDED', progress: 100, sections, error: null };
  if (assemblyStatus === 'FAILED') {
    const failed = sections.find((s) => s.status === 'FAILED');
    return {
      status: 'FAILED',
      progress: Math.round(sectionShare * 0.9),
      sections,
      error: failed
        ? `The ${failed.service} section failed: ${failed.error}`
        : `Rendering the report failed: ${assembly.failedReason ?? 'unknown reason'} (after ${assembly.attemptsMade} attempts)`,
    };
  }
  const started = assemblyStatus === 'RUNNING' || sections.some((s) => s.status !== 'QUEUED');
  return {
    status: started ? 'RUNNING' : 'QUEUED',
    progress: Math.min(99, Math.round(sectionShare * 0.9) + (assemblyStatus === 'RUNNING' ? 5 : 0)),
    sections,
    error: null,
  };
}
