import { addDays, chinaToday, ConflictError, InputCheck } from '@mingshi/graphql';
import type { EntityManager } from 'typeorm';
import type { EvaluationContext } from '../context';
import { AssessmentEntity, AssessmentResultEntity, ConsequenceEntity } from '../entities';
import type { AssessmentRoundEntity } from '../entities';
import { consequencesOf } from '../rules/consequences';
import { computeResult, needsFigures } from '../rules/indicator-score';
import { assertOwningOffice } from '../rules/permissions';
import { gradeFor } from '../rules/scoring';
import type { StudioFigures } from '../rules/computed-figures';
import { getAssessment, lockAssessment, lockOpen, periodOf } from './assessment.service';
import { getRound } from './round.service';
import { getScheme } from './scheme.service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Figures of a scheme with no COMPUTED indicator: nothing is asked of the other subgraphs. */
const NO_FIGURES: StudioFigures = {
  activityCount: 0,
  activitiesByType: [],
  outreachCount: 0,
  teachersReached: 0,
  certificateCount: 0,
  researchProjectsByLevelAndStatus: [],
  outcomesByLevel: [],
  viewCount: 0,
  funding: [],
};

/**
 * Finalises an assessment: computed indicators from the studio's figures for the period (taken now
 * and kept with the result), expert indicators combined by the scheme's rule, the total and grade,
 * who finalised it, and its consequences — PENDING until the appeal window closes.
 */
export async function finaliseAssessment(ctx: EvaluationContext, id: string): Promise<AssessmentEntity> {
  const assessment = await getAssessment(ctx, id);
  const round = await getRound(ctx, assessment.roundId);
  assertOwningOffice(ctx.principal, round, 'round');
  if (assessment.status !== 'OPEN') throw new ConflictError(`The assessment is already ${assessment.status}`);
  const scheme = await getScheme(ctx, round.schemeId);
  const figures = needsFigures(scheme.indicators)
    ? await ctx.sources.figures(ctx, assessment.workshopId, periodOf(round))
    : NO_FIGURES;
  if (!figures)
    throw new ConflictError('The studio is no longer visible to you; its figures cannot be taken');
  const expert = await ctx.loaders.expertScores.load(assessment.id);
  const result = computeResult(scheme.indicators, scheme.combination, expert, figures);
  if (!result.ok) {
    throw new ConflictError(
      `No evaluator has scored ${result.unscored.join(', ')}; every expert indicator needs a score`,
    );
  }
  const grade = gradeFor(result.total, {
    excellent: scheme.excellentPoints,
    qualified: scheme.qualifiedPoints,
    basic: scheme.basicPoints,
  });

  await ctx.tx.atomically(async (manager) => {
    const current = await lockOpen(manager, assessment.id);
    const finalisation = current.finalisations + 1;
    const finalisedAt = new Date();
    const appealClosesAt = new Date(finalisedAt.getTime() + round.appealWindowDays * DAY_MS);
    await manager.getRepository(AssessmentResultEntity).insert({
      assessmentId: assessment.id,
      finalisation,
      totalPoints: result.total,
      grade,
      indicatorScores: result.scores,
      finalisedBy: ctx.principal.userId,
      finalisedAt,
    });
    await manager.getRepository(AssessmentEntity).update(assessment.id, {
      status: 'FINALISED',
      totalPoints: result.total,
      grade,
      finalisations: finalisation,
      appealClosesAt,
    });
    await planConsequences(manager, assessment.id, finalisation, grade, round, chinaToday(appealClosesAt));
  });
  clearAssessment(ctx, assessment);
  return getAssessment(ctx, id);
}

/**
 * Reopens a finalised assessment once, with a reason, while its appeal window is open (申诉复核).
 * Its pending consequences are withdrawn; finalising again records a second result beside the first.
 */
export async function reopenAssessment(
  ctx: EvaluationContext,
  id: string,
  reason: string,
): Promise<AssessmentEntity> {
  const check = new InputCheck();
  const why = check.text(reason, 'reason', 500);
  check.done();
  const assessment = await getAssessment(ctx, id);
  const round = await getRound(ctx, assessment.roundId);
  assertOwningOffice(ctx.principal, round, 'round');
  await ctx.tx.atomically(async (manager) => {
    const current = await lockAssessment(manager, assessment.id);
    if (current.status !== 'FINALISED') {
      throw new ConflictError(
        current.status === 'OPEN'
          ? 'The assessment is open; only a finalised one is reopened'
          : 'The appeal window has closed and the result is final',
      );
    }
    if (current.reopenedAt)
      throw new ConflictError(
        `The assessment was reopened once already, on ${current.reopenedAt.toISOString()}`,
      );
    if (current.appealClosesAt!.getTime() <= Date.now()) {
      throw new ConflictError(`The appeal window closed at ${current.appealClosesAt!.toISOString()}`);
    }
    await manager.getRepository(AssessmentEntity).update(assessment.id, {
      status: 'OPEN',
      totalPoints: null,
      grade: null,
      appealClosesAt: null,
      reopenedReason: why,
      reopenedBy: ctx.principal.userId,
      reopenedAt: new Date(),
    });
    await manager
      .createQueryBuilder()
      .update(ConsequenceEntity)
      .set({ state: 'WITHDRAWN', detail: `Withdrawn: the assessment was reopened (${why})`.slice(0, 500) })
      .where("assessment_id = :id AND state = 'PENDING'", { id: assessment.id })
      .execute();
  });
  clearAssessment(ctx, assessment);
  return getAssessment(ctx, id);
}

/**
 * The consequences a result will have once final, recorded PENDING now so the office and the
 * studio see what the result means while it can still be appealed.
 */
async function planConsequences(
  manager: EntityManager,
  assessmentId: string,
  finalisation: number,
  grade: AssessmentEntity['grade'] & string,
  round: AssessmentRoundEntity,
  finalOn: string,
): Promise<void> {
  const kinds = consequencesOf(grade, round.kind, round.rewardFen !== null);
  if (kinds.length === 0) return;
  const rectificationDue = addDays(finalOn, round.rectificationDays);
  await manager.getRepository(ConsequenceEntity).insert(
    kinds.map((kind) => ({
      assessmentId,
      finalisation,
      kind,
      state: 'PENDING' as const,
      detail: `Takes effect when the appeal window closes (${finalOn})`,
      dueOn: kind === 'RECTIFY' || kind === 'FOLLOW_UP' ? rectificationDue : null,
      amountFen: kind === 'REWARD_ALLOCATION' ? round.rewardFen : null,
    })),
  );
}

function clearAssessment(ctx: EvaluationContext, assessment: AssessmentEntity): void {
  ctx.loaders.assessment.clear(assessment.id);
  ctx.loaders.results.clear(assessment.id);
  ctx.loaders.consequences.clear(assessment.id);
  ctx.loaders.assessmentsByWorkshop.clear(assessment.workshopId);
}
