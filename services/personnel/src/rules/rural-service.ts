import type { RuralServiceRecord } from '../entities';

/** Months of rural service, counting open periods up to today. */
export function ruralServiceMonths(periods: RuralServiceRecord[], today = new Date()): number {
  return periods.reduce((months, period) => {
    const start = new Date(`${period.startDate}T00:00:00Z`);
    const end = period.endDate ? new Date(`${period.endDate}T00:00:00Z`) : today;
    const span =
      (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
    return months + Math.max(0, span);
  }, 0);
}
