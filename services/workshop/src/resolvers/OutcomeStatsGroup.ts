import type { OutcomeStatsGroupResolvers } from '../generated/resolvers-types';
import { groupStudio } from '../services/stats-grouping';

export const OutcomeStatsGroup: OutcomeStatsGroupResolvers = {
  workshop: (group, _args, ctx) => groupStudio(group, ctx),
};
