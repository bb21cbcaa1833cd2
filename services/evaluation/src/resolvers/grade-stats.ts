import type { GradeStatsGroupResolvers, RegionResolvers } from '../generated/resolvers-types';
import { regionGradeStats } from '../services/grade-stats.service';

export const Region: RegionResolvers = {
  // Regions are public reference data: their code is all evaluation needs to count a region's results.
  __resolveReference: (ref) => ({ code: ref.code }),
  gradeStats: (region, { filter, groupBy }, ctx) => regionGradeStats(ctx, region.code, filter, groupBy),
};

export const GradeStatsGroup: GradeStatsGroupResolvers = {
  city: (g) => (g.cityCode ? { code: g.cityCode } : null),
  county: (g) => (g.countyCode ? { code: g.countyCode } : null),
};
