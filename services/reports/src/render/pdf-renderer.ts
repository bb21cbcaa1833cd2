import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { cellText, columnWidth, generationTime, isNumeric } from './cell-values';
import { chartSvg, CHART_SIZE } from './chart-images';
import { CJK_FONT_FILES } from './cjk-font';
import { outputDrained } from './output-pressure';
import type { Chart, Column, ReportDocument, Row, Table } from './report-document';

const REGULAR = 'cjk';
const BOLD = 'cjk-bold';
const MARGINS = { top: 56, bottom: 56, left: 48, right: 48 };
const INK = '#1a1a1a';
const MUTED = '#666666';
const RULE = '#c8c8c8';

const CELL_FONT_SIZE = 9;
const CELL_PADDING = 3;
/** A long text cell wraps to at most this many lines and is cut with an ellipsis after. */
const CELL_MAX_LINES = 3;
const ROWS_BETWEEN_DRAINS = 256;
/** Charts are drawn a little narrower than the text so they sit centred with air around them. */
const CHART_WIDTH = 460;

interface TextStyle {
  font: typeof REGULAR | typeof BOLD;
  size: number;
  color: string;
}

/**
 * Draws a report page by page with pdfkit, without buffering pages: a page's content is written
 * out as soon as the next one starts, so a table of any length takes bounded memory. That is also
 * why the footer says 第 n 页 and not 共 m 页: the total is known only once the last row is drawn,
 * and going back to the earlier pages would need all of them held (pdfkit's bufferPages).
 */
class PdfWriter {
  private pageNumber = 1;
  private style: TextStyle = { font: REGULAR, size: 10.5, color: INK };

  constructor(private readonly doc: PDFKit.PDFDocument) {
    doc.registerFont(REGULAR, CJK_FONT_FILES.regular);
    doc.registerFont(BOLD, CJK_FONT_FILES.bold);
    doc.on('pageAdded', () => {
      this.pageNumber++;
      this.footer();
    });
    this.footer();
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private use(style: TextStyle): void {
    this.style = style;
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color);
  }

  /** Starts a new page unless `height` still fits on this one; says whether it did. */
  private ensure(height: number): boolean {
    if (this.doc.y + height <= this.bottom) return false;
    this.doc.addPage();
    return true;
  }

  /**
   * The page number in the bottom margin. It may be drawn in the middle of a paragraph that runs
   * onto a new page, so it puts back the position and text style the paragraph was using.
   */
  private footer(): void {
    const { x, y } = this.doc;
    const style = this.style;
    this.use({ font: REGULAR, size: 9, color: MUTED });
    const top = this.doc.page.height - this.doc.page.margins.bottom + 20;
    // A height keeps pdfkit from treating text below the bottom margin as overflowing the page.
    this.doc.text(`第 ${this.pageNumber} 页`, this.left, top, {
      width: this.width,
      height: 20,
      align: 'center',
    });
    this.use(style);
    this.doc.x = x;
    this.doc.y = y;
  }

  titleBlock(document: ReportDocument): void {
    this.use({ font: BOLD, size: 20, color: INK });
    this.doc.text(document.title, this.left, this.doc.y, { width: this.width, align: 'center' });
    this.doc.moveDown(0.4);
    this.use({ font: REGULAR, size: 11, color: MUTED });
    this.doc.text(document.subtitle, { width: this.width, align: 'center' });
    this.doc.text(`生成时间：${generationTime(document.generatedAt)}`, {
      width: this.width,
      align: 'center',
    });
    this.doc.moveDown(1);
  }

  heading(text: string): void {
    this.use({ font: BOLD, size: 15, color: INK });
    // Keep a heading with at least a few lines of what follows it.
    this.ensure(this.doc.currentLineHeight(true) + 60);
    this.doc.moveDown(0.6);
    this.doc.text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.4);
  }

  paragraph(text: string): void {
    this.use({ font: REGULAR, size: 10.5, color: INK });
    // First-line indent of two characters, as Chinese prose is set.
    this.doc.text(text, this.left, this.doc.y, { width: this.width, indent: 21, lineGap: 3 });
    this.doc.moveDown(0.5);
  }

  chart(chart: Chart): void {
    const height = (CHART_WIDTH * CHART_SIZE.height) / CHART_SIZE.width;
    this.ensure(height + 12);
    const x = this.left + (this.width - CHART_WIDTH) / 2;
    SVGtoPDF(this.doc, chartSvg(chart), x, this.doc.y, {
      width: CHART_WIDTH,
      height,
      // Every family in the SVG is drawn with the shipped CJK font.
      fontCallback: (_family, bold) => (bold ? BOLD : REGULAR),
    });
    this.use(this.style);
    this.doc.x = this.left;
    this.doc.y += height + 12;
  }

  async table(table: Table, output: NodeJS.WritableStream | Writable): Promise<void> {
    const total = table.columns.reduce((sum, column) => sum + columnWidth(column), 0);
    const widths = table.columns.map((column) => (columnWidth(column) / total) * this.width);
    const header = table.columns.map((column) => column.title);

    this.use({ font: BOLD, size: 11, color: INK });
    this.ensure(this.doc.currentLineHeight(true) + 60);
    this.doc.moveDown(0.3);
    this.doc.text(table.title, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);

    const drawHeader = () => this.row(table.columns, widths, header, 'header');
    drawHeader();
    const onPage = () => drawHeader();
    let count = 0;
    for await (const row of table.rows) {
      this.row(table.columns, widths, cells(table.columns, row), 'body', onPage);
      if (++count % ROWS_BETWEEN_DRAINS === 0) await outputDrained(output);
    }
    if (table.totals) this.row(table.columns, widths, cells(table.columns, table.totals), 'totals', onPage);
    this.use({ font: REGULAR, size: 10.5, color: INK });
    this.doc.x = this.left;
    this.doc.moveDown(0.8);
  }

  /** One table row; when it does not fit, a new page starts with the header row again. */
  private row(
    columns: readonly Column[],
    widths: readonly number[],
    texts: readonly string[],
    kind: 'header' | 'body' | 'totals',
    onNewPage?: () => void,
  ): void {
    this.use({ font: kind === 'body' ? REGULAR : BOLD, size: CELL_FONT_SIZE, color: INK });
    const lineHeight = this.doc.currentLineHeight(true);
    const lines = Math.max(...texts.map((text, index) => this.lines(text, widths[index] - 2 * CELL_PADDING)));
    const height = lines * lineHeight + 2 * CELL_PADDING;
    if (this.ensure(height) && onNewPage) {
      onNewPage();
      this.use({ font: kind === 'body' ? REGULAR : BOLD, size: CELL_FONT_SIZE, color: INK });
    }

    const top = this.doc.y;
    const right = this.left + this.width;
    if (kind === 'header') this.doc.rect(this.left, top, this.width, height).fill('#e8eef7').fillColor(INK);
    if (kind === 'totals') this.rule(top, right, INK, 0.8);
    let x = this.left;
    texts.forEach((text, index) => {
      this.doc.text(text, x + CELL_PADDING, top + CELL_PADDING, {
        width: widths[index] - 2 * CELL_PADDING,
        height: lines * lineHeight + 0.5,
        ellipsis: '…',
        align: isNumeric(columns[index].kind) ? 'right' : 'left',
      });
      x += widths[index];
    });
    this.rule(top + height, right, kind === 'header' ? INK : RULE, kind === 'header' ? 0.8 : 0.4);
    this.doc.x = this.left;
    this.doc.y = top + height;
  }

  private rule(y: number, right: number, color: string, width: number): void {
    this.doc
      .save()
      .moveTo(this.left, y)
      .lineTo(right, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke()
      .restore();
  }

  /** Lines a cell's text takes at the current font, up to the cap. */
  private lines(text: string, width: number): number {
    if (text === '') return 1;
    if (!text.includes('\n') && this.doc.widthOfString(text) <= width) return 1;
    const height = this.doc.heightOfString(text, { width });
    return Math.min(CELL_MAX_LINES, Math.max(1, Math.round(height / this.doc.currentLineHeight(true))));
  }
}

function cells(columns: readonly Column[], row: Row): string[] {
  return columns.map((column) => cellText(column, row[column.key] ?? null, 'display'));
}

/**
 * An A4 PDF in Noto Sans SC (embedded as a subset, no system fonts): title and subtitle, then each
 * chapter's heading, paragraphs, charts (vector, from the same SVG as the XLSX pictures) and
 * tables, with right-aligned figures and the header row repeated on every page a table spans.
 */
export async function renderPdf(
  document: ReportDocument,
  output: NodeJS.WritableStream | Writable,
): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    lang: 'zh-CN',
    info: { Title: document.title, Subject: document.subtitle, CreationDate: document.generatedAt },
    displayTitle: true,
    // pdfkit caches the layout of every distinct word it has set, for the life of the document:
    // with a name in every row that grows with the table, so it stays off.
    fontLayoutCache: false,
  });
  const written = pipeline(doc, output);
  // Observed below; until then a failed output must not count as an unhandled rejection.
  written.catch(() => undefined);
  try {
    const writer = new PdfWriter(doc);
    writer.titleBlock(document);
    for (const chapter of document.chapters) {
      writer.heading(chapter.heading);
      for (const paragraph of chapter.paragraphs ?? []) writer.paragraph(paragraph);
      for (const chart of chapter.charts ?? []) writer.chart(chart);
      for (const table of chapter.tables) await writer.table(table, output);
    }
    doc.end();
  } catch (error) {
    doc.destroy(error as Error);
    throw error;
  }
  await written;
}
