import { Role } from '@mingshi/auth';
import { addDays, chinaToday } from '@mingshi/graphql';
import { openedRound, schemeContent } from './evaluation-fixtures';
import { createSchool, createTeacher } from './fixtures';
import type { FieldBase } from './fuzz-cases';
import type { TestSystem, TokenRequest } from './system';
import { foundStudio, type Studio } from './workshop-fixtures';
import { planted } from './planting';

/**
 * What the fuzzer's evaluation calls act on, in the fuzz county: a published scheme and a version
 * of it out for comment, a draft to publish, a round with an open assessment (an evaluator
 * assigned, for scoring) and two finalised ones (one to reopen, one to leave final).
 */
export interface EvaluationTargets {
  publishedSchemeId: string;
  commentableSchemeId: string;
  draftSchemeId: string;
  roundId: string;
  openAssessmentId: string;
  reopenableAssessmentId: string;
  /** Open, every expert indicator scored: finaliseAssessment. */
  finalisableAssessmentId: string;
  /** A round year nothing holds yet: openAssessmentRound may open it. */
  freeYear: number;
  evaluator: TokenRequest & { teacherId: string };
  studio: Studio;
}

/** Each set of targets assesses a year of its own: a county holds one annual round per year. */
let nextYear = 2015;

const DRAFT = `mutation ($input: DraftAssessmentSchemeInput!) { draftAssessmentScheme(input: $input) { id } }`;

/** Plants a set in the studios' county, as its office, host and an evaluator would. */
export async function plantEvaluationTargets(
  system: TestSystem,
  office: TokenRequest,
  studios: [Studio, Studio],
): Promise<EvaluationTargets> {
  const [studio, second] = studios;
  const third = await foundStudio(system, { countyCode: studio.regionCode });
  const draft = async (input: object) =>
    (await planted<{ draftAssessmentScheme: { id: string } }>(system, office, DRAFT, { input }))
      .draftAssessmentScheme.id;
  const publishedSchemeId = await draft({ content: schemeContent() });
  await planted(system, office, `mutation ($id: ID!) { publishAssessmentScheme(id: $id) { id } }`, {
    id: publishedSchemeId,
  });
  const commentableSchemeId = await draft({ basedOnId: publishedSchemeId, content: schemeContent() });
  await planted(
    system,
    office,
    `mutation ($id: ID!, $on: Date!) { openSchemeForComment(id: $id, commentsCloseOn: $on) { id } }`,
    {
      id: commentableSchemeId,
      on: addDays(chinaToday(), 60),
    },
  );
  const draftSchemeId = await draft({ content: schemeContent() });

  const year = nextYear;
  nextYear += 2;
  const round = await openedRound(system, office, publishedSchemeId, {
    year,
    deadline: addDays(chinaToday(), 60),
    appealWindowDays: 30,
  });
  const assessmentOf = (s: Studio) => round.assessments.get(s.id)!;
  const school = await createSchool(system, studio.regionCode);
  const teacher = await createTeacher(system, school, studio.regionCode);
  const evaluator = { role: Role.EVALUATOR, region: studio.regionCode, teacherId: teacher.id };
  for (const assessmentId of [assessmentOf(studio), assessmentOf(second), assessmentOf(third)]) {
    await planted(
      system,
      office,
      `mutation ($input: AssignEvaluatorsInput!) { assignEvaluators(input: $input) { id } }`,
      {
        input: { assessmentId, teacherIds: [teacher.id] },
      },
    );
  }
  const reopenableAssessmentId = assessmentOf(second);
  const finalisableAssessmentId = assessmentOf(third);
  for (const assessmentId of [reopenableAssessmentId, finalisableAssessmentId]) {
    await planted(
      system,
      evaluator,
      `mutation ($input: ScoreAssessmentInput!) { scoreAssessment(input: $input) { id } }`,
      {
        input: {
          assessmentId,
          scores: [
            { indicatorCode: 'A1.B1.C1', score: '20' },
            { indicatorCode: 'A2.B1.C1', score: '20' },
          ],
        },
      },
    );
  }
  await planted(system, office, `mutation ($id: ID!) { finaliseAssessment(id: $id) { id } }`, {
    id: reopenableAssessmentId,
  });
  return {
    publishedSchemeId,
    commentableSchemeId,
    draftSchemeId,
    roundId: round.id,
    openAssessmentId: assessmentOf(studio),
    reopenableAssessmentId,
    finalisableAssessmentId,
    freeYear: year + 1,
    evaluator,
    studio,
  };
}

type Builder = (t: EvaluationTargets, office: TokenRequest) => FieldBase;

/** A valid call of every evaluation root field that takes arguments, as its natural caller. */
export const EVALUATION_BASES: { query: Record<string, Builder>; mutation: Record<string, Builder> } = {
  query: {
    assessmentScheme: (t, office) => ({ caller: office, args: { id: t.publishedSchemeId } }),
    assessmentSchemes: (_t, office) => ({
      caller: office,
      args: { filter: { regionCode: office.region, status: 'PUBLISHED' }, first: 10 },
    }),
    compareSchemeVersions: (t, office) => ({
      caller: office,
      args: { from: t.publishedSchemeId, to: t.commentableSchemeId },
    }),
    assessmentRound: (t, office) => ({ caller: office, args: { id: t.roundId } }),
    assessmentRounds: (_t, office) => ({
      caller: office,
      args: { filter: { regionCode: office.region, kind: 'ANNUAL' }, first: 10 },
    }),
    assessment: (t, office) => ({ caller: office, args: { id: t.openAssessmentId } }),
    myEvaluations: (t) => ({ caller: t.evaluator, args: { first: 10 } }),
    roundRanking: (t, office) => ({ caller: office, args: { roundId: t.roundId, first: 10 } }),
    gradeDistribution: (t, office) => ({
      caller: office,
      args: { filter: { regionCode: office.region, year: t.freeYear - 1 }, groupBy: 'COUNTY' },
    }),
  },
  mutation: {
    draftAssessmentScheme: (t, office) => ({
      caller: office,
      args: { input: { basedOnId: t.publishedSchemeId, content: schemeContent() } },
    }),
    reviseAssessmentScheme: (t, office) => ({
      caller: office,
      args: { id: t.commentableSchemeId, input: schemeContent({ name: '修订后的考核方案' }) },
    }),
    openSchemeForComment: (t, office) => ({
      caller: office,
      args: { id: t.commentableSchemeId, commentsCloseOn: addDays(chinaToday(), 30) },
    }),
    commentOnScheme: (t) => ({
      caller: t.studio.hostCaller,
      args: {
        input: {
          schemeId: t.commentableSchemeId,
          workshopId: t.studio.id,
          indicatorCode: 'A1.B1.C1',
          body: '建议降低该项分值',
        },
      },
    }),
    publishAssessmentScheme: (t, office) => ({ caller: office, args: { id: t.draftSchemeId } }),
    openAssessmentRound: (t, office) => ({
      caller: office,
      args: {
        input: {
          schemeId: t.publishedSchemeId,
          kind: 'MIDTERM',
          title: `${t.freeYear}年度中期考核`,
          period: { from: `${t.freeYear}-01-01`, to: `${t.freeYear}-06-30` },
          deadline: `${t.freeYear}-07-31`,
          appealWindowDays: 10,
          rectificationDays: 90,
          rewardAmount: '1000.00',
        },
      },
    }),
    assignEvaluators: (t, office) => ({
      caller: office,
      args: { input: { assessmentId: t.openAssessmentId, teacherIds: [t.evaluator.teacherId] } },
    }),
    submitSelfReport: (t) => ({
      caller: t.studio.hostCaller,
      args: {
        input: { assessmentId: t.openAssessmentId, summary: '本年度工作室开展研修活动', evidence: [] },
      },
    }),
    scoreAssessment: (t) => ({
      caller: t.evaluator,
      args: {
        input: {
          assessmentId: t.openAssessmentId,
          scores: [{ indicatorCode: 'A1.B1.C1', score: '20.5', comment: '团队研修扎实' }],
        },
      },
    }),
    finaliseAssessment: (t, office) => ({ caller: office, args: { id: t.finalisableAssessmentId } }),
    reopenAssessment: (t, office) => ({
      caller: office,
      args: { id: t.reopenableAssessmentId, reason: '申诉复核' },
    }),
  },
};
