import DataLoader from 'dataloader';
import { In } from 'typeorm';
import {
  alignToKeys,
  groupToKeys,
  measuredLoaders,
  rowsByColumn,
  rowsById,
  type RequestTransaction,
} from '@mingshi/db';
import { isUuid } from '@mingshi/graphql';
import type { EvaluationContext } from './context';
import {
  AssessmentEntity,
  AssessmentResultEntity,
  AssessmentRoundEntity,
  AssessmentSchemeEntity,
  ConsequenceEntity,
  EvaluatorAssignmentEntity,
  ExpertScoreEntity,
  SchemeCommentEntity,
  SelfReportEntity,
} from './entities';
import { gradeStatsLoader } from './services/grade-stats.service';

/**
 * One set of loaders per request: each kind of row is fetched with one query for the whole page,
 * and rows outside the caller's reach never come back (row-level security on the request's
 * transaction). Role rules on top (drafts, hosts) are the services'.
 */
export function createLoaders(tx: RequestTransaction, ctx: () => EvaluationContext) {
  return measuredLoaders({
    scheme: rowsById(tx, AssessmentSchemeEntity),
    schemeVersions: rowsByColumn(tx, AssessmentSchemeEntity, 'schemeKey', { version: 'ASC' }),
    commentsByScheme: rowsByColumn(tx, SchemeCommentEntity, 'schemeId', { createdAt: 'ASC', id: 'ASC' }),
    round: rowsById(tx, AssessmentRoundEntity),
    assessment: rowsById(tx, AssessmentEntity),
    /** Newest round first: the round's period end, then when the round was opened. */
    assessmentsByWorkshop: new DataLoader<string, AssessmentEntity[]>(async (workshopIds) =>
      groupToKeys(
        workshopIds,
        await (
          await tx.manager()
        )
          .getRepository(AssessmentEntity)
          .createQueryBuilder('a')
          .innerJoin(AssessmentRoundEntity, 'r', 'r.id = a.round_id')
          .where('a.workshop_id = ANY(:ids)', { ids: workshopIds.filter(isUuid) })
          .orderBy('r.period_to', 'DESC')
          .addOrderBy('r.created_at', 'DESC')
          .getMany(),
        (a) => a.workshopId,
      ),
    ),
    assignments: rowsByColumn(tx, EvaluatorAssignmentEntity, 'assessmentId', {
      assignedAt: 'ASC',
      teacherId: 'ASC',
    }),
    selfReport: new DataLoader<string, SelfReportEntity | null>(async (ids) =>
      alignToKeys(
        ids,
        await (
          await tx.manager()
        )
          .getRepository(SelfReportEntity)
          .findBy({ assessmentId: In(ids.filter(isUuid)) }),
        (r) => r.assessmentId,
      ),
    ),
    expertScores: rowsByColumn(tx, ExpertScoreEntity, 'assessmentId', {
      indicatorCode: 'ASC',
      evaluatorTeacherId: 'ASC',
    }),
    results: rowsByColumn(tx, AssessmentResultEntity, 'assessmentId', { finalisation: 'ASC' }),
    consequences: rowsByColumn(tx, ConsequenceEntity, 'assessmentId', {
      finalisation: 'ASC',
      createdAt: 'ASC',
      kind: 'ASC',
    }),
    /** The studios a teacher hosts, asked of the workshop subgraph (once per request and teacher). */
    hostedStudios: new DataLoader<string, string[]>((teacherIds) =>
      Promise.all(teacherIds.map((id) => ctx().sources.studios.hostedStudioIds(ctx(), id))),
    ),
    /** Grade statistics over region ranges: one SQL statement for every region asking the same. */
    gradeStats: gradeStatsLoader(ctx),
  });
}

export type EvaluationLoaders = ReturnType<typeof createLoaders>;
