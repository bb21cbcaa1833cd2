import type { QueryResolvers } from '../generated/resolvers-types';
import { aggregateMetrics } from '../services/metrics.service';
import { myTraineeApplications } from '../services/trainee-application.service';
import { getWorkshop, listWorkshops } from '../services/workshop.service';

export const Query: QueryResolvers = {
  workshop: (_parent, { id }, ctx) => getWorkshop(ctx, id),
  workshops: (_parent, { filter, first, after }, ctx) => listWorkshops(ctx, filter, { first, after }),
  workshopMetrics: (_parent, { filter, period }, ctx) => aggregateMetrics(ctx, filter, period),
  myTraineeApplications: (_parent, _args, ctx) => myTraineeApplications(ctx),
};
