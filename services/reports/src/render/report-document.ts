/**
 * A report as the renderers see it, whatever the format: a title, then chapters of tables and
 * charts. The assembler builds one from the sections (src/assembly/); XLSX, CSV and PDF each
 * render the same document, so the three formats never disagree about a figure.
 */
export interface ReportDocument {
  /** e.g. 安宁市名师工作室2026年度工作总结 */
  title: string;
  /** e.g. 统计范围：安宁市（530181） · 统计年度：2026 */
  subtitle: string;
  generatedAt: Date;
  chapters: Chapter[];
}

export interface Chapter {
  /** e.g. 一、工作室概况 */
  heading: string;
  /** Text under the heading, one paragraph per entry. */
  paragraphs?: string[];
  tables: Table[];
  charts?: Chart[];
}

/**
 * How a column's values are typed in every format. Money arrives as integer fen and is shown in
 * yuan (¥ and two decimals; a number with a ¥ format in XLSX, a decimal string in CSV); a ratio
 * arrives as a fraction (0.5) and is shown as a percentage.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'money' | 'ratio' | 'date';

export interface Column {
  key: string;
  title: string;
  kind: ColumnKind;
  /** Width in characters (a CJK character counts two); otherwise the renderer chooses. */
  width?: number;
}

export type CellValue = string | number | null;

export type Row = Record<string, CellValue>;

export interface Table {
  /** Also the sheet name in XLSX (cut to Excel's 31 characters). */
  title: string;
  columns: Column[];
  /**
   * The rows, possibly many (a province's teachers below the requirement): renderers consume
   * them once, in order, without holding them all, so an async iterable is the general case.
   */
  rows: Iterable<Row> | AsyncIterable<Row>;
  /** A last row of totals, rendered apart from the body (bold, below a rule). */
  totals?: Row;
}

/** A chart, drawn from the same figures as a table beside it. */
export interface Chart {
  title: string;
  type: 'bar' | 'pie';
  /** Category labels along the axis (bar) or the slices (pie). */
  categories: string[];
  series: { name: string; values: number[] }[];
}
