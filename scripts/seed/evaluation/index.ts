import { APPEAL_WINDOW_DAYS, RECTIFICATION_DAYS } from '../assessment-calendar';
import { chinaTime } from '../calendar';
import { SEED_USER, type SeedContext } from '../context';
import { json, type CopyValue } from '../copy';
import type { AllocationPlan } from '../finance/funds';
import type { WorkshopSeed } from '../workshop';
import { groupBy } from '../workshop/collections';
import { storyCycles } from '../workshop/lifecycle';
import type { AssessmentPlan } from './assessments';
import { planRounds, type RoundPlan } from './rounds';
import { planSchemes, type Office, type SchemeVersionPlan } from './schemes';

/**
 * The evaluation family: every office's published assessment scheme (安宁's in two versions), its
 * annual, term-end and follow-up rounds with one assessment per studio running then, evaluators,
 * self-reports, expert scores, finalised results and their consequences — the results each
 * studio's status history requires (histories.ts), scored by the service's own rules from the
 * studio's records and money as the workshop and finance families planned them.
 */
export async function seedEvaluation(
  ctx: SeedContext,
  workshop: WorkshopSeed,
  allocations: readonly AllocationPlan[],
): Promise<void> {
  const asOf = ctx.calendar.today;
  const offices: Office[] = [...groupBy(workshop.studios, (s) => s.jurisdiction.code).values()].map(
    (studios) => ({ level: studios[0]!.level, code: studios[0]!.jurisdiction.code, studios }),
  );
  const cycles = storyCycles(asOf);
  // 安宁's revision took effect in the current cycle's second year: its first year was assessed under
  // the version it replaced, so both versions have results.
  const schemes = planSchemes(offices, cycles.previous, cycles.current + 1);
  const byStudio = new Map<string, Map<number, AllocationPlan>>();
  for (const plan of allocations) {
    const years = byStudio.get(plan.studio.id) ?? new Map<number, AllocationPlan>();
    years.set(plan.year, plan);
    byStudio.set(plan.studio.id, years);
  }
  const inputs = {
    schemes: groupBy(schemes, (s) => s.regionCode),
    records: workshop.records,
    allocations: byStudio,
    asOf,
  };
  const rounds = offices.flatMap((office) => planRounds(office, inputs));
  const assessments = rounds.flatMap((round) => round.assessments.map((a) => ({ round, a })));

  await loadSchemes(ctx, schemes);
  await ctx.load({
    table: 'evaluation.assessment_round',
    columns: [
      'id',
      'scheme_id',
      'kind',
      'follow_up_of',
      'title',
      'level',
      'region_code',
      'period_from',
      'period_to',
      'deadline',
      'appeal_window_days',
      'rectification_days',
      'reward_fen',
      'created_by',
      'created_at',
    ],
    rows: rounds.map((r) => [
      r.id,
      r.scheme.id,
      r.kind,
      r.followUpOf,
      r.title,
      r.office.level,
      r.office.code,
      r.period.from,
      r.period.to,
      r.deadline,
      APPEAL_WINDOW_DAYS,
      RECTIFICATION_DAYS,
      // Rewards go through each office's own award (西区's 教育教学质量考核奖), not the studio's funds.
      null,
      r.createdBy,
      r.createdAt,
    ]),
    // A follow-up round refers to its annual round.
    orderBy: 'staged.follow_up_of IS NOT NULL',
  });
  await loadAssessments(ctx, assessments);
}

async function loadSchemes(ctx: SeedContext, schemes: readonly SchemeVersionPlan[]): Promise<void> {
  await ctx.load({
    table: 'evaluation.assessment_scheme',
    columns: [
      'id',
      'scheme_key',
      'version',
      'name',
      'level',
      'region_code',
      'status',
      'combination',
      'indicators',
      'total_points',
      'excellent_points',
      'qualified_points',
      'basic_points',
      'comments_close_on',
      'created_by',
      'created_at',
      'published_by',
      'published_at',
    ],
    rows: schemes.map((s) => [
      s.id,
      s.schemeKey,
      s.version,
      s.name,
      s.level,
      s.regionCode,
      'PUBLISHED',
      s.combination,
      json(s.indicators),
      s.totalPoints,
      s.thresholds.excellent,
      s.thresholds.qualified,
      s.thresholds.basic,
      s.commentsCloseOn,
      SEED_USER,
      chinaTime(s.draftedOn, '10:00'),
      SEED_USER,
      chinaTime(s.publishedOn, '16:00'),
    ]),
  });
  await ctx.load({
    table: 'evaluation.scheme_comment',
    columns: [
      'id',
      'scheme_id',
      'scheme_region_code',
      'workshop_id',
      'workshop_region_code',
      'author_teacher_id',
      'indicator_code',
      'body',
      'created_at',
    ],
    rows: schemes.flatMap((s) =>
      s.comments.map((c) => [
        c.id,
        s.id,
        s.regionCode,
        c.studio.id,
        c.studio.jurisdiction.code,
        c.studio.host.id,
        c.indicatorCode,
        c.body,
        chinaTime(c.on, '21:00'),
      ]),
    ),
  });
}

async function loadAssessments(
  ctx: SeedContext,
  assessments: readonly { round: RoundPlan; a: AssessmentPlan }[],
): Promise<void> {
  await ctx.load({
    table: 'evaluation.assessment',
    columns: [
      'id',
      'round_id',
      'workshop_id',
      'region_code',
      'host_region_code',
      'host_school_id',
      'workshop_level',
      'workshop_type',
      'status',
      'total_points',
      'grade',
      'finalisations',
      'appeal_closes_at',
      'concluded_at',
      'created_at',
    ],
    rows: assessments.map(({ a }) => {
      const { studio } = a.records;
      return [
        a.id,
        a.roundId,
        studio.id,
        studio.jurisdiction.code,
        studio.host.school.county.code,
        studio.host.school.id,
        studio.level,
        studio.type,
        a.result ? 'CONCLUDED' : 'OPEN',
        a.result?.total ?? null,
        a.result?.grade ?? null,
        a.result ? 1 : 0,
        a.result?.appealClosesAt ?? null,
        a.result?.concludedAt ?? null,
        a.createdAt,
      ];
    }),
  });
  await ctx.load({
    table: 'evaluation.evaluator_assignment',
    columns: ['assessment_id', 'teacher_id', 'assigned_by', 'assigned_at'],
    rows: assessments.flatMap(({ a }) =>
      a.evaluators.map((e) => [a.id, e.teacherId, SEED_USER, e.assignedAt]),
    ),
  });
  await ctx.load({
    table: 'evaluation.self_report',
    columns: ['assessment_id', 'summary', 'evidence', 'submitted_by', 'submitted_at'],
    rows: assessments.flatMap(({ a }) =>
      a.selfReport
        ? [[a.id, a.selfReport.summary, json(a.selfReport.evidence), SEED_USER, a.selfReport.submittedAt]]
        : [],
    ),
  });
  await ctx.load({
    table: 'evaluation.expert_score',
    columns: ['assessment_id', 'indicator_code', 'evaluator_teacher_id', 'points', 'comment', 'updated_at'],
    rows: expertScoreRows(assessments),
  });
  await ctx.load({
    table: 'evaluation.assessment_result',
    columns: [
      'assessment_id',
      'finalisation',
      'total_points',
      'grade',
      'indicator_scores',
      'finalised_by',
      'finalised_at',
    ],
    rows: assessments.flatMap(({ a }) =>
      a.result
        ? [[a.id, 1, a.result.total, a.result.grade, json(a.result.scores), SEED_USER, a.result.finalisedAt]]
        : [],
    ),
  });
  await ctx.load({
    table: 'evaluation.consequence',
    columns: [
      'id',
      'assessment_id',
      'finalisation',
      'kind',
      'state',
      'detail',
      'due_on',
      'amount_fen',
      'created_at',
      'updated_at',
    ],
    rows: assessments.flatMap(({ a }) =>
      a.consequences.map((c) => [
        c.id,
        a.id,
        1,
        c.kind,
        c.state,
        c.detail,
        c.dueOn,
        null,
        c.createdAt,
        c.updatedAt,
      ]),
    ),
  });
}

/** Expert scores are the largest table here (a province's half million): streamed, not listed. */
function* expertScoreRows(assessments: readonly { a: AssessmentPlan }[]): Generator<readonly CopyValue[]> {
  for (const { a } of assessments) {
    for (const s of a.expertScores) yield [a.id, s.indicatorCode, s.teacherId, s.points, null, s.updatedAt];
  }
}
