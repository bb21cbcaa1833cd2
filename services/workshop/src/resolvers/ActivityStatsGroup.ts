import type { ActivityStatsGroupResolvers } from '../generated/resolvers-types';
import { groupStudio } from '../services/stats-grouping';

export const ActivityStatsGroup: ActivityStatsGroupResolvers = {
  workshop: (group, _args, ctx) => groupStudio(group, ctx),
};
