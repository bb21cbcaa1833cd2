import type { ResearchProjectResolvers } from '../generated/resolvers-types';

export const ResearchProject: ResearchProjectResolvers = {
  workshop: async (project, _args, ctx) => (await ctx.loaders.workshop.load(project.workshopId))!,
  leader: (project) => ({ id: project.leaderId }),
};
