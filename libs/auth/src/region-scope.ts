/**
 * Region scope: a GB/T 2260 code names a jurisdiction, and the jurisdiction covers a contiguous
 * range of codes. 520000 (a province) covers 520000–529999, 520100 (a city) covers 520100–520199,
 * 520102 (a county) covers itself. Because the range is contiguous, every service filters in SQL
 * with `region_code BETWEEN lo AND hi` on an indexed column instead of walking a tree.
 * This is the one place that rule lives.
 */

import { quote } from '@mingshi/graphql';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export interface RegionRange {
  lo: string;
  hi: string;
}

const CODE = /^\d{6}$/;

export function isRegionCode(code: string): boolean {
  return CODE.test(code) && code !== '000000';
}

/** Why `code` is not a region code, continuing its field's name; null when it is one. */
export function regionCodeProblem(code: string): string | null {
  return isRegionCode(code) ? null : `must be a six-digit GB/T 2260 region code, not ${quote(code)}`;
}

export function regionLevel(code: string): RegionLevel {
  assertRegionCode(code);
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

export function regionRange(code: string): RegionRange {
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return { lo: code, hi: `${code.slice(0, 2)}9999` };
    case 'CITY':
      return { lo: code, hi: `${code.slice(0, 4)}99` };
    case 'COUNTY':
      return { lo: code, hi: code };
  }
}

/** The range that admits every region: used by the system principal only. */
export const NATIONWIDE: RegionRange = { lo: '000000', hi: '999999' };

/** Whether a jurisdiction (the caller's scope) covers a region (a row's region code). */
export function covers(scopeCode: string, regionCode: string): boolean {
  if (!isRegionCode(regionCode)) return false;
  const { lo, hi } = regionRange(scopeCode);
  return regionCode >= lo && regionCode <= hi;
}

/**
 * The jurisdictions above a region: a county's city and province, a city's province. Some records
 * (studios) are visible downwards, so a county sees its city's and province's studios.
 */
export function ancestorsOf(code: string): string[] {
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return [];
    case 'CITY':
      return [`${code.slice(0, 2)}0000`];
    case 'COUNTY':
      return [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  }
}

/** Whether every region of `inner` lies inside `outer`: e.g. a city query inside a province scope. */
export function rangeWithin(inner: RegionRange, outer: RegionRange): boolean {
  return inner.lo >= outer.lo && inner.hi <= outer.hi;
}

/** The intersection of two ranges, or null when they do not overlap. */
export function intersect(a: RegionRange, b: RegionRange): RegionRange | null {
  const lo = a.lo > b.lo ? a.lo : b.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  return lo <= hi ? { lo, hi } : null;
}

/*
 * The same reading of codes in SQL, over a column holding a region code, for statements that
 * group rows by the regions above them.
 */

/** `regionLevel` in SQL. */
export function regionLevelSql(column: string): string {
  return `CASE WHEN ${column} LIKE '__0000' THEN 'PROVINCE' WHEN ${column} LIKE '____00' THEN 'CITY' ELSE 'COUNTY' END`;
}

/** The city a region lies in (520102 → 520100; a city itself); null for a province. */
export function cityOfSql(column: string): string {
  return `CASE WHEN ${column} LIKE '__0000' THEN NULL ELSE substr(${column}, 1, 4) || '00' END`;
}

/** The county itself; null for a city or a province, which lie above every county. */
export function countyOfSql(column: string): string {
  return `CASE WHEN ${column} LIKE '____00' THEN NULL ELSE ${column} END`;
}

function assertRegionCode(code: string): void {
  if (!isRegionCode(code)) throw new RangeError(`"${code}" is not a GB/T 2260 region code`);
}
