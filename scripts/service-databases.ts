import type { DataSource } from 'typeorm';
import { runMigrations } from '@mingshi/db';
import { PERSONNEL_SCHEMA, personnelDataSource } from '../services/personnel/src/data-source';
import { WORKSHOP_SCHEMA, workshopDataSource } from '../services/workshop/src/data-source';
import { FINANCE_SCHEMA, financeDataSource } from '../services/finance/src/data-source';
import { EVALUATION_SCHEMA, evaluationDataSource } from '../services/evaluation/src/data-source';
import { REPORTS_SCHEMA, reportsDataSource } from '../services/reports/src/data-source';

/**
 * Every service's database schema and migrations, for the tools that prepare a database for the
 * whole system: `npm run migrate`, `npm start` and the test harness.
 */
export const SERVICE_DATABASES: { name: string; schema: string; dataSource: (url: string) => DataSource }[] =
  [
    { name: 'personnel', schema: PERSONNEL_SCHEMA, dataSource: personnelDataSource },
    { name: 'workshop', schema: WORKSHOP_SCHEMA, dataSource: workshopDataSource },
    { name: 'finance', schema: FINANCE_SCHEMA, dataSource: financeDataSource },
    { name: 'evaluation', schema: EVALUATION_SCHEMA, dataSource: evaluationDataSource },
    { name: 'reports', schema: REPORTS_SCHEMA, dataSource: reportsDataSource },
  ];

/** Runs every service's pending migrations as the owner role; returns what ran. */
export async function migrateAll(ownerUrl: string): Promise<string[]> {
  const applied: string[] = [];
  for (const service of SERVICE_DATABASES) {
    const dataSource = service.dataSource(ownerUrl);
    try {
      applied.push(...(await runMigrations(dataSource, service.schema)).map((m) => `${service.name}: ${m}`));
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  }
  return applied;
}
