import type { ResearchProjectResolvers } from '../generated/resolvers-types';

export const ResearchProject: ResearchProjectResolvers = {
  /** Null for a record of a studio the caller may not see. */
  __resolveReference: (ref, ctx) => ctx.loaders.researchProject.load(ref.id),
  workshop: async (project, _args, ctx) => (await ctx.loaders.workshop.load(project.workshopId))!,
  leader: (project) => ({ id: project.leaderId }),
};
