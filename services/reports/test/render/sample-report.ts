import type { ReportDocument, Row, Table } from '../../src/render/report-document';

/**
 * A report with known figures, for the renderer tests: every expected cell below is written out
 * by hand, and the long table's rows follow a rule the tests recompute.
 */
/** Too long for three lines of its PDF cell, so cut there with an ellipsis; whole in XLSX and CSV. */
export const LONG_STUDIO =
  '王芳英语工作室，一个名字很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长的工作室';

export const FUND_ROWS: Row[] = [
  {
    studio: '张明数学名师工作室',
    county: '安宁市',
    allocated: 12345678,
    spent: 5580050,
    rate: 0.452,
    hours: 12.5,
    since: '2024-09-01',
  },
  {
    studio: '李华语文名师工作室',
    county: '富民县',
    allocated: 800000,
    spent: 800000,
    rate: 1,
    hours: 8,
    since: '2025-03-15',
  },
  { studio: LONG_STUDIO, county: '宜良县', allocated: 5, spent: 0, rate: 0, hours: null, since: null },
];

/** Totals of FUND_ROWS, by hand: 12345678 + 800000 + 5 = 13145683 fen; 5580050 + 800000 = 6380050. */
export const FUND_TOTALS: Row = {
  studio: '合计',
  county: null,
  allocated: 13145683,
  spent: 6380050,
  rate: 0.4853,
  hours: 20.5,
  since: null,
};

export const FUND_TABLE_TITLE = '经费使用情况（按工作室）';
export const TEACHER_TABLE_TITLE = '继续教育学时不足的教师';
export const FIRST_HEADING = '一、经费使用情况';
export const SECOND_HEADING = '二、继续教育学时';
export const REPORT_TITLE = '安宁市名师工作室年度工作总结';

/** Teacher i (1-based): 教师i, hours i % 72, the school cycling over 7 names. */
export function teacherRow(i: number): Row {
  return { name: `教师${i}`, school: `第${(i % 7) + 1}中学`, hours: i % 72, shortfall: (72 - (i % 72)) / 72 };
}

export async function* teacherRows(count: number): AsyncIterable<Row> {
  for (let i = 1; i <= count; i++) {
    // Yield to the event loop now and then, as rows streamed from a file would.
    if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    yield teacherRow(i);
  }
}

export function teacherTable(count: number): Table {
  return {
    title: TEACHER_TABLE_TITLE,
    columns: [
      { key: 'name', title: '姓名', kind: 'text' },
      { key: 'school', title: '学校', kind: 'text', width: 20 },
      { key: 'hours', title: '已完成学时', kind: 'integer' },
      { key: 'shortfall', title: '差额比例', kind: 'ratio' },
    ],
    rows: teacherRows(count),
    totals: { name: '合计', school: `${count} 人`, hours: null, shortfall: null },
  };
}

export function sampleReport(teachers: number): ReportDocument {
  return {
    title: REPORT_TITLE,
    subtitle: '统计范围：安宁市（530181） · 统计年度：2026',
    generatedAt: new Date('2026-12-31T02:00:00Z'),
    chapters: [
      {
        heading: FIRST_HEADING,
        paragraphs: [
          '本年度全市名师工作室共下达经费十三万一千四百五十六元八角三分，执行率百分之四十八点五。',
        ],
        tables: [
          {
            title: FUND_TABLE_TITLE,
            columns: [
              { key: 'studio', title: '工作室', kind: 'text', width: 24 },
              { key: 'county', title: '县区', kind: 'text' },
              { key: 'allocated', title: '已下达（元）', kind: 'money' },
              { key: 'spent', title: '已支出（元）', kind: 'money' },
              { key: 'rate', title: '执行率', kind: 'ratio' },
              { key: 'hours', title: '讲座学时', kind: 'decimal' },
              { key: 'since', title: '成立日期', kind: 'date' },
            ],
            rows: FUND_ROWS,
            totals: FUND_TOTALS,
          },
        ],
        charts: [
          {
            title: '各工作室经费执行情况',
            type: 'bar',
            categories: ['张明', '李华', '王芳'],
            series: [
              { name: '已下达（万元）', values: [12.35, 0.8, 0] },
              { name: '已支出（万元）', values: [5.58, 0.8, 0] },
            ],
          },
          {
            title: '经费支出构成',
            type: 'pie',
            categories: ['专家讲课费', '资料费', '差旅费'],
            series: [{ name: '支出', values: [50, 30, 20] }],
          },
        ],
      },
      { heading: SECOND_HEADING, tables: [teacherTable(teachers)] },
    ],
  };
}
