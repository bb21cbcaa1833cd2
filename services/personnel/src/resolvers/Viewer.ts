import type { ViewerResolvers } from '../generated/resolvers-types';

export const Viewer: ViewerResolvers = {
  userId: (principal) => principal.userId,
  roles: (principal) => principal.roles,
  region: (principal, _args, ctx) => ctx.loaders.region.load(principal.regionCode),
  teacher: (principal, _args, ctx) =>
    principal.teacherId ? ctx.loaders.teacher.load(principal.teacherId) : null,
  school: (principal, _args, ctx) =>
    principal.schoolId ? ctx.loaders.school.load(principal.schoolId) : null,
};
