import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from './fixtures';
import type { TestSystem, TokenRequest } from './system';
import type { Studio } from './workshop-fixtures';

export const SCHEME_FIELDS = `id schemeKey version name level status totalScore leafCount combination
  gradeThresholds { excellent qualified basic } region { code } commentsCloseOn publishedBy
  indicators { code level title maxScore children { code level title maxScore children {
    code level title maxScore source rule { metric method target activityType steps { value points } } } } }`;

export const DRAFT_SCHEME = `mutation ($input: DraftAssessmentSchemeInput!) { draftAssessmentScheme(input: $input) { ${SCHEME_FIELDS} } }`;
export const PUBLISH_SCHEME = `mutation ($id: ID!) { publishAssessmentScheme(id: $id) { ${SCHEME_FIELDS} } }`;
export const OPEN_ROUND = `mutation ($input: OpenAssessmentRoundInput!) { openAssessmentRound(input: $input) {
  id kind title deadline appealWindowDays periodFrom periodTo scheme { id version }
  assessments(first: 100) { nodes { id status workshop { id } } } } }`;

export const ASSESSMENT_FIELDS = `id status appealClosesAt reopenedReason workshop { id } round { id kind }
  evaluators { id } expertScores { indicatorCode score evaluator { id } comment }
  selfReport { summary evidence { kind recordId note } }
  result { finalisation total grade finalisedBy indicatorScores { indicatorCode source score maxScore evaluatorCount figure inputs { name value } } }
  resultHistory { finalisation total grade }
  consequences { kind state detail dueOn amount }`;
export const READ_ASSESSMENT = `query ($id: ID!) { assessment(id: $id) { ${ASSESSMENT_FIELDS} } }`;
export const ASSIGN = `mutation ($input: AssignEvaluatorsInput!) { assignEvaluators(input: $input) { id evaluators { id } } }`;
export const SCORE = `mutation ($input: ScoreAssessmentInput!) { scoreAssessment(input: $input) { id expertScores { indicatorCode score } } }`;
export const SELF_REPORT = `mutation ($input: SubmitSelfReportInput!) { submitSelfReport(input: $input) { id selfReport { summary evidence { kind recordId } } } }`;
export const FINALISE = `mutation ($id: ID!) { finaliseAssessment(id: $id) { ${ASSESSMENT_FIELDS} } }`;
export const REOPEN = `mutation ($id: ID!, $reason: String!) { reopenAssessment(id: $id, reason: $reason) { ${ASSESSMENT_FIELDS} } }`;

/** The expert indicators of `schemeContent()` and their maxima. */
export const EXPERT_CODES = ['A1.B1.C1', 'A2.B1.C1'] as const;

/**
 * A small scheme of four C-level indicators, 100 points: two scored by experts (30 each), one from
 * the period's activities (20, linear to 10 activities) and one from the budget execution rate
 * (20 at 80 %, 10 at 50 %). 优秀 ≥ 85, 合格 ≥ 70, 基本合格 ≥ 60.
 */
export function schemeContent(overrides: Record<string, unknown> = {}) {
  return {
    name: '工作室年度考核方案',
    combination: 'TRIMMED_MEAN',
    gradeThresholds: { excellent: '85', qualified: '70', basic: '60' },
    indicators: [
      {
        title: '团队建设',
        children: [
          {
            title: '研修与活动',
            children: [
              { title: '团队研修质量', maxScore: '30', source: 'EXPERT' },
              {
                title: '研修活动次数',
                maxScore: '20',
                source: 'COMPUTED',
                rule: { metric: 'ACTIVITIES', method: 'LINEAR', target: 10 },
              },
            ],
          },
        ],
      },
      {
        title: '经费管理',
        children: [
          {
            title: '经费使用',
            children: [
              { title: '经费管理规范', maxScore: '30', source: 'EXPERT' },
              {
                title: '预算执行率',
                maxScore: '20',
                source: 'COMPUTED',
                rule: {
                  metric: 'BUDGET_EXECUTION_RATE',
                  method: 'AT_LEAST',
                  steps: [
                    { value: 0.5, points: '10' },
                    { value: 0.8, points: '20' },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** A scheme scored by experts alone, 50 points on each of EXPERT_CODES: its results need no figures. */
export function expertOnlyContent() {
  const leaf = (title: string) => ({
    title,
    children: [
      {
        title: `${title}·评审`,
        children: [{ title: `${title}·专家评分`, maxScore: '50', source: 'EXPERT' }],
      },
    ],
  });
  return schemeContent({ indicators: [leaf('团队建设'), leaf('示范辐射')] });
}

/** Drafts and publishes `schemeContent()` as `office`; answers the version's id. */
export async function publishedScheme(
  system: TestSystem,
  office: TokenRequest,
  content: Record<string, unknown> = schemeContent(),
): Promise<string> {
  const drafted = await system.gql(office, DRAFT_SCHEME, { input: { content } });
  if (!drafted.data?.draftAssessmentScheme)
    throw new Error(`draft failed: ${JSON.stringify(drafted.errors)}`);
  const id = drafted.data.draftAssessmentScheme.id as string;
  const published = await system.gql(office, PUBLISH_SCHEME, { id });
  if (published.errors) throw new Error(`publish failed: ${JSON.stringify(published.errors)}`);
  return id;
}

export interface Round {
  id: string;
  /** The round's assessment of each studio, by studio id. */
  assessments: Map<string, string>;
}

/** Opens a round as `office` for a period of `year`; answers it with its assessments by studio. */
export async function openedRound(
  system: TestSystem,
  office: TokenRequest,
  schemeId: string,
  options: {
    title?: string;
    kind?: string;
    year?: number;
    appealWindowDays?: number;
    rewardAmount?: string;
    deadline?: string;
  } = {},
): Promise<Round> {
  const year = options.year ?? new Date().getFullYear();
  const r = await system.gql(office, OPEN_ROUND, {
    input: {
      schemeId,
      kind: options.kind ?? 'ANNUAL',
      title: options.title ?? `${year}年度工作室考核`,
      period: { from: `${year}-01-01`, to: `${year}-12-31` },
      // Past years' rounds in tests still take self-reports: the deadline is next year's end.
      deadline: options.deadline ?? `${new Date().getFullYear() + 1}-12-31`,
      appealWindowDays: options.appealWindowDays ?? 15,
      ...(options.rewardAmount ? { rewardAmount: options.rewardAmount } : {}),
    },
  });
  if (!r.data?.openAssessmentRound)
    throw new Error(`openAssessmentRound failed: ${JSON.stringify(r.errors)}`);
  const round = r.data.openAssessmentRound;
  return {
    id: round.id,
    assessments: new Map(
      (round.assessments.nodes as { id: string; workshop: { id: string } }[]).map((a) => [
        a.workshop.id,
        a.id,
      ]),
    ),
  };
}

/** A teacher of another school in `countyCode`, acting as an evaluator (评审专家) with scope over `region`. */
export async function evaluator(
  system: TestSystem,
  countyCode: string,
  region = countyCode,
): Promise<TokenRequest & { teacherId: string }> {
  const school = await createSchool(system, countyCode);
  const teacher = await createTeacher(system, school, countyCode);
  return { role: Role.EVALUATOR, region, teacherId: teacher.id, userId: `evaluator-${teacher.id}` };
}

/** Assigns evaluators to an assessment as the round's office. */
export async function assigned(
  system: TestSystem,
  office: TokenRequest,
  assessmentId: string,
  evaluators: { teacherId: string }[],
): Promise<void> {
  const r = await system.gql(office, ASSIGN, {
    input: { assessmentId, teacherIds: evaluators.map((e) => e.teacherId) },
  });
  if (r.errors) throw new Error(`assignEvaluators failed: ${JSON.stringify(r.errors)}`);
}

/** Scores every expert indicator of `schemeContent()` with the same points. */
export async function scored(
  system: TestSystem,
  as: TokenRequest,
  assessmentId: string,
  points: string,
): Promise<void> {
  const r = await system.gql(as, SCORE, {
    input: { assessmentId, scores: EXPERT_CODES.map((indicatorCode) => ({ indicatorCode, score: points })) },
  });
  if (r.errors) throw new Error(`scoreAssessment failed: ${JSON.stringify(r.errors)}`);
}

/**
 * A studio assessed in a fresh round: scheme published, round opened, one evaluator assigned who
 * gives `points` to each expert indicator. Not finalised.
 */
export async function assessedStudio(
  system: TestSystem,
  studio: Studio,
  points: string,
  roundOptions: Parameters<typeof openedRound>[3] = {},
  content: Record<string, unknown> = schemeContent(),
): Promise<{ assessmentId: string; roundId: string; expert: TokenRequest & { teacherId: string } }> {
  const schemeId = await publishedScheme(system, studio.office, content);
  const round = await openedRound(system, studio.office, schemeId, roundOptions);
  const assessmentId = round.assessments.get(studio.id);
  if (!assessmentId) throw new Error('the round did not assess the studio');
  const expert = await evaluator(
    system,
    studio.regionCode.endsWith('00') ? '510403' : studio.regionCode,
    studio.regionCode,
  );
  await assigned(system, studio.office, assessmentId, [expert]);
  await scored(system, expert, assessmentId, points);
  return { assessmentId, roundId: round.id, expert };
}
