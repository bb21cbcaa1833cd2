import type { WorkshopResolvers } from '../generated/resolvers-types';
import { workshopAssessments } from '../services/assessment.service';

export const Workshop: WorkshopResolvers = {
  // Evaluation knows a studio by its id alone; the workshop subgraph says whether the caller sees it.
  __resolveReference: (ref) => ({ id: ref.id }),
  assessments: (w, _args, ctx) => workshopAssessments(ctx, w.id),
  latestGrade: async (w, _args, ctx) =>
    (await workshopAssessments(ctx, w.id)).find((a) => a.grade !== null)?.grade ?? null,
};
