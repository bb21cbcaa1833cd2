import type { ActivityType } from '../generated/resolvers-types';

/**
 * What makes a studio activity (研修活动) recordable. Each check returns why a value cannot be
 * recorded, or null when it can; the service turns a reason into a refusal naming the field.
 */

/** Hours credited to each participant. A day of training is about 8; 100 covers a long 跟岗研修. */
export const MAX_ACTIVITY_HOURS = 100;

/** Participants of one activity: a large county-wide 主题教研 or 直播 audience stays below this. */
export const MAX_PARTICIPANTS = 500;

/** Materials published with one activity; more belongs in a resource library, not an activity. */
export const MAX_RESOURCES = 50;

export const MAX_URL_LENGTH = 2000;

export function activityHoursProblem(hours: number): string | null {
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_ACTIVITY_HOURS) {
    return `must be between 0 and ${MAX_ACTIVITY_HOURS}`;
  }
  // Compared with a tolerance: 0.1 * 3 is not exactly 0.3 in floating point.
  if (Math.abs(hours * 10 - Math.round(hours * 10)) > 1e-9) return 'may have at most one decimal';
  return null;
}

/** Hours as stored: numeric(4, 1), so 2.5 stays 2.5 and 0.30000000000000004 becomes 0.3. */
export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10;
}

/** Only web links a front end can open: no javascript:, data: or file: URLs in published material. */
export function resourceUrlProblem(url: string): string | null {
  if (url.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http(s) URL';
  if (!parsed.hostname) return 'must name a host';
  return null;
}

/** A target school belongs to outreach (送教下乡) and to nothing else. */
export function targetSchoolProblem(
  type: ActivityType,
  targetSchoolId: string | null | undefined,
): string | null {
  if (type === 'OUTREACH' && !targetSchoolId) return 'is required for an OUTREACH (送教下乡) activity';
  if (type !== 'OUTREACH' && targetSchoolId) return 'is only for OUTREACH (送教下乡) activities';
  return null;
}

export function viewCountProblem(views: number): string | null {
  return Number.isInteger(views) && views >= 0 ? null : 'must be a whole number, 0 or more';
}

/** Views are a running total read from the publishing platform: they never go down. */
export function viewsWouldShrink(next: number, current: number): boolean {
  return next < current;
}
