import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { ReportFormat } from '@mingshi/reports';
import { outputFolder, renderToFile } from './render-to-file';
import { FUND_TABLE_TITLE, LONG_STUDIO, sampleReport, TEACHER_TABLE_TITLE } from './sample-report';

const folder = outputFolder();

describe('CSV rendering', () => {
  let bytes: Buffer;
  let records: string[][];

  beforeAll(async () => {
    const file = await renderToFile(
      sampleReport(3000),
      ReportFormat.CSV,
      folder.file('sample', ReportFormat.CSV),
    );
    bytes = await readFile(file);
    records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false });
  });

  it('is UTF-8 with a byte-order mark', () => {
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.subarray(3, 3 + Buffer.byteLength(FUND_TABLE_TITLE)).toString('utf8')).toBe(
      FUND_TABLE_TITLE,
    );
  });

  it('writes a table as title, header, rows, totals and a blank line, figures as plain decimals', () => {
    expect(records.slice(0, 7)).toEqual([
      [FUND_TABLE_TITLE],
      ['工作室', '县区', '已下达（元）', '已支出（元）', '执行率', '讲座学时', '成立日期'],
      ['张明数学名师工作室', '安宁市', '123456.78', '55800.50', '45.2%', '12.5', '2024-09-01'],
      ['李华语文名师工作室', '富民县', '8000.00', '8000.00', '100.0%', '8', '2025-03-15'],
      [LONG_STUDIO, '宜良县', '0.05', '0.00', '0.0%', '', ''],
      ['合计', '', '131456.83', '63800.50', '48.5%', '20.5', ''],
      [''],
    ]);
  });

  it('writes every row of a streamed table, in order', () => {
    const teachers = records.slice(7);
    expect(teachers.slice(0, 4)).toEqual([
      [TEACHER_TABLE_TITLE],
      ['姓名', '学校', '已完成学时', '差额比例'],
      // Teacher 1: 1 hour of 72, short by 71/72 = 98.6%.
      ['教师1', '第2中学', '1', '98.6%'],
      ['教师2', '第3中学', '2', '97.2%'],
    ]);
    // Teacher 72: 0 hours, short by 100%, school 72 % 7 + 1 = 3; teacher 3000: 3000 % 72 = 48
    // hours, short by 24/72, school 3000 % 7 + 1 = 5.
    expect(teachers[2 + 71]).toEqual(['教师72', '第3中学', '0', '100.0%']);
    expect(teachers.slice(-3)).toEqual([
      ['教师3000', '第5中学', '48', '33.3%'],
      ['合计', '3000 人', '', ''],
      [''],
    ]);
    expect(teachers.length).toBe(2 + 3000 + 2);
  });
});

describe('CSV rendering of a long table', () => {
  it('streams 20,000 rows', async () => {
    const file = await renderToFile(
      sampleReport(20000),
      ReportFormat.CSV,
      folder.file('long', ReportFormat.CSV),
    );
    let count = 0;
    let last: string[] = [];
    const parser = createReadStream(file).pipe(parseStream({ bom: true, relax_column_count: true }));
    for await (const record of parser as AsyncIterable<string[]>) {
      count++;
      if (record[0] === '教师20000') last = record;
    }
    // The first table's 7 records, then title, header, the rows, totals and the blank line.
    expect(count).toBe(7 + 2 + 20000 + 2);
    // 20000 % 72 = 56 hours, short by 16/72; school 20000 % 7 + 1 = 2.
    expect(last).toEqual(['教师20000', '第2中学', '56', '22.2%']);
  });
});
