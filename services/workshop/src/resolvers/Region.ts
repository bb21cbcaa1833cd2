import { selectsField } from '@mingshi/graphql';
import type { RegionResolvers } from '../generated/resolvers-types';
import { regionActivityStats } from '../services/activity-stats.service';
import { regionMetrics } from '../services/metrics.service';
import { regionOutcomeStats } from '../services/outcome-stats.service';
import { regionResearchProjectStats } from '../services/research-project-stats.service';
import { regionWorkshopStats } from '../services/workshop-stats.service';

export const Region: RegionResolvers = {
  /** Regions are public reference data (personnel's): no lookup, the code is the region here. */
  __resolveReference: (ref) => ({ code: ref.code }),
  workshopStats: (region, { filter, groupBy }, ctx) => regionWorkshopStats(ctx, region, filter, groupBy),
  activityStats: (region, { filter, period, groupBy }, ctx, info) =>
    regionActivityStats(ctx, region, filter, period, groupBy, selectsField(info, 'teachersReached')),
  outcomeStats: (region, { filter, period, groupBy }, ctx) =>
    regionOutcomeStats(ctx, region, filter, period, groupBy),
  researchProjectStats: (region, { filter, period, groupBy }, ctx) =>
    regionResearchProjectStats(ctx, region, filter, period, groupBy),
  workshopMetrics: (region, { filter, period }, ctx, info) =>
    regionMetrics(ctx, region, filter, period, selectsField(info, 'teachersReached')),
};
