import { selectsField } from '@mingshi/graphql';
import type { QueryResolvers } from '../generated/resolvers-types';
import { activityStats } from '../services/activity-stats.service';
import { listAllActivities } from '../services/activity-list.service';
import { aggregateMetrics } from '../services/metrics.service';
import { outcomeStats } from '../services/outcome-stats.service';
import { researchProjectStats } from '../services/research-project-stats.service';
import { myTraineeApplications } from '../services/trainee-application.service';
import { workshopStats } from '../services/workshop-stats.service';
import { getWorkshop, listWorkshops } from '../services/workshop.service';

export const Query: QueryResolvers = {
  workshop: (_parent, { id }, ctx) => getWorkshop(ctx, id),
  workshops: async (_parent, { filter, orderBy, first, after }, ctx, info) => {
    const page = await listWorkshops(ctx, filter, orderBy, { first, after });
    // Hosts loaded before the studios resolve, so each studio's host and host school reach
    // personnel in one question of visibility instead of two (foreign-references.ts).
    if (selectsField(info, 'nodes', 'host') || selectsField(info, 'edges', 'node', 'host')) {
      await ctx.loaders.host.loadMany(page.nodes.map((studio) => studio.id));
    }
    return page;
  },
  workshopMetrics: (_parent, { filter, period }, ctx, info) =>
    aggregateMetrics(ctx, filter, period, selectsField(info, 'teachersReached')),
  workshopStats: (_parent, { filter, groupBy }, ctx) => workshopStats(ctx, filter, groupBy),
  activityStats: (_parent, { filter, period, groupBy }, ctx, info) =>
    activityStats(ctx, filter, period, groupBy, selectsField(info, 'teachersReached')),
  outcomeStats: (_parent, { filter, period, groupBy }, ctx) => outcomeStats(ctx, filter, period, groupBy),
  researchProjectStats: (_parent, { filter, period, groupBy }, ctx) =>
    researchProjectStats(ctx, filter, period, groupBy),
  activities: (_parent, { filter, orderBy, first, after }, ctx) =>
    listAllActivities(ctx, filter, orderBy, { first, after }),
  myTraineeApplications: (_parent, _args, ctx) => myTraineeApplications(ctx),
};
