import { chinaToday } from '@mingshi/graphql';
import type { Random } from './random';

/**
 * The day the generated data is as of. Demo data describes the present — studios working this
 * year, this year's training hours — so it is planned back from today in China, the day the API
 * measures "not in the future" by (chinaToday). The same day always yields the same rows.
 */
export interface SeedCalendar {
  /** The last day records may carry: activities, outcomes and status changes record the past. */
  today: string;
  /** Today's year: ages of service, ranks, titles and training hours are as of it. */
  year: number;
}

export function seedCalendar(today: string = chinaToday()): SeedCalendar {
  return { today, year: Number(today.slice(0, 4)) };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Days as UTC milliseconds and back, remembered: a province's plans do date arithmetic some ten
 * million times over a few thousand distinct days, and parsing and formatting dates was a tenth
 * of the generator's time.
 */
const dayMs = new Map<string, number>();
const dayOfMs = new Map<number, string>();

function msOf(day: string): number {
  let ms = dayMs.get(day);
  if (ms === undefined) dayMs.set(day, (ms = Date.parse(`${day}T00:00:00Z`)));
  return ms;
}

function dayOf(ms: number): string {
  let day = dayOfMs.get(ms);
  if (day === undefined) dayOfMs.set(ms, (day = new Date(ms).toISOString().slice(0, 10)));
  return day;
}

/** `YYYY-MM-DD` of the day `days` after `start` (UTC, so no time zone shifts a date). */
export function addDays(start: string, days: number): string {
  return dayOf(msOf(start) + days * DAY_MS);
}

/** Days from `start` to `end`, both `YYYY-MM-DD`. */
export function daysBetween(start: string, end: string): number {
  return Math.round((msOf(end) - msOf(start)) / DAY_MS);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A day drawn evenly from `first` to `last`, both included (`first` when they cross). */
export function dayBetween(random: Random, first: string, last: string): string {
  return addDays(first, random.int(0, Math.max(0, daysBetween(first, last))));
}

/** The earlier of two `YYYY-MM-DD` days (they compare as strings). */
export function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

/** The later of two `YYYY-MM-DD` days. */
export function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** A timestamp in China's time zone, as the API writes them: `2024-03-05 10:00:00+08`. */
export function chinaTime(day: string, time = '10:00'): string {
  return `${day} ${time}:00+08`;
}
