import type { TeacherResolvers } from '../generated/resolvers-types';
import { canSeePersonalData } from '../rules/permissions';
import { ruralServiceMonths } from '../rules/rural-service';
import { readPersonalField } from '../services/personal-data.service';
import { trainingYear } from '../services/training.service';

export const Teacher: TeacherResolvers = {
  /** Null for a teacher outside the caller's scope: the gateway then shows no teacher at all. */
  __resolveReference: (ref, ctx) => ctx.loaders.teacher.load(ref.id),
  school: async (teacher, _args, ctx) => (await ctx.loaders.school.load(teacher.schoolId))!,
  region: async (teacher, _args, ctx) => (await ctx.loaders.region.load(teacher.regionCode))!,
  nationalId: (teacher, _args, ctx) => readPersonalField(ctx, teacher, 'nationalId'),
  phone: (teacher, _args, ctx) => readPersonalField(ctx, teacher, 'phone'),
  personalDataVisible: (teacher, _args, ctx) => canSeePersonalData(ctx.principal, teacher),
  ruralServiceMonths: (teacher) => ruralServiceMonths(teacher.ruralService),
  talentTitles: (teacher, _args, ctx) => ctx.loaders.talentTitles.load(teacher.id),
  trainingHours: (teacher, { year }, ctx) => trainingYear(ctx, teacher, year),
};
