import { addDays, chinaToday } from '@mingshi/graphql';
import { Role } from '@mingshi/auth';
import { openedRound, schemeContent } from './evaluation-fixtures';
import type { TestSystem } from './system';
import type { Studio } from './workshop-fixtures';
import { planted } from './planting';

/**
 * A studio's assessment, as its office and host would leave it: a published scheme and a second
 * version out for comment (with the host's comment), a round under the first, the host's
 * self-report, an evaluator's scores and a finalised result whose consequences wait on the appeal
 * window. Texts carry the studio's name, so that a response showing them is easy to spot.
 */
export interface PlantedEvaluation {
  schemeIds: [string, string];
  schemeName: string;
  roundId: string;
  assessmentId: string;
  selfReportSummary: string;
  commentBody: string;
}

export async function plantEvaluation(
  system: TestSystem,
  studio: Studio & { name: string },
  evidenceActivityId: string,
  evaluatorTeacherId: string,
  year: number,
): Promise<PlantedEvaluation> {
  const office = studio.office;
  const schemeName = `${studio.name}·考核方案`;
  const content = schemeContent({ name: schemeName });
  const draft = `mutation ($input: DraftAssessmentSchemeInput!) { draftAssessmentScheme(input: $input) { id } }`;
  const v1 = (
    await planted<{ draftAssessmentScheme: { id: string } }>(system, office, draft, { input: { content } })
  ).draftAssessmentScheme.id;
  await planted(system, office, `mutation ($id: ID!) { publishAssessmentScheme(id: $id) { id } }`, {
    id: v1,
  });
  // Version 2 reweights the first expert indicator, so the comparison has something in each list.
  const reweighted = schemeContent({ name: schemeName });
  (reweighted.indicators as any)[0].children[0].children[0].maxScore = '25';
  (reweighted.indicators as any)[0].children[0].children.push({
    title: `${studio.name}·新增指标`,
    maxScore: '5',
    source: 'EXPERT',
  });
  (reweighted.indicators as any)[1].children[0].children.pop();
  (reweighted.indicators as any)[1].children[0].children.push({
    title: '课题研究',
    maxScore: '20',
    source: 'EXPERT',
  });
  const v2 = (
    await planted<{ draftAssessmentScheme: { id: string } }>(system, office, draft, {
      input: { basedOnId: v1, content: reweighted },
    })
  ).draftAssessmentScheme.id;
  await planted(
    system,
    office,
    `mutation ($id: ID!, $on: Date!) { openSchemeForComment(id: $id, commentsCloseOn: $on) { id } }`,
    {
      id: v2,
      on: addDays(chinaToday(), 30),
    },
  );
  const commentBody = `${studio.name}·方案意见`;
  await planted(
    system,
    studio.hostCaller,
    `mutation ($input: CommentOnSchemeInput!) { commentOnScheme(input: $input) { id } }`,
    {
      input: { schemeId: v2, workshopId: studio.id, indicatorCode: 'A1.B1.C1', body: commentBody },
    },
  );

  const round = await openedRound(system, office, v1, {
    title: `${studio.name}·${year}年度考核`,
    year,
    rewardAmount: '1000.00',
  });
  const assessmentId = round.assessments.get(studio.id)!;
  const selfReportSummary = `${studio.name}·年度自评`;
  await planted(
    system,
    studio.hostCaller,
    `mutation ($input: SubmitSelfReportInput!) { submitSelfReport(input: $input) { id } }`,
    {
      input: {
        assessmentId,
        summary: selfReportSummary,
        evidence: [{ kind: 'ACTIVITY', recordId: evidenceActivityId, note: '送教' }],
      },
    },
  );
  await planted(
    system,
    office,
    `mutation ($input: AssignEvaluatorsInput!) { assignEvaluators(input: $input) { id } }`,
    {
      input: { assessmentId, teacherIds: [evaluatorTeacherId] },
    },
  );
  const expert = { role: Role.EVALUATOR, region: studio.regionCode, teacherId: evaluatorTeacherId };
  await planted(
    system,
    expert,
    `mutation ($input: ScoreAssessmentInput!) { scoreAssessment(input: $input) { id } }`,
    {
      input: {
        assessmentId,
        scores: [
          { indicatorCode: 'A1.B1.C1', score: '5', comment: `${studio.name}·评语` },
          { indicatorCode: 'A2.B1.C1', score: '5' },
        ],
      },
    },
  );
  // A low result: 不合格, whose consequences (revoke, freeze) wait on the appeal window.
  await planted(system, office, `mutation ($id: ID!) { finaliseAssessment(id: $id) { id } }`, {
    id: assessmentId,
  });
  return {
    schemeIds: [v1, v2],
    schemeName,
    roundId: round.id,
    assessmentId,
    selfReportSummary,
    commentBody,
  };
}
