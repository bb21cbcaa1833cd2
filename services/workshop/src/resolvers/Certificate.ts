import type { CertificateResolvers } from '../generated/resolvers-types';

export const Certificate: CertificateResolvers = {
  workshop: async (certificate, _args, ctx) => (await ctx.loaders.workshop.load(certificate.workshopId))!,
  teacher: (certificate) => ({ id: certificate.teacherId }),
};
