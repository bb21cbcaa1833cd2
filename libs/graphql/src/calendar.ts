/**
 * The bureaus' calendar. Every date this service stores is a calendar day in China (UTC+8, no
 * daylight saving). "Not in the future" must use that day: an activity held at 7 a.m. in Sichuan
 * is today's, while UTC is still on yesterday and would refuse it as a future date.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today in China, written YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The same calendar day `years` later (29 February becomes 1 March in a common year). */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // Built on a leap year, then moved: Date.UTC would read years 0–99 as 1900–1999.
  const moved = new Date(Date.UTC(2000, month - 1, day));
  moved.setUTCFullYear(year + years);
  return moved.toISOString().slice(0, 10);
}

/** The calendar day `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const moved = new Date(0);
  moved.setUTCFullYear(year, month - 1, day + days);
  return moved.toISOString().slice(0, 10);
}
