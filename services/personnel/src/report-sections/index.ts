import { ReportKind, type PersonnelDatasets, type SectionHandler } from '@mingshi/reports';
import type { PersonnelSettings } from '../context';
import type { PersonnelSectionContext } from './context';
import { emitRegions } from './regions';
import { emitStudioRoster } from './studio-roster';
import { emitTrainingFigures } from './training-figures';
import { emitSchoolHours, emitTeachersBelow } from './training-hours';

export { showsPersonalData } from './personal-data';

type Handler = SectionHandler<PersonnelDatasets>;

/** Every personnel section names its regions first; `rest` is what the kind adds. */
function withRegions(rest?: (ctx: PersonnelSectionContext) => Promise<void>): Handler {
  return async (ctx) => {
    await emitRegions(ctx);
    await ctx.progress(10);
    await rest?.(ctx);
  };
}

/** The personnel section of each report kind (REPORT_SECTIONS: personnel is in every kind). */
export function personnelSectionHandlers(settings: PersonnelSettings): Partial<Record<ReportKind, Handler>> {
  const required = settings.requiredTrainingHours;
  return {
    [ReportKind.ANNUAL_SUMMARY]: withRegions((ctx) => emitTrainingFigures(ctx, required)),
    [ReportKind.FUND_USAGE]: withRegions(),
    [ReportKind.ASSESSMENT_RESULTS]: withRegions(),
    [ReportKind.TRAINING_HOURS]: withRegions(async (ctx) => {
      await emitTrainingFigures(ctx, required);
      await ctx.progress(30);
      await emitSchoolHours(ctx, required);
      await ctx.progress(50);
      await emitTeachersBelow(ctx, required);
    }),
    [ReportKind.STUDIO_ROSTER]: withRegions(emitStudioRoster),
  };
}
