import type { FieldBase } from './fuzz-cases';
import type { TokenRequest } from './system';

/**
 * A valid call of each personnel statistics root field, as the office of the fuzz county: every
 * filter field set (each is a slot the fuzzer mutates around otherwise valid values), a year and a
 * grouping that fits well under the bound. They need nothing planted: figures over nothing are zeros.
 */
export function personnelStatsBases(office: TokenRequest): Record<string, () => FieldBase> {
  return {
    teacherStats: () => ({
      caller: office,
      args: {
        filter: {
          regionCode: office.region,
          subject: 'MATHEMATICS',
          stage: 'PRIMARY',
          rank: 'FIRST_GRADE',
          talentTitle: 'BACKBONE_TEACHER',
          talentTitleLevel: 'COUNTY',
          nameContains: '教师',
          meetsHoursRequirement: false,
          year: 2024,
          bornFrom: '1970-01-01',
          bornTo: '2000-12-31',
        },
        year: 2024,
        groupBy: ['SCHOOL', 'MEETS_HOURS_REQUIREMENT'],
      },
    }),
  };
}
