import type { ResearchProjectStatus } from '../generated/resolvers-types';

/**
 * A research project's (课题) course: 申报 DECLARED → 立项 APPROVED → 在研 IN_PROGRESS → 结题 CONCLUDED,
 * and 终止 TERMINATED from any open step. Nothing leaves CONCLUDED or TERMINATED.
 */
const NEXT: Record<ResearchProjectStatus, readonly ResearchProjectStatus[]> = {
  DECLARED: ['APPROVED', 'TERMINATED'],
  APPROVED: ['IN_PROGRESS', 'TERMINATED'],
  IN_PROGRESS: ['CONCLUDED', 'TERMINATED'],
  CONCLUDED: [],
  TERMINATED: [],
};

/**
 * Where a project may start when it is registered: studios often register a project that was
 * approved or under way before they used this system. A project cannot be registered as already
 * ended: that skips the dates its end needs.
 */
export const INITIAL_RESEARCH_STATUSES: readonly ResearchProjectStatus[] = [
  'DECLARED',
  'APPROVED',
  'IN_PROGRESS',
];

/** Whether a project may move from one status to another (staying put is not a move). */
export function canMoveResearchProject(from: ResearchProjectStatus, to: ResearchProjectStatus): boolean {
  return NEXT[from].includes(to);
}

export function isEndedResearchStatus(status: ResearchProjectStatus): boolean {
  return NEXT[status].length === 0;
}

export interface ResearchProjectState {
  status: ResearchProjectStatus;
  startedOn: string | null;
  concludedOn: string | null;
}

/** A date that does not fit; `message` continues the field's name ("must not be in the future"). */
export interface ProjectDateProblem {
  field: 'startedOn' | 'concludedOn';
  message: string;
}

/**
 * Whether a project's dates fit its status. `startedOn` is when research began (开题), so a merely
 * declared project has none and a project in progress or concluded must have one; `concludedOn` is
 * when it ended — 结题 or 终止 — and belongs to ended projects only. Both record what happened, so
 * neither lies in the future. Metrics count a project as active from `startedOn` to `concludedOn`.
 */
export function researchProjectProblem(
  project: ResearchProjectState,
  today: string,
): ProjectDateProblem | null {
  const { status, startedOn, concludedOn } = project;
  if (startedOn && startedOn > today) return { field: 'startedOn', message: 'must not be in the future' };
  if (concludedOn && concludedOn > today) {
    return { field: 'concludedOn', message: 'must not be in the future' };
  }
  if (status === 'DECLARED' && startedOn) {
    return {
      field: 'startedOn',
      message: 'must be left empty: a DECLARED (申报) project has not started',
    };
  }
  if ((status === 'IN_PROGRESS' || status === 'CONCLUDED') && !startedOn) {
    return { field: 'startedOn', message: `is required for an ${status} project` };
  }
  if (status === 'CONCLUDED' && !concludedOn) {
    return { field: 'concludedOn', message: 'is required when a project is CONCLUDED (结题)' };
  }
  if (!isEndedResearchStatus(status) && concludedOn) {
    return { field: 'concludedOn', message: 'is only for CONCLUDED or TERMINATED projects' };
  }
  if (startedOn && concludedOn && concludedOn < startedOn) {
    return { field: 'concludedOn', message: 'must not be before startedOn' };
  }
  return null;
}

/**
 * The end date a status change records. Terminating (终止) without a date ends the project today,
 * so that metrics stop counting it as active; concluding needs the date given (结题 has a date on
 * its certificate).
 */
export function endDateAfterMove(
  current: ResearchProjectState,
  nextStatus: ResearchProjectStatus,
  given: string | null | undefined,
  today: string,
): string | null {
  if (given) return given;
  if (nextStatus === 'TERMINATED' && current.status !== 'TERMINATED') return today;
  return current.concludedOn;
}
