/**
 * Completion certificates (结业证书): what may be certified and how they are numbered.
 */

/** One certificate's hours; a whole three-year cycle of studio training rarely exceeds this. */
export const MAX_CERTIFICATE_HOURS = 200;

/** Studios whose trainees can complete: running, rectifying, or just concluded. */
export const CERTIFYING_STATUSES = ['ACTIVE', 'RECTIFYING', 'CONCLUDED'] as const;

export function certificateHoursProblem(hours: number): string | null {
  if (!Number.isFinite(hours) || hours <= 0) return 'must be greater than 0';
  if (hours > MAX_CERTIFICATE_HOURS) return `must be at most ${MAX_CERTIFICATE_HOURS}`;
  if (Math.round(hours * 10) !== hours * 10) return 'may have at most one decimal';
  return null;
}

/** The hours count towards a year of the cycle, or the year after it ends (issued late). */
export function certificateYearProblem(year: number, cycleStartYear: number): string | null {
  const last = cycleStartYear + 3;
  return Number.isInteger(year) && year >= cycleStartYear && year <= last
    ? null
    : `must be between ${cycleStartYear} and ${last} (the studio's cycle)`;
}

/**
 * A trainee completed the cycle when their membership is still open, or ended no earlier than the
 * cycle's last year (ended by the studio concluding, not by leaving early).
 */
export function completedCycle(membership: { leftOn: string | null }, cycleStartYear: number): boolean {
  return membership.leftOn === null || Number(membership.leftOn.slice(0, 4)) >= cycleStartYear + 2;
}

/** 510403-2024-0007: the issuing jurisdiction, the cycle's first year, a sequence per pair. */
export function certificateNumber(regionCode: string, cycleStartYear: number, sequence: number): string {
  return `${regionCode}-${cycleStartYear}-${String(sequence).padStart(4, '0')}`;
}
