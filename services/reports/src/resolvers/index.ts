import { DateTimeScalar } from '@mingshi/graphql';
import type { Resolvers } from '../generated/resolvers-types';
import { cancelReport, getReportJob, listReportJobs, requestReport } from '../services/report-jobs.service';
import { ReportJob, ReportSection } from './report-job';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    reportJob: (_root, { id }, ctx) => getReportJob(ctx, id),
    reportJobs: (_root, { filter, first, after }, ctx) => listReportJobs(ctx, filter, { first, after }),
  },
  Mutation: {
    requestReport: (_root, { input }, ctx) => requestReport(ctx, input),
    cancelReport: (_root, { id }, ctx) => cancelReport(ctx, id),
  },
  ReportJob,
  ReportSection,
};
