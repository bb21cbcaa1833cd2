import {
  calendarDate,
  cellText,
  fenToYuan,
  ratioToPercent,
  spreadsheetValue,
} from '../../src/render/cell-values';
import { displayWidth } from '../../src/render/cjk-font';
import type { Column } from '../../src/render/report-document';
import { SheetNames } from '../../src/render/xlsx-renderer';

const money: Column = { key: 'm', title: '金额', kind: 'money' };
const ratio: Column = { key: 'r', title: '比例', kind: 'ratio' };
const date: Column = { key: 'd', title: '日期', kind: 'date' };

describe('cell values', () => {
  it('prints fen as yuan from integers, exactly, for any safe integer', () => {
    expect(fenToYuan(12345678)).toBe('123456.78');
    expect(fenToYuan(12345678, true)).toBe('123,456.78');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-150)).toBe('-1.50');
    // 2^53 - 1 fen: a float division would print ...40.99 or ...41.00 here.
    expect(fenToYuan(9007199254740991, true)).toBe('90,071,992,547,409.91');
  });

  it('shows money as ¥ with separators in PDF, plain in CSV, and as a number of yuan in XLSX', () => {
    expect(cellText(money, 12345678, 'display')).toBe('¥123,456.78');
    expect(cellText(money, 12345678, 'plain')).toBe('123456.78');
    expect(spreadsheetValue(money, 12345678)).toBe(123456.78);
    expect(spreadsheetValue(money, 12345678)).toBe(Number('123456.78'));
  });

  it('refuses money that is not whole fen, and figures that are not numbers', () => {
    expect(() => cellText(money, 12.5, 'plain')).toThrow(/non-integer/);
    expect(() => cellText(money, '100', 'plain')).toThrow(/non-number/);
  });

  it('shows ratios as percentages with one decimal', () => {
    expect(ratioToPercent(0.452)).toBe('45.2%');
    expect(ratioToPercent(1)).toBe('100.0%');
    expect(ratioToPercent(2 / 3)).toBe('66.7%');
    expect(ratioToPercent(-0.05)).toBe('-5.0%');
    expect(cellText(ratio, 0.4853, 'plain')).toBe('48.5%');
    expect(spreadsheetValue(ratio, 0.4853)).toBe(0.4853);
  });

  it('reads dates as calendar days, timestamps as their day in China', () => {
    expect(calendarDate(date, '2026-03-01')).toEqual(new Date('2026-03-01T00:00:00Z'));
    // 20:00 UTC on the 1st is 04:00 on the 2nd in Beijing.
    expect(cellText(date, '2026-03-01T20:00:00Z', 'plain')).toBe('2026-03-02');
    expect(() => calendarDate(date, 'soon')).toThrow(/no date/);
  });

  it('leaves empty cells empty', () => {
    expect(cellText(money, null, 'display')).toBe('');
    expect(spreadsheetValue(date, null)).toBeNull();
  });

  it('counts a CJK character as two cells', () => {
    expect(displayWidth('合计ab（）')).toBe(10);
  });
});

describe('sheet names', () => {
  it('removes characters Excel refuses, cuts to 31 and keeps names unique ignoring case', () => {
    const names = new SheetNames();
    expect(names.take('经费/执行[情况]: 2026?')).toBe('经费执行情况 2026');
    const long = '继续教育学时不足的教师名单按学校按县区按市州汇总统计表附件一和附件二';
    expect(long.length).toBeGreaterThan(31);
    expect(names.take(long)).toBe(long.slice(0, 31));
    expect(names.take(long)).toBe(`${long.slice(0, 28)}(2)`);
    expect(names.take('Sheet')).toBe('Sheet');
    expect(names.take('sheet')).toBe('sheet(2)');
    expect(names.take("'[]'")).toBe('工作表');
  });
});
