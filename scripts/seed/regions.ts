import type { ClientBase } from 'pg';
import { regionRange } from '@mingshi/auth';

/** A county-level region (区/县/县级市): schools are registered only at this level. */
export interface County {
  code: string;
  name: string;
  /** The city (市/州) above it, or null for a county directly under its province. */
  cityCode: string | null;
  provinceCode: string;
}

/** A region to seed: all its counties, or an evenly spread sample of `counties` of them. */
export interface RegionSelection {
  code: string;
  counties?: number;
}

/**
 * The counties of the selected regions, from personnel.region (loaded by its migration), in code
 * order so that every run sees them in the same order.
 */
export async function loadCounties(
  client: ClientBase,
  selections: readonly RegionSelection[],
): Promise<County[]> {
  const counties: County[] = [];
  for (const selection of selections) {
    const { lo, hi } = regionRange(selection.code);
    const { rows } = await client.query<{
      code: string;
      name: string;
      parent_code: string;
      parent_level: string;
    }>(
      `SELECT county.code, county.name, parent.code AS parent_code, parent.level AS parent_level
         FROM personnel.region county JOIN personnel.region parent ON parent.code = county.parent_code
        WHERE county.level = 'COUNTY' AND county.code BETWEEN $1 AND $2
        ORDER BY county.code`,
      [lo, hi],
    );
    if (rows.length === 0) {
      throw new Error(
        `No counties under region ${selection.code}: is the database migrated (npm run migrate)?`,
      );
    }
    const chosen = selection.counties ? spread(rows, selection.counties) : rows;
    counties.push(
      ...chosen.map((row) => ({
        code: row.code,
        name: row.name,
        cityCode: row.parent_level === 'CITY' ? row.parent_code : null,
        provinceCode: `${row.code.slice(0, 2)}0000`,
      })),
    );
  }
  return counties;
}

/** `count` items spread evenly over the list, so a sample is not all from its first city. */
function spread<T>(items: readonly T[], count: number): T[] {
  const n = Math.min(count, items.length);
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}
