import type { TeacherStatsGroupResolvers } from '../generated/resolvers-types';

/** A group's entity dimensions, by key through the request's loaders (one query per kind). */
export const TeacherStatsGroup: TeacherStatsGroupResolvers = {
  city: (group, _args, ctx) => (group.cityCode ? ctx.loaders.region.load(group.cityCode) : null),
  county: (group, _args, ctx) => (group.countyCode ? ctx.loaders.region.load(group.countyCode) : null),
  school: (group, _args, ctx) => (group.schoolId ? ctx.loaders.school.load(group.schoolId) : null),
};
