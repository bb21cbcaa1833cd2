import { BadUserInputError } from '@mingshi/graphql';
import { REPORT_FILE_TYPES } from '../render';
import type { ReportJobResolvers, ReportSectionResolvers } from '../generated/resolvers-types';
import { MAX_DOWNLOADS_LISTED } from '../loaders';
import { DEFAULT_LINK_SECONDS, MAX_LINK_SECONDS } from '../services/download-links';
import { maySeeDownloads, maySeeReport } from '../rules/report-permissions';

export const ReportJob: ReportJobResolvers = {
  __resolveReference: async (ref, ctx) => {
    const job = await ctx.loaders.job.load(ref.id);
    return job && maySeeReport(ctx.principal, job) ? job : null;
  },
  region: (job) => ({ code: job.regionCode }),
  sizeBytes: (job) => job.sizeBytes,
  fileName: (job) =>
    job.fileKey
      ? `${job.regionCode}-${job.year}-${job.kind}.${REPORT_FILE_TYPES[job.format].extension}`
      : null,
  downloadUrl: async (job, { expiresInSeconds }, ctx) => {
    const seconds = expiresInSeconds ?? DEFAULT_LINK_SECONDS;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_LINK_SECONDS) {
      throw new BadUserInputError(
        `expiresInSeconds must be from 1 to ${MAX_LINK_SECONDS}`,
        'expiresInSeconds',
      );
    }
    if (job.status !== 'SUCCEEDED' || job.fileRemovedAt) return null;
    const { url } = await ctx.links.sign({ reportId: job.id, userId: ctx.principal.userId }, seconds);
    return url;
  },
  reusedFrom: async (job, _args, ctx) => {
    if (!job.reusedFromId) return null;
    const earlier = await ctx.loaders.job.load(job.reusedFromId);
    return earlier && maySeeReport(ctx.principal, earlier) ? earlier : null;
  },
  downloads: async (job, { first }, ctx) => {
    if (first != null && (!Number.isInteger(first) || first < 1 || first > MAX_DOWNLOADS_LISTED)) {
      throw new BadUserInputError(`first must be from 1 to ${MAX_DOWNLOADS_LISTED}`, 'first');
    }
    if (!maySeeDownloads(ctx.principal)) return [];
    return (await ctx.loaders.downloads.load(job.id)).slice(0, first ?? 20);
  },
};

export const ReportSection: ReportSectionResolvers = {
  service: (section) => section.service.toUpperCase() as 'PERSONNEL',
};
