import type { WorkshopResolvers } from '../generated/resolvers-types';
import { listActivities } from '../services/activity.service';
import { workshopMetrics } from '../services/metrics.service';
import { visibleApplications } from '../services/trainee-application.service';

export const Workshop: WorkshopResolvers = {
  /** Null for a studio the caller may not see: the gateway then shows no studio at all. */
  __resolveReference: (ref, ctx) => ctx.loaders.workshop.load(ref.id),
  region: (workshop) => ({ code: workshop.regionCode }),
  hostSchool: (workshop) => ({ id: workshop.hostSchoolId }),
  host: async (workshop, _args, ctx) => {
    const host = await ctx.loaders.host.load(workshop.id);
    return host ? { id: host.teacherId } : null;
  },
  cycleEndYear: (workshop) => workshop.cycleStartYear + 2,
  statusHistory: (workshop, _args, ctx) => ctx.loaders.statusHistory.load(workshop.id),
  memberships: async (workshop, { role, activeOnly }, ctx) =>
    (await ctx.loaders.membershipsByWorkshop.load(workshop.id)).filter(
      (m) => (!role || m.role === role) && (!activeOnly || m.leftOn === null),
    ),
  memberCount: async (workshop, _args, ctx) => (await ctx.loaders.openMemberCounts.load(workshop.id)).members,
  traineeCount: async (workshop, _args, ctx) =>
    (await ctx.loaders.openMemberCounts.load(workshop.id)).trainees,
  traineeApplications: (workshop, { status }, ctx) => visibleApplications(ctx, workshop, status),
  activities: (workshop, { filter, first, after }, ctx) =>
    listActivities(ctx, workshop, filter, { first, after }),
  researchProjects: (workshop, _args, ctx) => ctx.loaders.researchProjects.load(workshop.id),
  outcomes: (workshop, _args, ctx) => ctx.loaders.outcomes.load(workshop.id),
  supportAgreements: (workshop, _args, ctx) => ctx.loaders.supportAgreements.load(workshop.id),
  certificates: (workshop, _args, ctx) => ctx.loaders.certificates.load(workshop.id),
  metrics: (workshop, { period }, ctx) => workshopMetrics(ctx, workshop, period),
};
