import { CreateReportTables1735000000000 } from './1735000000000-create-report-tables';

/** In order; TypeORM records each in reports.migrations and runs only the new ones. */
export const reportsMigrations = [CreateReportTables1735000000000];
