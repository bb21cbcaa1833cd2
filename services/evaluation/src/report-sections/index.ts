import { ReportKind, type EvaluationDatasets, type SectionHandler } from '@mingshi/reports';
import { annualSummarySection } from './annual-summary';
import { assessmentResultsSection } from './assessment-results';

/** Evaluation's section of each kind it contributes to (REPORT_SECTIONS), for its section worker. */
export function evaluationSectionHandlers(): Partial<Record<ReportKind, SectionHandler<EvaluationDatasets>>> {
  return {
    [ReportKind.ANNUAL_SUMMARY]: annualSummarySection,
    [ReportKind.ASSESSMENT_RESULTS]: assessmentResultsSection,
  };
}
