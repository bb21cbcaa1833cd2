import { chinaToday } from '@mingshi/graphql';
import type { Random } from './random';

/**
 * The year the generated data describes. Fixed rather than taken from the clock, so the same
 * scale yields the same rows in any year; ages, ranks, titles and training hours are as of it.
 */
export const DATA_YEAR = 2025;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The last day generated records may carry: the data year's last day, or today in China if the
 * seed runs before it ends. Activities, outcomes and status changes record what happened, and the
 * API refuses dates after China's calendar day (chinaToday), not after UTC's.
 */
export function lastRecordedDay(today: string = chinaToday()): string {
  const yearEnd = isoDate(DATA_YEAR, 12, 31);
  return today < yearEnd ? today : yearEnd;
}

/** `YYYY-MM-DD` of the day `days` after `start` (UTC, so no time zone shifts a date). */
export function addDays(start: string, days: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `start` to `end`, both `YYYY-MM-DD`. */
export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS);
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
