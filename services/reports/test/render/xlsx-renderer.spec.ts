import { readFile } from 'node:fs/promises';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ReportFormat } from '@mingshi/reports';
import { outputFolder, renderToFile } from './render-to-file';
import { FUND_TABLE_TITLE, sampleReport, TEACHER_TABLE_TITLE, teacherRow } from './sample-report';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const folder = outputFolder();

describe('XLSX rendering', () => {
  let file: string;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    file = await renderToFile(
      sampleReport(3000),
      ReportFormat.XLSX,
      folder.file('sample', ReportFormat.XLSX),
    );
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
  });

  /** The sheets after the cover: one per table. */
  const tableSheets = () => workbook.worksheets.slice(1);

  it('opens with a cover sheet: the title, scope and time, then each chapter with its text', () => {
    const cover = workbook.worksheets[0]!;
    expect(cover.name).toBe('报告说明');
    const lines = cover.getColumn(1).values.filter((value) => value !== undefined && value !== '');
    const document = sampleReport(1);
    expect(lines.slice(0, 2)).toEqual([document.title, document.subtitle]);
    expect(String(lines[2])).toMatch(/^生成时间：/);
    const chapterText = document.chapters.flatMap((chapter) => [
      chapter.heading,
      ...(chapter.paragraphs ?? []),
    ]);
    expect(lines.slice(3)).toEqual(chapterText);
  });

  it('has one sheet per table, named after it', () => {
    expect(tableSheets().map((sheet) => sheet.name)).toEqual([FUND_TABLE_TITLE, TEACHER_TABLE_TITLE]);
  });

  it('freezes the title and header rows', () => {
    for (const sheet of tableSheets()) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 0 });
    }
  });

  it('sizes columns from the document, else from the title (CJK counting two) or the kind', () => {
    const [funds, teachers] = tableSheets();
    // 工作室 24 given; 县区 text 16; money 16 (title 12 + 2 < 16); 执行率 ratio 9; 讲座学时 decimal 12; 成立日期 date 12.
    expect([1, 2, 3, 4, 5, 6, 7].map((col) => funds.getColumn(col).width)).toEqual([
      24, 16, 16, 16, 9, 12, 12,
    ]);
    // 姓名 16; 学校 20 given; 已完成学时 10 + 2 = 12; 差额比例 8 + 2 = 10.
    expect([1, 2, 3, 4].map((col) => teachers.getColumn(col).width)).toEqual([16, 20, 12, 10]);
  });

  it('writes figures as numbers with formats: money in yuan with ¥, ratios as percent, dates as dates', () => {
    const sheet = tableSheets()[0]!;
    expect(sheet.getCell('A1').value).toBe(FUND_TABLE_TITLE);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '工作室',
      '县区',
      '已下达（元）',
      '已支出（元）',
      '执行率',
      '讲座学时',
      '成立日期',
    ]);
    expect(sheet.getCell('A2').font.bold).toBe(true);

    const first = sheet.getRow(3);
    expect(first.getCell(1).value).toBe('张明数学名师工作室');
    expect(first.getCell(3).value).toBe(123456.78);
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(3).numFmt).toBe('"¥"#,##0.00');
    expect(first.getCell(4).value).toBe(55800.5);
    expect(first.getCell(5).value).toBe(0.452);
    expect(first.getCell(5).numFmt).toBe('0.0%');
    expect(first.getCell(6).value).toBe(12.5);
    expect(first.getCell(7).value).toEqual(new Date('2024-09-01T00:00:00Z'));
    expect(first.getCell(7).type).toBe(ExcelJS.ValueType.Date);

    expect(sheet.getCell('C5').value).toBe(0.05);
    expect(sheet.getCell('F5').value).toBeNull();
    expect(sheet.getCell('G5').value).toBeNull();
  });

  it('ends a table with a bold totals row', () => {
    const sheet = tableSheets()[0]!;
    expect(sheet.actualRowCount).toBe(6);
    const totals = sheet.getRow(6);
    expect(totals.values).toEqual([undefined, '合计', undefined, 131456.83, 63800.5, 0.4853, 20.5]);
    expect(totals.getCell(1).font.bold).toBe(true);
    expect(totals.getCell(3).font.bold).toBe(true);
    expect(totals.getCell(3).numFmt).toBe('"¥"#,##0.00');
  });

  it('writes every row of a streamed table', () => {
    const sheet = tableSheets()[1]!;
    expect(sheet.actualRowCount).toBe(3000 + 3);
    for (const i of [1, 1234, 3000]) {
      const expected = teacherRow(i);
      expect(sheet.getRow(i + 2).values).toEqual([
        undefined,
        expected.name,
        expected.school,
        expected.hours,
        expected.shortfall,
      ]);
    }
    expect(sheet.getRow(3003).values).toEqual([undefined, '合计', '3000 人']);
  });

  it("places the chapter's charts as PNG pictures beside its first table, below the frozen rows", () => {
    const [funds, teachers] = tableSheets();
    const images = funds.getImages();
    expect(images.map((image) => [image.range.tl.nativeCol, image.range.tl.nativeRow])).toEqual([
      [8, 2],
      [8, 21],
    ]);
    for (const image of images) {
      const media = workbook.getImage(Number(image.imageId));
      expect(media.extension).toBe('png');
      expect(Buffer.from(media.buffer!).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    }
    expect(teachers.getImages()).toEqual([]);
  });

  it('declares the drawing parts, as Excel requires', async () => {
    const zip = await JSZip.loadAsync(await readFile(file));
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    expect(types).toContain('<Default Extension="png" ContentType="image/png"/>');
    expect(await zip.file('xl/worksheets/sheet2.xml')!.async('string')).toMatch(
      /<drawing r:id="rId\d+"\/><\/worksheet>$/,
    );
  });
});

describe('XLSX rendering of a long table', () => {
  it('streams 20,000 rows', async () => {
    const file = await renderToFile(
      sampleReport(20000),
      ReportFormat.XLSX,
      folder.file('long', ReportFormat.XLSX),
    );
    // Read back with the streaming reader too, counting rows without holding them.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit' });
    const counts: number[] = [];
    let last: unknown;
    for await (const sheet of reader) {
      let count = 0;
      for await (const row of sheet) {
        count++;
        last = row.values;
      }
      counts.push(count);
    }
    // The cover's lines, then the two tables.
    expect(counts.slice(1)).toEqual([6, 20000 + 3]);
    expect(last).toEqual([undefined, '合计', '20000 人']);
  });
});
