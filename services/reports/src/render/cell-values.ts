import { displayWidth } from './cjk-font';
import type { CellValue, Column, ColumnKind } from './report-document';

/**
 * How each column kind's values are shown, in one place so that XLSX, CSV and PDF never disagree:
 * money arrives as integer fen and is printed from integers (never through a float), a ratio
 * arrives as a fraction and is shown as a percentage with one decimal.
 */

/** Excel number formats: the spreadsheet keeps numbers as numbers and only formats them. */
export const SPREADSHEET_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  integer: '0',
  decimal: '#,##0.0#',
  money: '"¥"#,##0.00',
  ratio: '0.0%',
  date: 'yyyy-mm-dd',
};

/** A column's width in character cells when the document gives none: its title's, or its kind's. */
const KIND_WIDTHS: Record<ColumnKind, number> = {
  text: 16,
  integer: 10,
  decimal: 12,
  money: 16,
  ratio: 9,
  date: 12,
};

export function columnWidth(column: Column): number {
  return column.width ?? Math.max(displayWidth(column.title) + 2, KIND_WIDTHS[column.kind]);
}

/** Whether a kind is a figure (right-aligned in PDF). */
export function isNumeric(kind: ColumnKind): boolean {
  return kind !== 'text' && kind !== 'date';
}

function numberOf(column: Column, value: CellValue): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(
      `Column ${column.key} (${column.kind}) has a non-number value ${JSON.stringify(value)}`,
    );
  }
  if ((column.kind === 'money' || column.kind === 'integer') && !Number.isSafeInteger(value)) {
    throw new TypeError(`Column ${column.key} (${column.kind}) has a non-integer value ${value}`);
  }
  return value;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** 123450 fen → "1234.50" (or "1,234.50" grouped), by integer division: exact for any safe integer. */
export function fenToYuan(fen: number, grouped = false): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100));
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${grouped ? groupThousands(yuan) : yuan}.${cents}`;
}

/** 0.4523 → "45.2%": tenths of a percent rounded once, then printed from that integer. */
export function ratioToPercent(ratio: number): string {
  const tenths = Math.round(ratio * 1000);
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}%`;
}

function decimalText(value: number, grouped: boolean): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: grouped });
}

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * A date value is a calendar date ("2026-03-01"), a timestamp (ISO string or epoch milliseconds)
 * read as its date in China; the result is that calendar day at UTC midnight, which is
 * how a spreadsheet date without a time zone is written.
 */
export function calendarDate(column: Column, value: CellValue): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  const instant = value === null ? null : new Date(value);
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new TypeError(`Column ${column.key} (date) has a value that is no date: ${JSON.stringify(value)}`);
  }
  return new Date(`${SHANGHAI_DATE.format(instant)}T00:00:00Z`);
}

/**
 * A cell as text: `plain` for CSV (no grouping, no currency sign, so a spreadsheet reads it back as
 * a number), `display` for PDF (¥ and thousands separators).
 */
export function cellText(column: Column, value: CellValue, style: 'plain' | 'display'): string {
  if (value === null || value === undefined || value === '') return '';
  const display = style === 'display';
  switch (column.kind) {
    case 'text':
      return String(value);
    case 'integer':
      return String(numberOf(column, value));
    case 'decimal':
      return decimalText(numberOf(column, value), display);
    case 'money':
      return (display ? '¥' : '') + fenToYuan(numberOf(column, value), display);
    case 'ratio':
      return ratioToPercent(numberOf(column, value));
    case 'date':
      return calendarDate(column, value).toISOString().slice(0, 10);
  }
}

/**
 * A cell as a spreadsheet value: figures stay numbers (money in yuan: fen / 100 is the double
 * nearest the exact yuan amount, the same number Excel would parse from "1234.50"), dates become
 * dates, and the number format does the showing.
 */
export function spreadsheetValue(column: Column, value: CellValue): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (column.kind) {
    case 'text':
      return String(value);
    case 'integer':
    case 'decimal':
    case 'ratio':
      return numberOf(column, value);
    case 'money':
      return numberOf(column, value) / 100;
    case 'date':
      return calendarDate(column, value);
  }
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** When a report was generated, in China's time, as its first page states it. */
export function generationTime(at: Date): string {
  return SHANGHAI_TIME.format(at);
}
