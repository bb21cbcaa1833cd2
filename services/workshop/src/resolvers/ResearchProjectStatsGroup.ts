import type { ResearchProjectStatsGroupResolvers } from '../generated/resolvers-types';
import { groupStudio } from '../services/stats-grouping';

export const ResearchProjectStatsGroup: ResearchProjectStatsGroupResolvers = {
  workshop: (group, _args, ctx) => groupStudio(group, ctx),
};
