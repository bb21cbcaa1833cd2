import { ReportKind, type SectionHandler, type WorkshopDatasets } from '@mingshi/reports';
import { annualSummarySection } from './annual-summary.section';
import { studioDirectorySection } from './studio-directory.section';
import { studioRosterSection } from './studio-roster.section';

/**
 * The workshop service's section of each report kind it contributes to (REPORT_SECTIONS), for its
 * SectionWorker. TRAINING_HOURS is personnel's alone.
 */
export function workshopSectionHandlers(): Partial<Record<ReportKind, SectionHandler<WorkshopDatasets>>> {
  return {
    [ReportKind.ANNUAL_SUMMARY]: annualSummarySection,
    [ReportKind.FUND_USAGE]: studioDirectorySection,
    [ReportKind.ASSESSMENT_RESULTS]: studioDirectorySection,
    [ReportKind.STUDIO_ROSTER]: studioRosterSection,
  };
}
