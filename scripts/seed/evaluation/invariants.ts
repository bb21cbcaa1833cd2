import type { Client } from 'pg';
import type {
  ConsequenceKind,
  Grade,
  RoundKind,
  ScoreCombination,
} from '../../../services/evaluation/src/generated/resolvers-types';
import { consequencesOf } from '../../../services/evaluation/src/rules/consequences';
import type { IndicatorScoreRecord } from '../../../services/evaluation/src/rules/indicator-score';
import { leavesOf, type IndicatorNode } from '../../../services/evaluation/src/rules/scheme-tree';
import { combinePoints, pointsForFigure } from '../../../services/evaluation/src/rules/scoring';
import type { InvariantResult } from '../invariants';

const day = (timestamp: string) => `(${timestamp} AT TIME ZONE 'Asia/Shanghai')::date`;
/** The code prefix of an office's region: 52 for a province, 5203 for a city, 520302 for a county. */
const prefix = (code: string) => `(CASE WHEN ${code} LIKE '__0000' THEN left(${code}, 2)
  WHEN ${code} LIKE '____00' THEN left(${code}, 4) ELSE ${code} END)`;
/** Every C-level indicator of every scheme version. */
const LEAVES = `(SELECT s.id AS scheme_id, l->>'code' AS code, (l->>'maxPoints')::int AS max, l->>'source' AS source
  FROM evaluation.assessment_scheme s, jsonb_path_query(s.indicators, '$[*].children[*].children[*]') l)`;
const OF_ROUND = `JOIN evaluation.assessment a ON a.id = x.assessment_id
  JOIN evaluation.assessment_round ro ON ro.id = a.round_id`;
/** A studio's status at a moment, by its history. */
const statusAt = (workshop: string, at: string) => `(SELECT c.to_status FROM workshop.workshop_status_change c
  WHERE c.workshop_id = ${workshop} AND c.changed_at <= ${at} ORDER BY c.changed_at DESC, c.id DESC LIMIT 1)`;
/**
 * The status change each consequence the workshop carries out makes, with the grades and round
 * kinds that lead to it (rules/consequences.ts): what the history and the results must agree on.
 */
const DECIDED_CHANGES = `(VALUES
  ('RECTIFY', 'RECTIFYING', ARRAY['BASIC'], ARRAY['ANNUAL', 'MIDTERM']),
  ('REVOKE', 'REVOKED', ARRAY['UNQUALIFIED', 'BASIC'], ARRAY['ANNUAL', 'MIDTERM', 'FOLLOW_UP']),
  ('RETAIN', 'RENEWED', ARRAY['EXCELLENT', 'QUALIFIED'], ARRAY['TERM_END']),
  ('REORGANISE', 'REORGANIZED', ARRAY['UNQUALIFIED'], ARRAY['TERM_END']),
  ('RESTORE', 'ACTIVE', ARRAY['EXCELLENT', 'QUALIFIED'], ARRAY['FOLLOW_UP'])
) AS d(kind, status, grades, round_kinds)`;

/**
 * The evaluation rules, checked across whole tables after a seed (see ../invariants.ts): results
 * add up and are graded by their scheme, scores stay within their indicators, evaluators have no
 * conflict of interest, rounds assess each running studio once under a published scheme, and the
 * results and their consequences agree with the studios' status histories.
 */
export const EVALUATION_CHECKS: { check: string; sql: string }[] = [
  {
    check: "finalised assessments whose total is not their result's, or not the sum of its indicator scores",
    sql: `SELECT count(*) FROM evaluation.assessment a
      LEFT JOIN evaluation.assessment_result r ON r.assessment_id = a.id AND r.finalisation = a.finalisations
      WHERE a.status <> 'OPEN' AND (r.assessment_id IS NULL OR r.total_points <> a.total_points OR r.grade <> a.grade
        OR r.total_points <> (SELECT coalesce(sum((s->>'score')::int), 0) FROM jsonb_array_elements(r.indicator_scores) s))`,
  },
  {
    check: "results whose grade is not the one their scheme's thresholds give the total",
    sql: `SELECT count(*) FROM evaluation.assessment_result x ${OF_ROUND}
      JOIN evaluation.assessment_scheme s ON s.id = ro.scheme_id
      WHERE x.grade <> CASE WHEN x.total_points >= s.excellent_points THEN 'EXCELLENT'
        WHEN x.total_points >= s.qualified_points THEN 'QUALIFIED'
        WHEN x.total_points >= s.basic_points THEN 'BASIC' ELSE 'UNQUALIFIED' END`,
  },
  {
    check: "results that do not score exactly the scheme's C-level indicators, each within its maximum",
    sql: `SELECT count(*) FROM evaluation.assessment_result x ${OF_ROUND}
      WHERE (SELECT count(*) FROM jsonb_array_elements(x.indicator_scores))
          <> (SELECT count(*) FROM ${LEAVES} l WHERE l.scheme_id = ro.scheme_id)
        OR EXISTS (SELECT 1 FROM jsonb_array_elements(x.indicator_scores) i
          LEFT JOIN ${LEAVES} l ON l.scheme_id = ro.scheme_id AND l.code = i->>'indicatorCode'
          WHERE l.code IS NULL OR i->>'source' <> l.source OR (i->>'maxScore')::int <> l.max
            OR (i->>'score')::int NOT BETWEEN 0 AND l.max)`,
  },
  {
    check:
      "expert scores above their indicator's maximum, for no expert indicator of the scheme, or by no assigned evaluator",
    sql: `SELECT count(*) FROM evaluation.expert_score x ${OF_ROUND}
      LEFT JOIN ${LEAVES} l ON l.scheme_id = ro.scheme_id AND l.code = x.indicator_code
      WHERE l.code IS NULL OR l.source <> 'EXPERT' OR x.points > l.max
        OR NOT EXISTS (SELECT 1 FROM evaluation.evaluator_assignment e
          WHERE e.assessment_id = x.assessment_id AND e.teacher_id = x.evaluator_teacher_id)`,
  },
  {
    check:
      "evaluators in the studio during the period, at its host school, or outside the office's jurisdiction (回避)",
    sql: `SELECT count(*) FROM evaluation.evaluator_assignment x ${OF_ROUND}
      JOIN personnel.teacher t ON t.id = x.teacher_id
      WHERE t.school_id = a.host_school_id OR t.region_code NOT LIKE ${prefix('ro.region_code')} || '%'
        OR EXISTS (SELECT 1 FROM workshop.membership m WHERE m.workshop_id = a.workshop_id AND m.teacher_id = x.teacher_id
          AND m.joined_on <= ro.period_to AND (m.left_on IS NULL OR m.left_on >= ro.period_from))`,
  },
  {
    check: 'studios assessed twice in a round, or by a round not of their level and jurisdiction',
    sql: `SELECT (SELECT count(*) - count(DISTINCT (round_id, workshop_id)) FROM evaluation.assessment)
      + (SELECT count(*) FROM evaluation.assessment a JOIN evaluation.assessment_round ro ON ro.id = a.round_id
         JOIN workshop.workshop w ON w.id = a.workshop_id
         WHERE w.level <> ro.level OR a.workshop_level <> w.level OR a.workshop_type <> w.type
           OR a.region_code <> w.region_code OR a.host_school_id <> w.host_school_id
           OR w.region_code NOT LIKE ${prefix('ro.region_code')} || '%')`,
  },
  {
    check:
      'annual and term-end rounds that assessed a studio not running when they opened, or annual ones that left one out',
    sql: `SELECT (SELECT count(*) FROM evaluation.assessment a JOIN evaluation.assessment_round ro ON ro.id = a.round_id
         WHERE ro.kind IN ('ANNUAL', 'TERM_END')
           AND coalesce(${statusAt('a.workshop_id', 'ro.created_at')}, '') NOT IN ('ACTIVE', 'RECTIFYING'))
      + (SELECT count(*) FROM evaluation.assessment_round ro JOIN workshop.workshop w
           ON w.level = ro.level AND w.region_code LIKE ${prefix('ro.region_code')} || '%'
         WHERE ro.kind = 'ANNUAL' AND ${statusAt('w.id', 'ro.created_at')} IN ('ACTIVE', 'RECTIFYING')
           AND NOT EXISTS (SELECT 1 FROM evaluation.assessment a WHERE a.round_id = ro.id AND a.workshop_id = w.id))`,
  },
  {
    check: 'rounds or results under a scheme not published by then, or of another level or jurisdiction',
    sql: `SELECT (SELECT count(*) FROM evaluation.assessment_round ro JOIN evaluation.assessment_scheme s ON s.id = ro.scheme_id
         WHERE s.status <> 'PUBLISHED' OR s.published_at > ro.created_at OR s.level <> ro.level
           OR ro.region_code NOT LIKE ${prefix('s.region_code')} || '%')
      + (SELECT count(*) FROM evaluation.assessment_result x ${OF_ROUND}
         JOIN evaluation.assessment_scheme s ON s.id = ro.scheme_id
         WHERE s.status <> 'PUBLISHED' OR s.published_at > x.finalised_at)`,
  },
  {
    check: 'follow-up rounds not of an annual round of the same office and period',
    sql: `SELECT count(*) FROM evaluation.assessment_round f JOIN evaluation.assessment_round ro ON ro.id = f.follow_up_of
      WHERE ro.kind NOT IN ('ANNUAL', 'MIDTERM', 'TERM_END') OR f.region_code <> ro.region_code
        OR f.level <> ro.level OR f.period_from <> ro.period_from OR f.period_to <> ro.period_to`,
  },
  {
    check:
      'consequences in a state their assessment does not allow, or concluded before the appeal window closed',
    sql: `SELECT (SELECT count(*) FROM evaluation.consequence c JOIN evaluation.assessment a ON a.id = c.assessment_id
         WHERE (c.finalisation = a.finalisations AND NOT ((a.status = 'FINALISED' AND c.state = 'PENDING')
             OR (a.status = 'CONCLUDED' AND c.state IN ('SENT', 'APPLIED', 'REFUSED'))))
           OR (c.finalisation <> a.finalisations AND c.state <> 'WITHDRAWN'))
      + (SELECT count(*) FROM evaluation.assessment
         WHERE (status = 'CONCLUDED') <> (concluded_at IS NOT NULL) OR concluded_at < appeal_closes_at OR concluded_at > now())`,
  },
  {
    check: 'rectification due days not the round’s rectification days after the result became final',
    sql: `SELECT count(*) FROM evaluation.consequence c JOIN evaluation.assessment a ON a.id = c.assessment_id
      JOIN evaluation.assessment_round ro ON ro.id = a.round_id
      WHERE (c.kind IN ('RECTIFY', 'FOLLOW_UP')) <> (c.due_on IS NOT NULL)
        OR c.due_on <> ${day('a.appeal_closes_at')} + ro.rectification_days`,
  },
  {
    check:
      'status changes an assessment decides (整改, 取消资格, 续建, 重组) without the result that decided them that day',
    sql: `SELECT count(*) FROM workshop.workshop_status_change sc JOIN ${DECIDED_CHANGES} ON d.status = sc.to_status
      WHERE (sc.to_status <> 'ACTIVE' OR sc.from_status = 'RECTIFYING') AND NOT EXISTS (
        SELECT 1 FROM evaluation.consequence c JOIN evaluation.assessment a ON a.id = c.assessment_id
        JOIN evaluation.assessment_round ro ON ro.id = a.round_id
        WHERE a.workshop_id = sc.workshop_id AND c.kind = d.kind AND c.state = 'APPLIED'
          AND a.grade = ANY(d.grades) AND ro.kind = ANY(d.round_kinds)
          AND ${day('a.appeal_closes_at')} = ${day('sc.changed_at')} AND a.appeal_closes_at <= sc.changed_at)`,
  },
  {
    check: 'consequences carried out that the status history does not show that day',
    sql: `SELECT count(*) FROM evaluation.consequence c JOIN ${DECIDED_CHANGES} ON d.kind = c.kind
      JOIN evaluation.assessment a ON a.id = c.assessment_id
      WHERE c.state = 'APPLIED' AND NOT EXISTS (SELECT 1 FROM workshop.workshop_status_change sc
        WHERE sc.workshop_id = a.workshop_id AND sc.to_status = d.status
          AND ${day('sc.changed_at')} = ${day('a.appeal_closes_at')})`,
  },
  {
    // The seed writes no outbox row, and with the workshop's and finance's consumers running a
    // consequence sent is settled at once: one left SENT would never be.
    check: 'consequences still SENT, which no outbox row will carry to the workshop or finance',
    sql: `SELECT count(*) FROM evaluation.consequence WHERE state = 'SENT'`,
  },
  {
    check:
      'concluded studios whose term-end assessment is not open: evaluators assigned, no result, no consequences',
    sql: `SELECT count(*) FROM workshop.workshop w JOIN evaluation.assessment_round ro ON ro.kind = 'TERM_END'
        AND ro.level = w.level AND w.region_code LIKE ${prefix('ro.region_code')} || '%'
        AND ro.period_from = make_date(w.cycle_start_year, 1, 1)
      WHERE ${statusAt('w.id', 'now()')} = 'CONCLUDED' AND NOT EXISTS (
        SELECT 1 FROM evaluation.assessment a WHERE a.round_id = ro.id AND a.workshop_id = w.id
          AND a.status = 'OPEN' AND a.finalisations = 0 AND a.total_points IS NULL AND a.grade IS NULL
          AND EXISTS (SELECT 1 FROM evaluation.evaluator_assignment e WHERE e.assessment_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM evaluation.assessment_result r WHERE r.assessment_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM evaluation.consequence c WHERE c.assessment_id = a.id))`,
  },
  {
    check: 'rectifying studios whose deadline is not the one their 基本合格 set',
    sql: `SELECT count(*) FROM workshop.workshop w WHERE w.status = 'RECTIFYING'
      AND w.rectification_deadline IS DISTINCT FROM (SELECT c.due_on FROM evaluation.consequence c
        JOIN evaluation.assessment a ON a.id = c.assessment_id
        WHERE a.workshop_id = w.id AND c.kind = 'RECTIFY' AND c.state = 'APPLIED'
        ORDER BY a.appeal_closes_at DESC LIMIT 1)`,
  },
];

/**
 * Checks of rules that live in the service's code rather than its tables: which consequences a
 * grade has (consequencesOf), how evaluators' scores combine (combinePoints) and how a figure
 * is scored (pointsForFigure). Rows are read in one pass each; a province has some 20,000 results.
 */
export async function evaluationRuleChecks(client: Client): Promise<InvariantResult[]> {
  return [await consequenceKinds(client), await resultScores(client)];
}

async function consequenceKinds(client: Client): Promise<InvariantResult> {
  const { rows } = await client.query<{
    grade: Grade | null;
    kind: RoundKind;
    reward: boolean;
    kinds: ConsequenceKind[];
  }>(
    `SELECT a.grade, ro.kind, ro.reward_fen IS NOT NULL AS reward,
            coalesce(array_agg(c.kind::text ORDER BY c.kind) FILTER (WHERE c.id IS NOT NULL), '{}') AS kinds
     FROM evaluation.assessment a JOIN evaluation.assessment_round ro ON ro.id = a.round_id
     LEFT JOIN evaluation.consequence c ON c.assessment_id = a.id AND c.finalisation = a.finalisations
     GROUP BY a.id, a.grade, ro.kind, ro.reward_fen`,
  );
  const violations = rows.filter(({ grade, kind, reward, kinds }) => {
    const expected = grade ? [...consequencesOf(grade, kind, reward)].sort() : [];
    return expected.join() !== [...kinds].sort().join();
  }).length;
  return {
    check: 'consequences that are not what the grade means for the round’s kind (动态管理)',
    violations,
  };
}

async function resultScores(client: Client): Promise<InvariantResult> {
  const { rows } = await client.query<{
    indicators: IndicatorNode[];
    combination: ScoreCombination;
    scores: IndicatorScoreRecord[];
    expert: Record<string, number[]> | null;
  }>(
    `SELECT s.indicators, s.combination, x.indicator_scores AS scores,
            (SELECT jsonb_object_agg(e.indicator_code, e.points) FROM (
               SELECT indicator_code, jsonb_agg(points) AS points FROM evaluation.expert_score
               WHERE assessment_id = a.id GROUP BY 1) e) AS expert
     FROM evaluation.assessment_result x ${OF_ROUND}
     JOIN evaluation.assessment_scheme s ON s.id = ro.scheme_id
     WHERE x.finalisation = a.finalisations`,
  );
  const violations = rows.filter(({ indicators, combination, scores, expert }) => {
    const leaves = new Map(leavesOf(indicators).map((leaf) => [leaf.code, leaf]));
    return scores.some((score) => {
      const leaf = leaves.get(score.indicatorCode);
      if (!leaf) return true;
      if (score.source === 'COMPUTED') {
        return (
          score.figure === null || pointsForFigure(leaf.rule!, leaf.maxPoints, score.figure) !== score.score
        );
      }
      const given = expert?.[score.indicatorCode] ?? [];
      return (
        given.length !== score.evaluatorCount ||
        given.length === 0 ||
        combinePoints(given, combination) !== score.score
      );
    });
  }).length;
  return {
    check:
      "results whose scores are not the evaluators' scores combined, or the figures scored, by the scheme's rules",
    violations,
  };
}
