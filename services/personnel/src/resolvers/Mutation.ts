import type { MutationResolvers } from '../generated/resolvers-types';
import { createSchool, updateSchool } from '../services/school.service';
import { awardTalentTitle } from '../services/talent-title.service';
import { createTeacher, updateTeacher } from '../services/teacher.service';
import { recordTrainingHours } from '../services/training.service';

export const Mutation: MutationResolvers = {
  createSchool: (_parent, { input }, ctx) => createSchool(ctx, input),
  updateSchool: (_parent, { id, input }, ctx) => updateSchool(ctx, id, input),
  createTeacher: (_parent, { input }, ctx) => createTeacher(ctx, input),
  updateTeacher: (_parent, { id, input }, ctx) => updateTeacher(ctx, id, input),
  awardTalentTitle: (_parent, { input }, ctx) => awardTalentTitle(ctx, input),
  recordTrainingHours: (_parent, { input }, ctx) => recordTrainingHours(ctx, input),
};
