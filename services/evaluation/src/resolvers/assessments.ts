import { isOfficeOfLevel } from '@mingshi/auth';
import type {
  AssessmentResolvers,
  AssessmentResultResolvers,
  AssessmentRoundResolvers,
  ConsequenceResolvers,
  EvidenceResolvers,
  ExpertScoreResolvers,
  GradeDistributionGroupResolvers,
  RankingEntryResolvers,
} from '../generated/resolvers-types';
import { evaluatorTeacherId } from '../rules/permissions';
import { getAssessment, roundAssessments } from '../services/assessment.service';

export const AssessmentRound: AssessmentRoundResolvers = {
  region: (r) => ({ code: r.regionCode }),
  scheme: (r, _args, ctx) => ctx.loaders.scheme.load(r.schemeId),
  rewardAmount: (r) => r.rewardFen,
  followUpOf: (r, _args, ctx) => (r.followUpOf ? ctx.loaders.round.load(r.followUpOf) : null),
  assessments: (r, { first, after }, ctx) => roundAssessments(ctx, r, { first, after }),
};

export const Assessment: AssessmentResolvers = {
  round: (a, _args, ctx) => ctx.loaders.round.load(a.roundId),
  workshop: (a) => ({ id: a.workshopId }),
  selfReport: (a, _args, ctx) => ctx.loaders.selfReport.load(a.id),
  evaluators: async (a, _args, ctx) =>
    (await ctx.loaders.assignments.load(a.id)).map((e) => ({ id: e.teacherId })),
  /** The round's offices see every evaluator's scores; an evaluator their own; others none. */
  expertScores: async (a, _args, ctx) => {
    const scores = await ctx.loaders.expertScores.load(a.id);
    const round = await ctx.loaders.round.load(a.roundId);
    if (round && isOfficeOfLevel(ctx.principal, round)) return scores;
    const me = evaluatorTeacherId(ctx.principal);
    return me ? scores.filter((s) => s.evaluatorTeacherId === me) : [];
  },
  result: async (a, _args, ctx) =>
    a.status === 'OPEN'
      ? null
      : ((await ctx.loaders.results.load(a.id)).find((r) => r.finalisation === a.finalisations) ?? null),
  resultHistory: (a, _args, ctx) => ctx.loaders.results.load(a.id),
  consequences: (a, _args, ctx) => ctx.loaders.consequences.load(a.id),
};

export const Evidence: EvidenceResolvers = {
  activity: (e) => (e.kind === 'ACTIVITY' ? { id: e.recordId } : null),
  researchProject: (e) => (e.kind === 'RESEARCH_PROJECT' ? { id: e.recordId } : null),
  outcome: (e) => (e.kind === 'OUTCOME' ? { id: e.recordId } : null),
};

export const ExpertScore: ExpertScoreResolvers = {
  evaluator: (s) => ({ id: s.evaluatorTeacherId }),
  score: (s) => s.points,
};

export const AssessmentResult: AssessmentResultResolvers = {
  total: (r) => r.totalPoints,
  indicatorScores: (r) => r.indicatorScores,
};

export const Consequence: ConsequenceResolvers = {
  amount: (c) => c.amountFen,
};

export const RankingEntry: RankingEntryResolvers = {
  assessment: (e, _args, ctx) => getAssessment(ctx, e.assessmentId),
};

export const GradeDistributionGroup: GradeDistributionGroupResolvers = {
  region: (g) => (g.regionCode ? { code: g.regionCode } : null),
};
