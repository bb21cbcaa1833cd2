import { ReportDownloadEntity } from './report-download.entity';
import { ReportJobEntity } from './report-job.entity';

export { ReportDownloadEntity, ReportJobEntity };
export type { ReportStatus, SectionState } from './report-job.entity';

export const reportsEntities = [ReportJobEntity, ReportDownloadEntity];
