import type { ActivityResolvers } from '../generated/resolvers-types';

export const Activity: ActivityResolvers = {
  workshop: async (activity, _args, ctx) => (await ctx.loaders.workshop.load(activity.workshopId))!,
  targetSchool: (activity) => (activity.targetSchoolId ? { id: activity.targetSchoolId } : null),
  participants: async (activity, _args, ctx) =>
    (await ctx.loaders.participants.load(activity.id)).map((p) => ({ id: p.teacherId })),
  participantCount: async (activity, _args, ctx) => (await ctx.loaders.participants.load(activity.id)).length,
};
