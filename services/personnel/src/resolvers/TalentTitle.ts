import type { TalentTitleResolvers } from '../generated/resolvers-types';
import { titleLabel } from '../rules/talent-titles';

export const TalentTitle: TalentTitleResolvers = {
  label: (title) => titleLabel(title.kind, title.level),
  teacher: async (title, _args, ctx) => (await ctx.loaders.teacher.load(title.teacherId))!,
  awardedBy: async (title, _args, ctx) => (await ctx.loaders.region.load(title.awardedByRegionCode))!,
};
