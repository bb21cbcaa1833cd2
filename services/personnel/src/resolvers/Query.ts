import type { QueryResolvers } from '../generated/resolvers-types';
import { listRegions } from '../services/region.service';
import { getSchool, listSchools } from '../services/school.service';
import { selectsHours, teacherStats } from '../services/teacher-stats.service';
import { getTeacher, listTeachers } from '../services/teacher.service';

export const Query: QueryResolvers = {
  viewer: (_parent, _args, ctx) => ctx.principal,
  region: (_parent, { code }, ctx) => ctx.loaders.region.load(code),
  regions: (_parent, { parentCode }, ctx) => listRegions(ctx, parentCode),
  school: (_parent, { id }, ctx) => getSchool(ctx, id),
  schools: (_parent, { filter, first, after }, ctx) => listSchools(ctx, filter, { first, after }),
  teacher: (_parent, { id }, ctx) => getTeacher(ctx, id),
  teachers: (_parent, { filter, orderBy, first, after }, ctx) =>
    listTeachers(ctx, filter, { orderBy, first, after }),
  teacherStats: (_parent, { filter, year, groupBy }, ctx, info) =>
    teacherStats(ctx, { filter, year, groupBy }, selectsHours(info)),
};
