import type { Writable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { columnWidth, generationTime, SPREADSHEET_FORMATS, spreadsheetValue } from './cell-values';
import { chartPng, CHART_SIZE } from './chart-images';
import { CJK_FONT_FAMILY } from './cjk-font';
import { outputDrained } from './output-pressure';
import type { Chapter, Column, ReportDocument, Row, Table } from './report-document';
import { ImageWorkbookWriter, type SheetImage } from './xlsx-sheet-images';

/** Row 1 holds the table's title, row 2 its header; the view freezes both. */
const HEADER_ROW = 2;
const ROWS_BETWEEN_DRAINS = 256;
/** Excel's default row height (15 pt) in pixels, to stack charts without overlap. */
const ROW_PIXELS = 20;

const FONT = { name: CJK_FONT_FAMILY, size: 10 };
const RULE: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };

/** Sheet names as Excel takes them: unique ignoring case, at most 31 characters, none of \/?*[]: */
export class SheetNames {
  private readonly used = new Set<string>();

  take(title: string): string {
    const printable = [...title].filter((char) => char >= ' ').join('');
    const base =
      printable
        .replace(/[\\/?*[\]:]/g, '')
        .replace(/^'+|'+$/g, '')
        .trim() || '工作表';
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `(${n})`;
      const name = cut(base, 31 - suffix.length) + suffix;
      if (!this.used.has(name.toLowerCase())) {
        this.used.add(name.toLowerCase());
        return name;
      }
    }
  }
}

/** The first `length` UTF-16 units of a text, never splitting a character. */
function cut(text: string, length: number): string {
  let result = '';
  for (const char of text) {
    if (result.length + char.length > length) break;
    result += char;
  }
  return result;
}

function cellsOf(columns: readonly Column[], row: Row): (string | number | Date | null)[] {
  return columns.map((column) => spreadsheetValue(column, row[column.key] ?? null));
}

/**
 * Charts stacked one under the other from `row` (0-based), one column right of the table; below
 * the frozen rows, so that no picture straddles the split.
 */
function chartImages(chapter: Chapter, col: number, row: number): SheetImage[] {
  let top = row;
  return (chapter.charts ?? []).map((chart) => {
    const image = { png: chartPng(chart), description: chart.title, col, row: top, ...CHART_SIZE };
    top += Math.ceil(CHART_SIZE.height / ROW_PIXELS) + 1;
    return image;
  });
}

async function writeTable(
  workbook: ImageWorkbookWriter,
  name: string,
  table: Table,
  charts: (col: number) => SheetImage[],
  output: NodeJS.WritableStream | Writable,
): Promise<void> {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
  });
  // Column styles carry each kind's number format to every cell below, so rows need no styling.
  sheet.columns = table.columns.map((column) => ({
    width: columnWidth(column),
    style: { font: FONT, numFmt: SPREADSHEET_FORMATS[column.kind] },
  }));
  workbook.placeImages(sheet, charts(table.columns.length + 1));

  const title = sheet.addRow([table.title]);
  title.font = { ...FONT, size: 14, bold: true };
  title.commit();

  const header = sheet.addRow(table.columns.map((column) => column.title));
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: RULE };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  header.commit();

  let count = 0;
  for await (const row of table.rows) {
    sheet.addRow(cellsOf(table.columns, row)).commit();
    if (++count % ROWS_BETWEEN_DRAINS === 0) await outputDrained(output);
  }

  if (table.totals) {
    const totals = sheet.addRow(cellsOf(table.columns, table.totals));
    for (let col = 1; col <= table.columns.length; col++) {
      const cell = totals.getCell(col);
      cell.font = { ...FONT, bold: true };
      cell.border = { top: RULE };
    }
    totals.commit();
  }
  sheet.commit();
}

/**
 * The first sheet: the title, scope and time, and every chapter's text, which has no table to
 * go with. It also keeps a workbook whose chapters have no tables (a year without assessment
 * rounds) from having no sheet at all, which Excel refuses to open.
 */
function writeCoverSheet(workbook: ImageWorkbookWriter, name: string, document: ReportDocument): void {
  const sheet = workbook.addWorksheet(name);
  sheet.getColumn(1).width = 100;
  const line = (text: string, font: Partial<ExcelJS.Font> = FONT) => {
    const row = sheet.addRow([text]);
    row.font = font;
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  };
  line(document.title, { ...FONT, size: 16, bold: true });
  line(document.subtitle);
  line(`生成时间：${generationTime(document.generatedAt)}`);
  for (const chapter of document.chapters) {
    line('');
    line(chapter.heading, { ...FONT, size: 13, bold: true });
    for (const paragraph of chapter.paragraphs ?? []) line(paragraph);
  }
  sheet.commit();
}

/** A chapter without tables still gets its charts, on a sheet of their own. */
function writeChartSheet(workbook: ImageWorkbookWriter, name: string, chapter: Chapter): void {
  const sheet = workbook.addWorksheet(name);
  workbook.placeImages(sheet, chartImages(chapter, 0, 2));
  const title = sheet.addRow([chapter.heading]);
  title.font = { ...FONT, size: 14, bold: true };
  title.commit();
  sheet.commit();
}

/**
 * One worksheet per table, written row by row with exceljs's streaming writer: typed cells with
 * number formats, a frozen header, a bold totals row; a chapter's charts as pictures beside its
 * first table.
 */
export async function renderXlsx(
  document: ReportDocument,
  output: NodeJS.WritableStream | Writable,
): Promise<void> {
  const workbook = new ImageWorkbookWriter({
    stream: output as Writable,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Mingshi Graph';
  workbook.title = document.title;
  workbook.subject = document.subtitle;
  workbook.created = document.generatedAt;
  const names = new SheetNames();
  writeCoverSheet(workbook, names.take('报告说明'), document);
  for (const chapter of document.chapters) {
    if (chapter.tables.length === 0) {
      if (chapter.charts?.length) writeChartSheet(workbook, names.take(chapter.heading), chapter);
      continue;
    }
    for (const [index, table] of chapter.tables.entries()) {
      const charts = (col: number) => (index === 0 ? chartImages(chapter, col, HEADER_ROW) : []);
      await writeTable(workbook, names.take(table.title), table, charts, output);
    }
  }
  await workbook.commit();
}
