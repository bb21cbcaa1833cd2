import type { ActivityResolvers } from '../generated/resolvers-types';

export const Activity: ActivityResolvers = {
  /** Null for a record of a studio the caller may not see. */
  __resolveReference: (ref, ctx) => ctx.loaders.activity.load(ref.id),
  workshop: async (activity, _args, ctx) => (await ctx.loaders.workshop.load(activity.workshopId))!,
  targetSchool: (activity) => (activity.targetSchoolId ? { id: activity.targetSchoolId } : null),
  participants: async (activity, _args, ctx) =>
    (await ctx.loaders.participants.load(activity.id)).map((p) => ({ id: p.teacherId })),
};
