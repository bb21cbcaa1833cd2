import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from '../harness/fixtures';
import { THIS_YEAR, allocated, approved, submitted } from '../harness/finance-fixtures';
import { probePdf } from '../harness/pdf-probe';
import { download, downloadUrl, finished, requested, type ReportAsk } from '../harness/report-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

/**
 * Every kind of report, end to end through the gateway, against a small world counted by hand:
 * in 西区 (510403) one school with three teachers — the host 张老师 (no training hours this year),
 * 李老师 (80 h, above the 72 h requirement) and 王老师 (10 h, 62 h short) — one active studio with
 * ¥50,000.00 allocated for the year and ¥1,200.00 of it spent on 教研活动.
 */
const WEST = '510403';
const westOffice: TokenRequest = { role: Role.COUNTY_OFFICE, region: WEST };
const westAnalyst: TokenRequest = { role: Role.ANALYST, region: WEST };

describe('reports of each kind, in each format', () => {
  let system: TestSystem;
  let studio: Studio;
  let wang: { id: string; nationalId: string };
  let dir: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    dir = await mkdtemp(path.join(tmpdir(), 'report-files-'));
    const school = await createSchool(system, WEST, { name: '西区实验小学' });
    const host = await createTeacher(system, school, WEST, { name: '张老师' });
    const li = await createTeacher(system, school, WEST, { name: '李老师' });
    wang = await createTeacher(system, school, WEST, { name: '王老师' });
    for (const [teacher, hours] of [
      [li, 80],
      [wang, 10],
    ] as const) {
      const r = await system.gql(
        westOffice,
        `mutation ($input: RecordTrainingHoursInput!) { recordTrainingHours(input: $input) { id } }`,
        {
          input: {
            teacherId: teacher.id,
            year: THIS_YEAR,
            hours,
            source: 'ONLINE_COURSE',
            description: '网络研修',
          },
        },
      );
      expect(r.errors).toBeUndefined();
    }
    studio = await foundStudio(system, { countyCode: WEST, name: '西区数学名师工作室', school, host });
    const allocation = await allocated(system, studio, '50000.00');
    await approved(system, studio, (await submitted(system, studio, allocation.id, '1200.00')).id);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function fileOf(caller: TokenRequest, ask: ReportAsk): Promise<Buffer> {
    const job = await requested(system, caller, ask);
    const done = await finished(system, caller, job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: 100, error: null });
    const file = await download(await downloadUrl(system, caller, job.id));
    expect(file.status).toBe(200);
    expect(file.body.length).toBe(done.sizeBytes);
    return file.body;
  }

  async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    return book;
  }

  /** The rows of a CSV report, after checking it starts with a byte-order mark. */
  function csvRows(body: Buffer): string[][] {
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parse(body.subarray(3), { relax_column_count: true }) as string[][];
  }

  async function pdfText(body: Buffer): Promise<string> {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    await writeFile(file, body);
    return (await probePdf(file)).pages.join('\n');
  }

  it('annual summary as XLSX: the headline figures as typed cells', async () => {
    const book = await workbook(
      await fileOf(westOffice, { kind: 'ANNUAL_SUMMARY', regionCode: WEST, year: THIS_YEAR, format: 'XLSX' }),
    );
    const headline = book.worksheets.find((sheet) => sheet.name.includes('主要指标'))!;
    expect(headline).toBeDefined();
    const figures = new Map<string, unknown>();
    headline.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get('工作室')).toBe(1);
    expect(figures.get('成员')).toBe(0);
    expect(figures.get('研修活动')).toBe(0);
  });

  it('fund usage as PDF: the studio’s money in yuan, in Chinese', async () => {
    const text = await pdfText(
      await fileOf(westOffice, { kind: 'FUND_USAGE', regionCode: WEST, year: THIS_YEAR, format: 'PDF' }),
    );
    expect(text).toContain(`攀枝花市西区名师工作室${THIS_YEAR}年度专项经费使用情况`);
    expect(text).toContain('统计范围：攀枝花市西区（510403）');
    expect(text).toContain('西区数学名师工作室');
    expect(text).toContain('¥50,000.00');
    expect(text).toContain('¥1,200.00');
    expect(text).toContain('2.4%');
  });

  it('training hours as CSV: the teachers below the requirement, IDs shown to the office', async () => {
    const rows = csvRows(
      await fileOf(westOffice, { kind: 'TRAINING_HOURS', regionCode: WEST, year: THIS_YEAR, format: 'CSV' }),
    );
    const wangRow = rows.find((row) => row.includes('王老师'))!;
    expect(wangRow).toEqual(expect.arrayContaining(['西区实验小学', '10', '62', wang.nationalId]));
    expect(rows.some((row) => row.includes('张老师'))).toBe(true);
    expect(rows.some((row) => row.includes('李老师'))).toBe(false);
  });

  it('training hours for an analyst: the same list with IDs masked', async () => {
    const rows = csvRows(
      await fileOf(westAnalyst, { kind: 'TRAINING_HOURS', regionCode: WEST, year: THIS_YEAR, format: 'CSV' }),
    );
    const wangRow = rows.find((row) => row.includes('王老师'))!;
    expect(wangRow).not.toContain(wang.nationalId);
    expect(wangRow).toContain(`${wang.nationalId.slice(0, 4)}**********${wang.nationalId.slice(-4)}`);
  });

  it('studio roster as CSV: the studio with its host named', async () => {
    const rows = csvRows(
      await fileOf(westOffice, { kind: 'STUDIO_ROSTER', regionCode: WEST, year: THIS_YEAR, format: 'CSV' }),
    );
    const studioRow = rows.find((row) => row.includes('西区数学名师工作室'))!;
    expect(studioRow).toContain('张老师');
    expect(studioRow).toContain('西区实验小学');
  });

  it('assessment results as XLSX: a year without rounds says so', async () => {
    const book = await workbook(
      await fileOf(westOffice, {
        kind: 'ASSESSMENT_RESULTS',
        regionCode: WEST,
        year: THIS_YEAR,
        format: 'XLSX',
      }),
    );
    const cover = book.worksheets[0]!.getColumn(1).values.map(String);
    expect(cover).toContain(`${THIS_YEAR}年度统计范围内没有考核轮次。`);
  });
});

describe('reports with their sections side by side (REPORT_SECTIONS_IN_PARALLEL)', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ reportSectionsInParallel: true });
    const school = await createSchool(system, WEST, { name: '西区实验小学' });
    const host = await createTeacher(system, school, WEST, { name: '张老师' });
    await foundStudio(system, { countyCode: WEST, name: '西区数学名师工作室', school, host });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it.each(['ANNUAL_SUMMARY', 'STUDIO_ROSTER'])('assembles %s from every section', async (kind) => {
    const job = await requested(system, westOffice, {
      kind,
      regionCode: WEST,
      year: THIS_YEAR,
      format: 'CSV',
    });
    const done = await finished(system, westOffice, job.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', error: null });
    expect(done.sections.every((section) => section.status === 'SUCCEEDED')).toBe(true);
    const file = await download(await downloadUrl(system, westOffice, job.id));
    expect(file.body.toString('utf8')).toContain(kind === 'STUDIO_ROSTER' ? '张老师' : '工作室,1,个');
  });
});
