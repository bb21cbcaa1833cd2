import type { FieldBase } from './fuzz-cases';
import type { TokenRequest } from './system';

/**
 * A valid call of each grouped aggregate of money and grades, as the office the other base calls
 * act as, over its own county: every argument filled in, so each one can be fuzzed. They read the
 * targets' money and results but need none of their ids.
 */
export function moneyStatsBases(office: TokenRequest): Record<string, () => FieldBase> {
  const years = { regionCode: office.region, fromYear: 2024, toYear: 2025 };
  return {
    fundStats: () => ({
      caller: office,
      args: {
        filter: { ...years, level: 'COUNTY', type: 'TEACHER', sourceLevel: 'COUNTY' },
        groupBy: ['COUNTY', 'SOURCE_LEVEL', 'CATEGORY'],
      },
    }),
    gradeStats: () => ({
      caller: office,
      args: {
        filter: { ...years, kind: 'ANNUAL', level: 'COUNTY', type: 'TEACHER' },
        groupBy: ['YEAR', 'GRADE'],
      },
    }),
  };
}
