import type { ActivityStatsGroupResolvers } from '../generated/resolvers-types';

export const ActivityStatsGroup: ActivityStatsGroupResolvers = {
  /** Grouped studios were founded in the caller's scope, so they are visible; loaded per request. */
  workshop: (group, _args, ctx) => (group.workshop ? ctx.loaders.workshop.load(group.workshop) : null),
};
