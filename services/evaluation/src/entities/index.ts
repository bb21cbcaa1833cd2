import { AssessmentResultEntity } from './assessment-result.entity';
import { AssessmentRoundEntity } from './assessment-round.entity';
import { AssessmentSchemeEntity } from './assessment-scheme.entity';
import { AssessmentEntity } from './assessment.entity';
import { ConsequenceEntity } from './consequence.entity';
import { EvaluatorAssignmentEntity } from './evaluator-assignment.entity';
import { ExpertScoreEntity } from './expert-score.entity';
import { SchemeCommentEntity } from './scheme-comment.entity';
import { SelfReportEntity } from './self-report.entity';

export {
  AssessmentEntity,
  AssessmentResultEntity,
  AssessmentRoundEntity,
  AssessmentSchemeEntity,
  ConsequenceEntity,
  EvaluatorAssignmentEntity,
  ExpertScoreEntity,
  SchemeCommentEntity,
  SelfReportEntity,
};

export const evaluationEntities = [
  AssessmentSchemeEntity,
  SchemeCommentEntity,
  AssessmentRoundEntity,
  AssessmentEntity,
  EvaluatorAssignmentEntity,
  SelfReportEntity,
  ExpertScoreEntity,
  AssessmentResultEntity,
  ConsequenceEntity,
];
