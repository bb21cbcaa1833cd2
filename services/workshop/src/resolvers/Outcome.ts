import type { OutcomeResolvers } from '../generated/resolvers-types';

export const Outcome: OutcomeResolvers = {
  workshop: async (outcome, _args, ctx) => (await ctx.loaders.workshop.load(outcome.workshopId))!,
  authors: async (outcome, _args, ctx) =>
    (await ctx.loaders.outcomeAuthors.load(outcome.id)).map((a) => ({ id: a.teacherId })),
};
