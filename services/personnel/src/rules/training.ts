/** The yearly continuing-education requirement most provinces set (≥72 h); configurable. */
export const DEFAULT_REQUIRED_TRAINING_HOURS = 72;

/** A single record beyond this is almost certainly a typo (a whole year is ~2000 working hours). */
export const MAX_HOURS_PER_RECORD = 500;

/** Why an hours value cannot be recorded, or null when it can. */
export function hoursProblem(hours: number): string | null {
  if (!Number.isFinite(hours) || hours <= 0) return 'must be greater than 0';
  if (hours > MAX_HOURS_PER_RECORD) return `must be at most ${MAX_HOURS_PER_RECORD}`;
  if (Math.round(hours * 10) !== hours * 10) return 'may have at most one decimal';
  return null;
}

/** Sums hours in tenths so that 0.1 + 0.2 reports 0.3, not 0.30000000000000004. */
export function sumHours(values: number[]): number {
  return values.reduce((tenths, value) => tenths + Math.round(value * 10), 0) / 10;
}

export function meetsRequirement(hours: number, required: number): boolean {
  return hours >= required;
}

/**
 * `meetsRequirement` as SQL, for filters and aggregates over many teachers at once: `hours` and
 * `required` are SQL expressions (a sum of numeric(5,1) hours, a numeric parameter). Beside its
 * JavaScript twin so that the two are read, and changed, together.
 */
export function meetsRequirementSql(hours: string, required: string): string {
  return `((${hours}) >= (${required}))`;
}
