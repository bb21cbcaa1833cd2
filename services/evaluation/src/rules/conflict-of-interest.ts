/**
 * 回避: an evaluator may not assess a studio they belong to (host, member or trainee, at any time
 * in the assessed period) or one based at their own school.
 */
export interface EvaluatorFacts {
  teacherId: string;
  schoolId: string | null;
}

export interface StudioPeople {
  hostSchoolId: string | null;
  /** Everyone whose membership was open at any time in the period. */
  memberTeacherIds: readonly string[];
}

/** Why the evaluator may not assess the studio, or null. */
export function conflictOfInterest(evaluator: EvaluatorFacts, studio: StudioPeople): string | null {
  if (studio.memberTeacherIds.includes(evaluator.teacherId)) {
    return `Teacher ${evaluator.teacherId} belongs to the studio and may not assess it`;
  }
  if (evaluator.schoolId && evaluator.schoolId === studio.hostSchoolId) {
    return `Teacher ${evaluator.teacherId} works at the studio's host school and may not assess it`;
  }
  return null;
}
