import ExcelJS from 'exceljs';
import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from '../harness/fixtures';
import { download, downloadUrl, finished, requested } from '../harness/report-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio } from '../harness/workshop-fixtures';

const WEST = '510403';
const westOffice = { role: Role.COUNTY_OFFICE, region: WEST };

describe('report generation through the flow', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
    const school = await createSchool(system, WEST, { name: '西区实验小学' });
    await createTeacher(system, school, WEST, { name: '张老师' });
    await foundStudio(system, { countyCode: WEST, name: '西区数学名师工作室', school });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('computes every section, renders the file and serves it through a signed link', async () => {
    const job = await requested(system, westOffice, {
      kind: 'ANNUAL_SUMMARY',
      regionCode: WEST,
      year: 2026,
      format: 'XLSX',
    });
    expect(job.status).toBe('QUEUED');
    const done = await finished(system, westOffice, job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 100, error: null });
    expect(done.sections.map((s) => [s.service, s.status, s.progress])).toEqual([
      ['PERSONNEL', 'SUCCEEDED', 100],
      ['WORKSHOP', 'SUCCEEDED', 100],
      ['FINANCE', 'SUCCEEDED', 100],
      ['EVALUATION', 'SUCCEEDED', 100],
    ]);
    const file = await download(await downloadUrl(system, westOffice, job.id));
    expect(file.status).toBe(200);
    expect(file.body.length).toBe(done.sizeBytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names.length).toBeGreaterThan(3);
  });
});
