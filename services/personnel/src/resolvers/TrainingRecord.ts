import type { TrainingRecordResolvers } from '../generated/resolvers-types';

export const TrainingRecord: TrainingRecordResolvers = {
  teacher: async (record, _args, ctx) => (await ctx.loaders.teacher.load(record.teacherId))!,
};
