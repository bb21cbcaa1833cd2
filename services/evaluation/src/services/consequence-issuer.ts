import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { recordEvent, type StudioFundsDecided, type StudioStatusDecided } from '@mingshi/events';
import { hundredthsToPoints } from '@mingshi/graphql';
import type { Logger } from '@mingshi/logger';
import type { DataSource, EntityManager } from 'typeorm';
import { EVALUATION_SCHEMA } from '../data-source';
import {
  AssessmentEntity,
  AssessmentResultEntity,
  AssessmentRoundEntity,
  ConsequenceEntity,
} from '../entities';
import { CARRIED_OUT_BY } from '../rules/consequences';
import { GRADE_LABELS } from '../rules/scoring';

/** Assessments made final per transaction: a province's round closes in a few hundred-row steps. */
const BATCH = 100;

const STATUS_DECISIONS: Partial<Record<ConsequenceEntity['kind'], StudioStatusDecided['decision']>> = {
  REVOKE: 'REVOKE',
  RECTIFY: 'RECTIFY',
  RETAIN: 'RETAIN',
  REORGANISE: 'REORGANISE',
  RESTORE: 'RESTORE',
};

/**
 * Makes results final when their appeal window closes, and sends their consequences: each as an
 * event in the outbox, in the same transaction that marks the assessment CONCLUDED, so a
 * consequence is sent exactly once however often this runs, on however many replicas
 * (SKIP LOCKED hands each assessment to one of them).
 */
export async function concludeClosedAssessments(dataSource: DataSource, logger: Logger): Promise<number> {
  let concluded = 0;
  for (;;) {
    const done = await withScopedTransaction(dataSource, NATIONWIDE, async (manager) => {
      const due = await manager
        .getRepository(AssessmentEntity)
        .createQueryBuilder('a')
        .where("a.status = 'FINALISED' AND a.appeal_closes_at <= now()")
        .orderBy('a.appeal_closes_at')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      // One round serves many of its assessments: read each once per batch.
      const rounds = new Map<string, Promise<AssessmentRoundEntity>>();
      const roundOf = (id: string) => {
        if (!rounds.has(id))
          rounds.set(id, manager.getRepository(AssessmentRoundEntity).findOneByOrFail({ id }));
        return rounds.get(id)!;
      };
      for (const assessment of due) await conclude(manager, assessment, await roundOf(assessment.roundId));
      return due.length;
    });
    concluded += done;
    if (done < BATCH) break;
  }
  if (concluded > 0) logger.info({ concluded }, 'assessment results became final');
  return concluded;
}

async function conclude(
  manager: EntityManager,
  assessment: AssessmentEntity,
  round: AssessmentRoundEntity,
): Promise<void> {
  await manager
    .getRepository(AssessmentEntity)
    .update(assessment.id, { status: 'CONCLUDED', concludedAt: new Date() });
  const result = await manager
    .getRepository(AssessmentResultEntity)
    .findOneByOrFail({ assessmentId: assessment.id, finalisation: assessment.finalisations });
  const pending = await manager.getRepository(ConsequenceEntity).findBy({
    assessmentId: assessment.id,
    finalisation: assessment.finalisations,
    state: 'PENDING',
  });
  const reason = `${round.title}：${GRADE_LABELS[result.grade]}（${hundredthsToPoints(result.totalPoints)}分）`;
  for (const consequence of pending) {
    const carrier = CARRIED_OUT_BY[consequence.kind];
    if (carrier === 'evaluation') {
      const detail = await carryOutHere(manager, consequence, assessment, round);
      await settle(manager, consequence.id, 'APPLIED', detail);
      continue;
    }
    const facts = {
      consequenceId: consequence.id,
      assessmentId: assessment.id,
      workshopId: assessment.workshopId,
      reason,
      decidedBy: result.finalisedBy,
    };
    if (carrier === 'workshop') {
      await recordEvent<StudioStatusDecided>(manager, EVALUATION_SCHEMA, assessment.regionCode, {
        type: 'evaluation.studio-status-decided',
        ...facts,
        decision: STATUS_DECISIONS[consequence.kind]!,
        ...(consequence.dueOn ? { rectificationDeadline: consequence.dueOn } : {}),
      });
    } else {
      await recordEvent<StudioFundsDecided>(manager, EVALUATION_SCHEMA, assessment.regionCode, {
        type: 'evaluation.studio-funds-decided',
        ...facts,
        ...(consequence.kind === 'FREEZE_FUNDS'
          ? { decision: 'FREEZE' as const }
          : {
              decision: 'REWARD' as const,
              amountFen: consequence.amountFen!.toString(),
              sourceLevel: round.level,
              year: Number(round.periodTo.slice(0, 4)) + 1,
            }),
      });
    }
    await settle(manager, consequence.id, 'SENT', `Sent to the ${carrier} service`);
  }
}

/** REWARD is recorded here; FOLLOW_UP puts the studio into the round's follow-up round. */
async function carryOutHere(
  manager: EntityManager,
  consequence: ConsequenceEntity,
  assessment: AssessmentEntity,
  round: AssessmentRoundEntity,
): Promise<string> {
  if (consequence.kind === 'REWARD') return '优秀工作室：奖励已记录 (reward recorded)';
  const followUp = await followUpRound(manager, round, consequence.dueOn!);
  await manager
    .createQueryBuilder()
    .insert()
    .into(AssessmentEntity)
    .values({
      roundId: followUp.id,
      workshopId: assessment.workshopId,
      regionCode: assessment.regionCode,
      hostRegionCode: assessment.hostRegionCode,
      hostSchoolId: assessment.hostSchoolId,
      workshopLevel: assessment.workshopLevel,
      workshopType: assessment.workshopType,
      status: 'OPEN',
      finalisations: 0,
    })
    .orIgnore()
    .execute();
  return `整改复评 opened in ${followUp.title}, due by ${consequence.dueOn}`;
}

/** The round's follow-up round (one per round), opened the first time one of its results needs it. */
async function followUpRound(
  manager: EntityManager,
  round: AssessmentRoundEntity,
  dueOn: string,
): Promise<AssessmentRoundEntity> {
  const rounds = manager.getRepository(AssessmentRoundEntity);
  const existing = await rounds.findOneBy({ followUpOf: round.id });
  if (existing) return existing;
  return rounds.save({
    schemeId: round.schemeId,
    kind: 'FOLLOW_UP',
    followUpOf: round.id,
    title: `${round.title}（整改复评）`.slice(0, 100),
    level: round.level,
    regionCode: round.regionCode,
    periodFrom: round.periodFrom,
    periodTo: round.periodTo,
    deadline: dueOn,
    appealWindowDays: round.appealWindowDays,
    rectificationDays: round.rectificationDays,
    rewardFen: null,
    createdBy: 'system',
  });
}

/** Moves a consequence along; `from` guards against going back (a late answer for a withdrawn one). */
export async function settle(
  manager: EntityManager,
  id: string,
  state: ConsequenceEntity['state'],
  detail: string,
  from?: ConsequenceEntity['state'],
): Promise<void> {
  const update = manager
    .createQueryBuilder()
    .update(ConsequenceEntity)
    .set({ state, detail: detail.slice(0, 500) })
    .where('id = :id', { id });
  if (from) update.andWhere('state = :from', { from });
  await update.execute();
}
