/**
 * The evaluation section's rows. A report covers the assessments of the studios founded in its
 * range (`range`) in the rounds of its year (a round belongs to the year its period ends in); the
 * result that counts is each assessment's current one (the second after a reopening). Points are
 * integer hundredths throughout, as evaluation stores them (Score: pointsToHundredths).
 */

export type AssessmentGrade = 'EXCELLENT' | 'QUALIFIED' | 'BASIC' | 'UNQUALIFIED';

export type AssessmentRoundKind = 'ANNUAL' | 'MIDTERM' | 'TERM_END' | 'FOLLOW_UP';

/** Current results by grade; `final` of them past their appeal window (the rest may still change). */
export interface GradeCounts {
  results: number;
  excellent: number;
  qualified: number;
  basic: number;
  unqualified: number;
  final: number;
}

/**
 * evaluation `gradeDistribution` (ANNUAL_SUMMARY): one row per round kind and county of the
 * studio's host school, in kind order (ANNUAL, MIDTERM, TERM_END, FOLLOW_UP) then county.
 */
export interface GradeDistributionEntry extends GradeCounts {
  roundKind: AssessmentRoundKind;
  countyCode: string;
}

/** evaluation `gradeTotals` (ANNUAL_SUMMARY): exactly one row, every group above together. */
export type GradeTotalsEntry = GradeCounts;

/** evaluation `rounds` (ASSESSMENT_RESULTS): each round with an assessment the report covers. */
export interface AssessmentRoundEntry extends GradeCounts {
  id: string;
  kind: AssessmentRoundKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  /** FOLLOW_UP rounds: the round whose BASIC results they assess again. */
  followUpOf: string | null;
  /** The office that opened the round: its level and jurisdiction. */
  officeLevel: 'PROVINCE' | 'CITY' | 'COUNTY';
  officeRegionCode: string;
  schemeId: string;
  schemeName: string;
  schemeVersion: number;
  /** The scheme's full marks and grade thresholds, hundredths. */
  maxTotal: number;
  excellentFrom: number;
  qualifiedFrom: number;
  basicFrom: number;
  /** Covered assessments of the round, with or without a result yet. */
  assessments: number;
}

/** evaluation `indicators` (ASSESSMENT_RESULTS): the C-level indicators of each round's scheme. */
export interface IndicatorEntry {
  schemeId: string;
  /** 1, 2, … in the scheme's order: the order of a ranking table's columns. */
  position: number;
  /** e.g. A1.B2.C3; what scores refer to. */
  code: string;
  title: string;
  /** The A- and B-level headings above it. */
  parentTitles: [string, string];
  /** Hundredths. */
  maxScore: number;
  source: 'EXPERT' | 'COMPUTED';
}

/**
 * evaluation `results` (ASSESSMENT_RESULTS): each covered assessment with a current result, by
 * round (in `rounds` order), then rank, then assessment id.
 */
export interface AssessmentResultEntry {
  assessmentId: string;
  roundId: string;
  workshopId: string;
  /** The county of the studio's host school when the round opened. */
  countyCode: string;
  /** Hundredths. */
  total: number;
  grade: AssessmentGrade;
  /** Within the round among the covered results; equal totals share a rank (1, 2, 2, 4). */
  rank: number;
  /** Past the appeal window: the result can no longer be reopened. */
  final: boolean;
  /** 1, or 2 after a reopening. */
  finalisation: number;
}

/**
 * evaluation `scores` (ASSESSMENT_RESULTS), long format: each C-level indicator's score of each
 * result, in the order of `results` and, within one, of `indicators`.
 */
export interface IndicatorScoreEntry {
  assessmentId: string;
  roundId: string;
  indicatorCode: string;
  /** Hundredths. */
  score: number;
}

export interface EvaluationDatasets {
  gradeDistribution: GradeDistributionEntry;
  gradeTotals: GradeTotalsEntry;
  rounds: AssessmentRoundEntry;
  indicators: IndicatorEntry;
  results: AssessmentResultEntry;
  scores: IndicatorScoreEntry;
}
