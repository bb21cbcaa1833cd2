import { covers } from '@mingshi/auth';
import type { RegionResolvers } from '../generated/resolvers-types';
import { listSchools } from '../services/school.service';
import { regionTeacherStats, selectsHours } from '../services/teacher-stats.service';
import { listTeachers } from '../services/teacher.service';

/** Under a region, lists are its subtree within the caller's scope: empty, not refused, outside it. */
const nested = { refuseOutOfScope: false };

export const Region: RegionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.region.load(ref.code),
  parent: (region, _args, ctx) => (region.parentCode ? ctx.loaders.region.load(region.parentCode) : null),
  children: (region, _args, ctx) => ctx.loaders.regionChildren.load(region.code),
  schools: (region, { filter, first, after }, ctx) =>
    listSchools(
      ctx,
      { ...filter, regionCode: narrower(region.code, filter?.regionCode) },
      { first, after },
      nested,
    ),
  teachers: (region, { filter, orderBy, first, after }, ctx) =>
    listTeachers(
      ctx,
      { ...filter, regionCode: narrower(region.code, filter?.regionCode) },
      { orderBy, first, after },
      nested,
    ),
  teacherStats: (region, { filter, year, groupBy }, ctx, info) =>
    regionTeacherStats(
      ctx,
      narrower(region.code, filter?.regionCode),
      { filter, year, groupBy },
      selectsHours(info),
    ),
};

/** A filter region inside this region narrows further; anything else is this region itself. */
function narrower(regionCode: string, filterCode: string | null | undefined): string {
  return filterCode && covers(regionCode, filterCode) ? filterCode : regionCode;
}
