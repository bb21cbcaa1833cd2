import type { OutcomeResolvers } from '../generated/resolvers-types';

export const Outcome: OutcomeResolvers = {
  /** Null for a record of a studio the caller may not see. */
  __resolveReference: (ref, ctx) => ctx.loaders.outcome.load(ref.id),
  workshop: async (outcome, _args, ctx) => (await ctx.loaders.workshop.load(outcome.workshopId))!,
  authors: async (outcome, _args, ctx) =>
    (await ctx.loaders.outcomeAuthors.load(outcome.id)).map((a) => ({ id: a.teacherId })),
};
