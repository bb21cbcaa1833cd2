import type { SectionHandler, FinanceDatasets } from '@mingshi/reports';
import { emitRegionFigures } from './fund-figures';

/** 年度工作总结's funds: the range's totals and its counties', by category, with pending and lecture fees. */
export const annualSummarySection: SectionHandler<FinanceDatasets> = async (ctx) => {
  await emitRegionFigures(ctx);
};
