import type { WorkshopLevel } from '../../services/workshop/src/generated/resolvers-types';
import type { RegionSelection } from './regions';

export const SCALE_NAMES = ['demo', 'county', 'city', 'province'] as const;
export type Scale = (typeof SCALE_NAMES)[number];

/** How much data a scale generates; every count varies per county and school around these means. */
export interface ScaleSpec {
  regions: readonly RegionSelection[];
  schoolsPerCounty: number;
  teachersPerSchool: number;
  /**
   * One studio of each level per so many teachers of its jurisdiction, at least one: county studios
   * in every county, city and province studios where the scale covers a whole city or province.
   */
  teachersPerStudio: Record<WorkshopLevel, number>;
}

/**
 * One county studio per 150 teachers (about 30 in a province's average county), one city studio
 * per 1,500 and one province studio per 8,000: mostly county studios, as in the provinces' lists.
 */
const STUDIO_DENSITY: Record<WorkshopLevel, number> = { COUNTY: 150, CITY: 1500, PROVINCE: 8000 };

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
    // A few studios per demo county, city and province, so that every sample caller sees some.
    teachersPerStudio: { COUNTY: 30, CITY: 200, PROVINCE: 60 },
  },
  /** One county bureau's jurisdiction: about 60 schools, 3,000 teachers and 20 studios. */
  county: {
    regions: [{ code: '510403' }],
    schoolsPerCounty: 60,
    teachersPerSchool: 50,
    teachersPerStudio: STUDIO_DENSITY,
  },
  /** One city: 普洱市, about 1,000 schools, 40,000 teachers and 300 studios. */
  city: {
    regions: [{ code: '530800' }],
    schoolsPerCounty: 100,
    teachersPerSchool: 40,
    teachersPerStudio: STUDIO_DENSITY,
  },
  /** One province: 贵州省, about 10,000 schools, 400,000 teachers and 3,000 studios. */
  province: {
    regions: [{ code: '520000' }],
    schoolsPerCounty: 112,
    teachersPerSchool: 40,
    teachersPerStudio: STUDIO_DENSITY,
  },
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
