import { BadUserInputError, DateScalar, DateTimeScalar, MoneyScalar, ScoreScalar } from '@mingshi/graphql';
import type { Resolvers } from '../generated/resolvers-types';
import { compareSchemes } from '../rules/scheme-comparison';
import {
  assignEvaluators,
  getAssessment,
  myEvaluations,
  scoreAssessment,
  submitSelfReport,
} from '../services/assessment.service';
import { finaliseAssessment, reopenAssessment } from '../services/finalisation.service';
import { gradeDistribution } from '../services/grade-distribution.service';
import { gradeStats } from '../services/grade-stats.service';
import { roundRanking } from '../services/ranking.service';
import { getRound, listRounds, openRound } from '../services/round.service';
import {
  commentOnScheme,
  draftScheme,
  getScheme,
  listSchemes,
  openForComment,
  publishScheme,
  reviseScheme,
} from '../services/scheme.service';
import {
  Assessment,
  AssessmentResult,
  AssessmentRound,
  Consequence,
  Evidence,
  ExpertScore,
  GradeDistributionGroup,
  RankingEntry,
} from './assessments';
import { GradeStatsGroup, Region } from './grade-stats';
import { AssessmentScheme, Indicator, SchemeComment, SchemeComparison } from './schemes';
import { Workshop } from './workshop';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
  Score: ScoreScalar,
  Query: {
    assessmentScheme: (_p, { id }, ctx) => getScheme(ctx, id),
    assessmentSchemes: (_p, { filter, first, after }, ctx) => listSchemes(ctx, filter, { first, after }),
    compareSchemeVersions: async (_p, { from, to }, ctx) => {
      const [before, after] = [await getScheme(ctx, from, 'from'), await getScheme(ctx, to, 'to')];
      if (before.schemeKey !== after.schemeKey) {
        throw new BadUserInputError('to must be a version of the same scheme as from', 'to');
      }
      return compareSchemes(before, after);
    },
    assessmentRound: (_p, { id }, ctx) => getRound(ctx, id),
    assessmentRounds: (_p, { filter, first, after }, ctx) => listRounds(ctx, filter, { first, after }),
    assessment: (_p, { id }, ctx) => getAssessment(ctx, id),
    myEvaluations: (_p, { first, after }, ctx) => myEvaluations(ctx, { first, after }),
    roundRanking: (_p, { roundId, first, after }, ctx) => roundRanking(ctx, roundId, { first, after }),
    gradeDistribution: (_p, { filter, groupBy }, ctx) => gradeDistribution(ctx, filter, groupBy),
    gradeStats: (_p, { filter, groupBy }, ctx) => gradeStats(ctx, filter, groupBy),
  },
  Mutation: {
    draftAssessmentScheme: (_p, { input }, ctx) => draftScheme(ctx, input),
    reviseAssessmentScheme: (_p, { id, input }, ctx) => reviseScheme(ctx, id, input),
    openSchemeForComment: (_p, { id, commentsCloseOn }, ctx) => openForComment(ctx, id, commentsCloseOn),
    commentOnScheme: (_p, { input }, ctx) => commentOnScheme(ctx, input),
    publishAssessmentScheme: (_p, { id }, ctx) => publishScheme(ctx, id),
    openAssessmentRound: (_p, { input }, ctx) => openRound(ctx, input),
    assignEvaluators: (_p, { input }, ctx) => assignEvaluators(ctx, input),
    submitSelfReport: (_p, { input }, ctx) => submitSelfReport(ctx, input),
    scoreAssessment: (_p, { input }, ctx) => scoreAssessment(ctx, input),
    finaliseAssessment: (_p, { id }, ctx) => finaliseAssessment(ctx, id),
    reopenAssessment: (_p, { id, reason }, ctx) => reopenAssessment(ctx, id, reason),
  },
  AssessmentScheme,
  Indicator,
  SchemeComment,
  SchemeComparison,
  AssessmentRound,
  Assessment,
  Evidence,
  ExpertScore,
  AssessmentResult,
  Consequence,
  RankingEntry,
  GradeDistributionGroup,
  GradeStatsGroup,
  Region,
  Workshop,
};
