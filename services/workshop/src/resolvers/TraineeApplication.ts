import type { TraineeApplicationResolvers } from '../generated/resolvers-types';

export const TraineeApplication: TraineeApplicationResolvers = {
  workshop: async (application, _args, ctx) => (await ctx.loaders.workshop.load(application.workshopId))!,
  teacher: (application) => ({ id: application.teacherId }),
  membership: (application, _args, ctx) =>
    application.membershipId ? ctx.loaders.membership.load(application.membershipId) : null,
};
