import type { SchoolResolvers } from '../generated/resolvers-types';
import { listTeachers } from '../services/teacher.service';

export const School: SchoolResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.school.load(ref.id),
  region: async (school, _args, ctx) => (await ctx.loaders.region.load(school.regionCode))!,
  teachers: (school, { filter, first, after }, ctx) =>
    listTeachers(ctx, { ...filter, schoolId: school.id }, { first, after }),
};
