import type { SchoolResolvers } from '../generated/resolvers-types';
import { listTeachers } from '../services/teacher.service';

/** Under a school, a list is its teachers within what the caller may read: empty, not refused, otherwise. */
const nested = { refuseOutOfScope: false };

export const School: SchoolResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.school.load(ref.id),
  region: async (school, _args, ctx) => (await ctx.loaders.region.load(school.regionCode))!,
  teachers: (school, { filter, orderBy, first, after }, ctx) =>
    listTeachers(ctx, { ...filter, schoolId: school.id }, { orderBy, first, after }, nested),
};
