import type { RegionSelection } from './regions';

export const SCALE_NAMES = ['demo', 'county', 'city', 'province'] as const;
export type Scale = (typeof SCALE_NAMES)[number];

/** How much data a scale generates; every count varies per county and school around these means. */
export interface ScaleSpec {
  regions: readonly RegionSelection[];
  schoolsPerCounty: number;
  teachersPerSchool: number;
}

export const SCALES: Record<Scale, ScaleSpec> = {
  /** The regions the users' own documents come from, a few schools each: for `npm start`. */
  demo: {
    regions: [
      { code: '510403' }, // 攀枝花市西区
      { code: '350700' }, // 南平市
      { code: '530181' }, // 安宁市
      { code: '530800' }, // 普洱市
      { code: '520000', counties: 3 }, // 贵州省
    ],
    schoolsPerCounty: 4,
    teachersPerSchool: 15,
  },
  /** One county bureau's jurisdiction: about 60 schools and 3,000 teachers. */
  county: { regions: [{ code: '510403' }], schoolsPerCounty: 60, teachersPerSchool: 50 },
  /** One city: 普洱市, about 1,000 schools and 40,000 teachers. */
  city: { regions: [{ code: '530800' }], schoolsPerCounty: 100, teachersPerSchool: 40 },
  /** One province: 贵州省, about 10,000 schools and 400,000 teachers. */
  province: { regions: [{ code: '520000' }], schoolsPerCounty: 112, teachersPerSchool: 40 },
};

/**
 * The region each scale is built around, its first: the only one for county, city and province;
 * for demo, the county whose bureau `npm start`'s first sample token acts for.
 */
export const SCALE_REGIONS = Object.fromEntries(
  SCALE_NAMES.map((scale) => [scale, SCALES[scale].regions[0]!.code]),
) as Record<Scale, string>;

export function isScale(value: string): value is Scale {
  return (SCALE_NAMES as readonly string[]).includes(value);
}
