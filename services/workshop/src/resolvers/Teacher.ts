import type { TeacherResolvers } from '../generated/resolvers-types';

export const Teacher: TeacherResolvers = {
  /** Personnel decides whether the caller may see the teacher; here a teacher is only a key. */
  __resolveReference: (ref) => ({ id: ref.id }),
  workshopMemberships: async (teacher, { activeOnly }, ctx) =>
    (await ctx.loaders.membershipsByTeacher.load(teacher.id)).filter((m) => !activeOnly || m.leftOn === null),
};
