import type { FundStatsGroupResolvers, RegionResolvers } from '../generated/resolvers-types';
import { regionFundStats } from '../services/fund-stats.service';

export const Region: RegionResolvers = {
  // Regions are public reference data: their code is all finance needs to count a region's money.
  __resolveReference: (ref) => ({ code: ref.code }),
  fundStats: (region, { filter, groupBy }, ctx) => regionFundStats(ctx, region.code, filter, groupBy),
};

export const FundStatsGroup: FundStatsGroupResolvers = {
  city: (g) => (g.cityCode ? { code: g.cityCode } : null),
  county: (g) => (g.countyCode ? { code: g.countyCode } : null),
  workshop: (g) => (g.workshopId ? { id: g.workshopId } : null),
};
