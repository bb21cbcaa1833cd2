import type { TraineeApplicationStatus } from '../generated/resolvers-types';

/**
 * The two-way selection of trainees (双向选择 → 遴选): a teacher applies; the host accepts (with a
 * rating) or declines; the management office of the studio's level confirms or rejects what the
 * host accepted; only confirmation starts a trainee membership. The applicant may withdraw until
 * the office has decided. Who may take each step is checked by the service; this module says only
 * which steps the application's status allows.
 */
export type ApplicationStep = 'ACCEPT' | 'DECLINE' | 'CONFIRM' | 'REJECT' | 'WITHDRAW' | 'CLOSE';

export interface StepRule {
  from: readonly TraineeApplicationStatus[];
  to: TraineeApplicationStatus;
}

const STEPS: Record<ApplicationStep, StepRule> = {
  ACCEPT: { from: ['PENDING'], to: 'ACCEPTED' },
  DECLINE: { from: ['PENDING'], to: 'DECLINED' },
  CONFIRM: { from: ['ACCEPTED'], to: 'CONFIRMED' },
  REJECT: { from: ['ACCEPTED'], to: 'REJECTED' },
  WITHDRAW: { from: ['PENDING', 'ACCEPTED'], to: 'WITHDRAWN' },
  /**
   * The studio was revoked or dissolved while the application waited: it ends as the office's
   * rejection (the office made the change), not as a withdrawal the applicant never made.
   */
  CLOSE: { from: ['PENDING', 'ACCEPTED'], to: 'REJECTED' },
};

/** Which statuses a step starts from and the one it leads to. */
export function stepRule(step: ApplicationStep): StepRule {
  return STEPS[step];
}

/** Applications still waiting for someone: at most one per teacher and studio. */
export const LIVE_STATUSES: readonly TraineeApplicationStatus[] = ['PENDING', 'ACCEPTED'];

export function isLive(status: TraineeApplicationStatus): boolean {
  return LIVE_STATUSES.includes(status);
}

const STATUS_WORDS: Record<TraineeApplicationStatus, string> = {
  PENDING: 'is waiting for the host',
  ACCEPTED: 'was accepted by the host and waits for the office',
  DECLINED: 'was declined by the host',
  CONFIRMED: 'was already confirmed by the office',
  REJECTED: 'was rejected by the office',
  WITHDRAWN: 'was withdrawn by the applicant',
};

const STEP_WORDS: Record<ApplicationStep, string> = {
  ACCEPT: 'accepted',
  DECLINE: 'declined',
  CONFIRM: 'confirmed',
  REJECT: 'rejected',
  WITHDRAW: 'withdrawn',
  CLOSE: 'closed',
};

export type StepResult = { ok: true; to: TraineeApplicationStatus } | { ok: false; reason: string };

/** The status an application moves to by `step`, or why it cannot. */
export function applyStep(current: TraineeApplicationStatus, step: ApplicationStep): StepResult {
  const rule = STEPS[step];
  if (rule.from.includes(current)) return { ok: true, to: rule.to };
  const needed = rule.from.join(' or ');
  return {
    ok: false,
    reason: `This application ${STATUS_WORDS[current]} (${current}); only an application that is ${needed} can be ${STEP_WORDS[step]}`,
  };
}

/**
 * The host's rating: a whole number 1–5, required when accepting and not given when declining.
 * The reason continues the field's name.
 */
export function ratingProblem(accept: boolean, rating: number | null | undefined): string | null {
  if (!accept) return rating == null ? null : 'is given only when accepting an application';
  if (rating == null) return 'is required when accepting an application';
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return 'must be a whole number from 1 to 5';
  return null;
}
