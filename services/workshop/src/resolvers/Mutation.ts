import type { MutationResolvers, ResolverFn } from '../generated/resolvers-types';
import { forgetFigures } from '../loaders';
import type { WorkshopContext } from '../context';
import { recordActivity, updateActivity } from '../services/activity.service';
import { issueCertificate } from '../services/certificate.service';
import { addWorkshopMember, endMembership } from '../services/membership.service';
import { recordOutcome } from '../services/outcome.service';
import { createResearchProject, updateResearchProject } from '../services/research-project.service';
import { createSupportAgreement, updateSupportAgreement } from '../services/support-agreement.service';
import {
  applyAsTrainee,
  decideTraineeApplication,
  respondToTraineeApplication,
  withdrawTraineeApplication,
} from '../services/trainee-application.service';
import { changeWorkshopStatus } from '../services/workshop-status.service';
import { foundWorkshop, updateWorkshop } from '../services/workshop.service';

const mutations: MutationResolvers = {
  foundWorkshop: (_parent, { input }, ctx) => foundWorkshop(ctx, input),
  updateWorkshop: (_parent, { id, input }, ctx) => updateWorkshop(ctx, id, input),
  changeWorkshopStatus: (_parent, { input }, ctx) => changeWorkshopStatus(ctx, input),
  addWorkshopMember: (_parent, { input }, ctx) => addWorkshopMember(ctx, input),
  endMembership: (_parent, { input }, ctx) => endMembership(ctx, input),
  applyAsTrainee: (_parent, { input }, ctx) => applyAsTrainee(ctx, input),
  respondToTraineeApplication: (_parent, { input }, ctx) => respondToTraineeApplication(ctx, input),
  decideTraineeApplication: (_parent, { input }, ctx) => decideTraineeApplication(ctx, input),
  withdrawTraineeApplication: (_parent, { id }, ctx) => withdrawTraineeApplication(ctx, id),
  recordActivity: (_parent, { input }, ctx) => recordActivity(ctx, input),
  updateActivity: (_parent, { id, input }, ctx) => updateActivity(ctx, id, input),
  createResearchProject: (_parent, { input }, ctx) => createResearchProject(ctx, input),
  updateResearchProject: (_parent, { id, input }, ctx) => updateResearchProject(ctx, id, input),
  recordOutcome: (_parent, { input }, ctx) => recordOutcome(ctx, input),
  createSupportAgreement: (_parent, { input }, ctx) => createSupportAgreement(ctx, input),
  updateSupportAgreement: (_parent, { id, input }, ctx) => updateSupportAgreement(ctx, id, input),
  issueCertificate: (_parent, { input }, ctx) => issueCertificate(ctx, input),
};

/**
 * Each mutation, and then the request forgets the figures it has read (`forgetFigures`): one rule
 * for every write, rather than each service remembering which figures its write moves.
 */
export const Mutation = Object.fromEntries(
  Object.entries(mutations).map(([name, resolve]) => {
    const mutate = resolve as ResolverFn<unknown, unknown, WorkshopContext, unknown>;
    return [
      name,
      async (...[parent, args, ctx, info]: Parameters<typeof mutate>) => {
        const result = await mutate(parent, args, ctx, info);
        forgetFigures(ctx.loaders);
        return result;
      },
    ];
  }),
) as MutationResolvers;
