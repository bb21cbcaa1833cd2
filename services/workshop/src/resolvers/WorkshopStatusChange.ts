import type { WorkshopStatusChangeResolvers } from '../generated/resolvers-types';

export const WorkshopStatusChange: WorkshopStatusChangeResolvers = {
  from: (change) => change.fromStatus,
  to: (change) => change.toStatus,
};
