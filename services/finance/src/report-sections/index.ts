import { ReportKind, SectionRefusedError, type FinanceDatasets, type SectionHandler } from '@mingshi/reports';
import { moneyReach } from '../rules/permissions';
import { annualSummarySection } from './annual-summary';
import { fundUsageSection } from './fund-usage';

/**
 * A report sums a region's money, so only those who read all of a region's money (offices,
 * analysts, evaluators, the finance system) are given one; a host or a school's finance reads its
 * own studios' funding through the API instead. Refused for good, not retried.
 */
function forRegionReaders(handler: SectionHandler<FinanceDatasets>): SectionHandler<FinanceDatasets> {
  return async (ctx) => {
    if (moneyReach(ctx.requester).kind !== 'REGION') {
      throw new SectionRefusedError("The requester's role does not read a region's studio funds");
    }
    await handler(ctx);
  };
}

/** The finance service's section of each kind of report it contributes to (REPORT_SECTIONS). */
export function financeSectionHandlers(): Partial<Record<ReportKind, SectionHandler<FinanceDatasets>>> {
  return {
    [ReportKind.ANNUAL_SUMMARY]: forRegionReaders(annualSummarySection),
    [ReportKind.FUND_USAGE]: forRegionReaders(fundUsageSection),
  };
}
