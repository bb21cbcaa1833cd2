import type { SchoolResolvers } from '../generated/resolvers-types';

export const School: SchoolResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  hostedWorkshops: (school, _args, ctx) => ctx.loaders.workshopsByHostSchool.load(school.id),
};
