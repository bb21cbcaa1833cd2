import type { MembershipResolvers } from '../generated/resolvers-types';

export const Membership: MembershipResolvers = {
  workshop: async (membership, _args, ctx) => (await ctx.loaders.workshop.load(membership.workshopId))!,
  teacher: (membership) => ({ id: membership.teacherId }),
  active: (membership) => membership.leftOn === null,
};
