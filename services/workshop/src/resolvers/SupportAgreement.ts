import type { SupportAgreementResolvers } from '../generated/resolvers-types';

export const SupportAgreement: SupportAgreementResolvers = {
  workshop: async (agreement, _args, ctx) => (await ctx.loaders.workshop.load(agreement.workshopId))!,
  school: (agreement) => ({ id: agreement.schoolId }),
};
