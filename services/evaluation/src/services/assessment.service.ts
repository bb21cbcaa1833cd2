import { Role, hasRole, isHost } from '@mingshi/auth';
import { fetchConnection } from '@mingshi/db';
import {
  ConflictError,
  ForbiddenError,
  InputCheck,
  NotFoundError,
  chinaToday,
  emptyConnection,
  isUuid,
  readPage,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import { In, type EntityManager } from 'typeorm';
import type { EvaluationContext } from '../context';
import {
  AssessmentEntity,
  EvaluatorAssignmentEntity,
  ExpertScoreEntity,
  SelfReportEntity,
} from '../entities';
import type { AssessmentRoundEntity } from '../entities';
import type {
  AssignEvaluatorsInput,
  ScoreAssessmentInput,
  SubmitSelfReportInput,
} from '../generated/resolvers-types';
import { conflictOfInterest } from '../rules/conflict-of-interest';
import { assertOwningOffice, evaluatorTeacherId, readsScope } from '../rules/permissions';
import { leavesOf } from '../rules/scheme-tree';
import { getRound } from './round.service';
import { getScheme } from './scheme.service';

const MAX_EVALUATORS = 9;
const MAX_EVIDENCE = 50;
const MAX_SCORES = 50;

/** An assessment the caller may see (see canRead). */
export async function getAssessment(
  ctx: EvaluationContext,
  id: string,
  field = 'id',
): Promise<AssessmentEntity> {
  const assessment = await ctx.loaders.assessment.load(id);
  if (!assessment || !(await canRead(ctx, assessment))) throw new NotFoundError('assessment', id, field);
  return assessment;
}

/**
 * Offices, analysts and evaluators read the assessments row-level security admits (their scope
 * covers the studio's jurisdiction or its host school's county); a host reads their own studio's.
 */
export async function canRead(ctx: EvaluationContext, assessment: AssessmentEntity): Promise<boolean> {
  return (await readable(ctx, [assessment])).length === 1;
}

/** The studios the caller hosts (asked of the workshop subgraph once per request). */
export async function hostedStudioIds(ctx: EvaluationContext): Promise<string[]> {
  if (!hasRole(ctx.principal, Role.HOST) || !ctx.principal.teacherId) return [];
  return ctx.loaders.hostedStudios.load(ctx.principal.teacherId);
}

/** The visible ones among assessments row-level security admitted. */
export async function readable(
  ctx: EvaluationContext,
  assessments: AssessmentEntity[],
): Promise<AssessmentEntity[]> {
  if (readsScope(ctx.principal)) return assessments;
  const hosted = await hostedStudioIds(ctx);
  return assessments.filter((a) => hosted.includes(a.workshopId));
}

/**
 * The round's office names the teachers who assess a studio, replacing earlier ones (whose scores
 * go with them). Nobody may assess a studio they belong to or one based at their own school (回避).
 */
export async function assignEvaluators(
  ctx: EvaluationContext,
  input: AssignEvaluatorsInput,
): Promise<AssessmentEntity> {
  const check = new InputCheck('input');
  const teacherIds = check.list(input.teacherIds, 'teacherIds', { min: 1, max: MAX_EVALUATORS });
  teacherIds.forEach((id, i) => {
    if (!isUuid(id)) check.refuse(`teacherIds[${i}]`, 'must be a teacher id');
  });
  check.done();
  const assessment = await getAssessment(ctx, input.assessmentId, 'input.assessmentId');
  const round = await getRound(ctx, assessment.roundId);
  assertOwningOffice(ctx.principal, round, 'round');
  const schools = await ctx.sources.teacherSchools(ctx, teacherIds);
  schools.forEach((school, i) => {
    if (school === null) throw new NotFoundError('teacher', teacherIds[i]!, `input.teacherIds[${i}]`);
  });
  assertOpen(assessment);
  const people = await ctx.sources.studioPeople(ctx, assessment.workshopId, periodOf(round));
  if (!people) throw new NotFoundError('workshop', assessment.workshopId);
  const conflicts = teacherIds
    .map((teacherId, i) => conflictOfInterest({ teacherId, schoolId: schools[i]! }, people))
    .filter((reason): reason is string => reason !== null);
  if (conflicts.length > 0) throw new ConflictError(`${conflicts.join('; ')} (回避)`);

  await ctx.tx.atomically(async (manager) => {
    await lockOpen(manager, assessment.id);
    await manager
      .createQueryBuilder()
      .delete()
      .from(ExpertScoreEntity)
      .where('assessment_id = :id AND NOT (evaluator_teacher_id = ANY(:kept))', {
        id: assessment.id,
        kept: teacherIds,
      })
      .execute();
    await manager
      .createQueryBuilder()
      .delete()
      .from(EvaluatorAssignmentEntity)
      .where('assessment_id = :id AND NOT (teacher_id = ANY(:kept))', { id: assessment.id, kept: teacherIds })
      .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(EvaluatorAssignmentEntity)
      .values(
        teacherIds.map((teacherId) => ({
          assessmentId: assessment.id,
          teacherId,
          assignedBy: ctx.principal.userId,
        })),
      )
      .orIgnore()
      .execute();
  });
  ctx.loaders.assignments.clear(assessment.id);
  ctx.loaders.expertScores.clear(assessment.id);
  return assessment;
}

/** The host's self-report with evidence from the studio's own records, until the round's deadline. */
export async function submitSelfReport(
  ctx: EvaluationContext,
  input: SubmitSelfReportInput,
): Promise<AssessmentEntity> {
  const check = new InputCheck('input');
  const summary = check.text(input.summary, 'summary', 5000);
  const evidence = check
    .list(
      input.evidence.map((e) => `${e.kind}:${e.recordId}`),
      'evidence',
      { max: MAX_EVIDENCE },
    )
    .map((_, i) => {
      const given = input.evidence[i]!;
      if (!isUuid(given.recordId)) check.refuse(`evidence[${i}].recordId`, 'must be a record id');
      return {
        kind: given.kind,
        recordId: given.recordId,
        note: check.optionalText(given.note, `evidence[${i}].note`, 500),
      };
    });
  check.done();
  const assessment = await getAssessment(ctx, input.assessmentId, 'input.assessmentId');
  const [studio] = await ctx.sources.studios.studios(ctx, [assessment.workshopId]);
  if (!studio || !isHost(ctx.principal, studio.hostTeacherId)) {
    throw new ForbiddenError("Only the studio's host submits its self-report");
  }
  if (evidence.length > 0) {
    const owners = await ctx.sources.evidenceStudios(ctx, evidence);
    owners.forEach((owner, i) => {
      if (owner !== assessment.workshopId) {
        throw new NotFoundError(
          evidence[i]!.kind.toLowerCase(),
          evidence[i]!.recordId,
          `input.evidence[${i}].recordId`,
        );
      }
    });
  }
  const round = await getRound(ctx, assessment.roundId);
  assertOpen(assessment);
  if (chinaToday() > round.deadline) {
    throw new ConflictError(`Self-reports for ${round.title} were due by ${round.deadline}`);
  }
  await ctx.tx.atomically(async (manager) => {
    await lockOpen(manager, assessment.id);
    await manager.getRepository(SelfReportEntity).upsert(
      {
        assessmentId: assessment.id,
        summary,
        evidence,
        submittedBy: ctx.principal.userId,
        submittedAt: new Date(),
      },
      ['assessmentId'],
    );
  });
  ctx.loaders.selfReport.clear(assessment.id);
  return assessment;
}

/** An assigned evaluator scores expert indicators, each within its maximum; revisable until finalised. */
export async function scoreAssessment(
  ctx: EvaluationContext,
  input: ScoreAssessmentInput,
): Promise<AssessmentEntity> {
  const check = new InputCheck('input');
  check.list(
    input.scores.map((s) => s.indicatorCode),
    'scores',
    { min: 1, max: MAX_SCORES },
  );
  const comments = input.scores.map((s, i) => check.optionalText(s.comment, `scores[${i}].comment`, 1000));
  check.done();
  const assessment = await getAssessment(ctx, input.assessmentId, 'input.assessmentId');
  const teacherId = evaluatorTeacherId(ctx.principal);
  const assigned = teacherId
    ? (await ctx.loaders.assignments.load(assessment.id)).some((a) => a.teacherId === teacherId)
    : false;
  if (!assigned) throw new ForbiddenError('Only the evaluators assigned to this assessment may score it');
  const round = await getRound(ctx, assessment.roundId);
  const scheme = await getScheme(ctx, round.schemeId);
  const leaves = new Map(leavesOf(scheme.indicators).map((leaf) => [leaf.code, leaf]));
  const against = new InputCheck('input');
  input.scores.forEach((score, i) => {
    const leaf = leaves.get(score.indicatorCode);
    if (!leaf) against.refuse(`scores[${i}].indicatorCode`, `names no C-level indicator of the scheme`);
    else if (leaf.source !== 'EXPERT') {
      against.refuse(
        `scores[${i}].indicatorCode`,
        `is computed from the studio's figures, not scored by evaluators`,
      );
    } else if (score.score > leaf.maxPoints) {
      against.refuse(
        `scores[${i}].score`,
        `must be at most the indicator's maximum of ${leaf.maxPoints / 100} points`,
      );
    }
  });
  against.done();
  assertOpen(assessment);
  await ctx.tx.atomically(async (manager) => {
    await lockOpen(manager, assessment.id);
    await manager.getRepository(ExpertScoreEntity).upsert(
      input.scores.map((score, i) => ({
        assessmentId: assessment.id,
        indicatorCode: score.indicatorCode,
        evaluatorTeacherId: teacherId!,
        points: score.score,
        comment: comments[i] ?? null,
        updatedAt: new Date(),
      })),
      ['assessmentId', 'indicatorCode', 'evaluatorTeacherId'],
    );
  });
  ctx.loaders.expertScores.clear(assessment.id);
  return assessment;
}

/** The assessments the calling evaluator is assigned to, newest first. */
export async function myEvaluations(
  ctx: EvaluationContext,
  pageArgs: PageArgs,
): Promise<Connection<AssessmentEntity>> {
  const page = readPage(pageArgs);
  const teacherId = evaluatorTeacherId(ctx.principal);
  if (!teacherId) throw new ForbiddenError('myEvaluations is for evaluators whose token names their teacher');
  const query = (await ctx.tx.manager())
    .getRepository(AssessmentEntity)
    .createQueryBuilder('a')
    .where(
      'EXISTS (SELECT 1 FROM evaluation.evaluator_assignment e WHERE e.assessment_id = a.id AND e.teacher_id = :teacherId)',
      { teacherId },
    );
  return fetchConnection(query, page, {
    columns: ['a.created_at', 'a.id'],
    valuesOf: (a) => [a.createdAt.toISOString(), a.id],
    descending: true,
  });
}

/** A round's assessments the caller may see, by studio. */
export async function roundAssessments(
  ctx: EvaluationContext,
  round: AssessmentRoundEntity,
  pageArgs: PageArgs,
): Promise<Connection<AssessmentEntity>> {
  const page = readPage(pageArgs);
  const query = (await ctx.tx.manager())
    .getRepository(AssessmentEntity)
    .createQueryBuilder('a')
    .where('a.round_id = :roundId', { roundId: round.id });
  if (!readsScope(ctx.principal)) {
    const hosted = await hostedStudioIds(ctx);
    if (hosted.length === 0) return emptyConnection();
    query.andWhere('a.workshop_id = ANY(:hosted)', { hosted });
  }
  return fetchConnection(query, page, { columns: ['a.workshop_id'], valuesOf: (a) => [a.workshopId] });
}

/** A studio's assessments the caller may see, newest round first. */
export async function workshopAssessments(
  ctx: EvaluationContext,
  workshopId: string,
): Promise<AssessmentEntity[]> {
  return readable(ctx, await ctx.loaders.assessmentsByWorkshop.load(workshopId));
}

export function periodOf(round: AssessmentRoundEntity): { from: string; to: string } {
  return { from: round.periodFrom, to: round.periodTo };
}

function assertOpen(assessment: AssessmentEntity): void {
  if (assessment.status !== 'OPEN') {
    throw new ConflictError(`The assessment is ${assessment.status}; it changes only while OPEN`);
  }
}

/** Locks the assessment for a change and checks, under the lock, that it is still open. */
export async function lockOpen(manager: EntityManager, id: string): Promise<AssessmentEntity> {
  const current = await lockAssessment(manager, id);
  assertOpen(current);
  return current;
}

export async function lockAssessment(manager: EntityManager, id: string): Promise<AssessmentEntity> {
  const [current] = await manager
    .getRepository(AssessmentEntity)
    .find({ where: { id: In([id]) }, lock: { mode: 'pessimistic_write' } });
  if (!current) throw new NotFoundError('assessment', id);
  return current;
}
