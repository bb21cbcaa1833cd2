import { ReportFormat } from '@mingshi/reports';
import { probePdf, type PdfProbe } from '../../../../test/harness/pdf-probe';
import { CJK_FONT_FILES } from '../../src/render/cjk-font';
import { correlation, difference, ink, pageGlyphs, referenceGlyphs } from './glyph-ink';
import { outputFolder, renderToFile } from './render-to-file';
import {
  FIRST_HEADING,
  FUND_TABLE_TITLE,
  LONG_STUDIO,
  REPORT_TITLE,
  sampleReport,
  SECOND_HEADING,
  TEACHER_TABLE_TITLE,
} from './sample-report';

const TEACHERS = 5000;
const TEACHER_HEADER = '姓名 学校 已完成学时 差额比例';
const folder = outputFolder();

describe('PDF rendering', () => {
  let probe: PdfProbe;
  let text: string;

  beforeAll(async () => {
    const file = await renderToFile(
      sampleReport(TEACHERS),
      ReportFormat.PDF,
      folder.file('sample', ReportFormat.PDF),
    );
    probe = await probePdf(file, { renderPage: 1, scale: 2 });
    text = probe.pages.join('\n');
  }, 120_000);

  it('opens with the title, subtitle, first chapter and its charts (their text as text)', () => {
    const first = probe.pages[0].split('\n');
    expect(first).toEqual(
      expect.arrayContaining([
        REPORT_TITLE,
        '统计范围：安宁市（530181） · 统计年度：2026',
        '生成时间：2026年12月31日 10:00',
        FIRST_HEADING,
        '本年度全市名师工作室共下达经费十三万一千四百五十六元八角三分，执行率百分之四十八点五。',
        '各工作室经费执行情况',
        '经费支出构成',
        '专家讲课费：50%',
      ]),
    );
  });

  it('prints figures formatted: ¥ with separators, percentages, dates; totals after the rows', () => {
    const lines = text.split('\n');
    expect(lines).toContain(FUND_TABLE_TITLE);
    expect(lines).toContain('工作室 县区 已下达（元） 已支出（元） 执行率 讲座学时 成立日期');
    expect(lines).toContain('张明数学名师工作室 安宁市 ¥123,456.78 ¥55,800.50 45.2% 12.5 2024-09-01');
    expect(lines).toContain('李华语文名师工作室 富民县 ¥8,000.00 ¥8,000.00 100.0% 8 2025-03-15');
    expect(lines).toContain('合计 ¥131,456.83 ¥63,800.50 48.5% 20.5');
    expect(lines.indexOf('合计 ¥131,456.83 ¥63,800.50 48.5% 20.5')).toBeGreaterThan(
      lines.indexOf('李华语文名师工作室 富民县 ¥8,000.00 ¥8,000.00 100.0% 8 2025-03-15'),
    );
  });

  it('wraps a long text cell to three lines and cuts the rest with an ellipsis', () => {
    const start = text.indexOf('王芳英语工作室');
    const cell = text.slice(start, text.indexOf('宜良县', start));
    expect(cell.split('\n').filter(Boolean)).toHaveLength(3);
    expect(cell.trim().endsWith('…')).toBe(true);
    expect(cell.replace(/\n/g, '')).not.toContain(LONG_STUDIO);
  });

  it('draws every row of a streamed table, in order, with the header on every page it spans', () => {
    expect(text).toContain(SECOND_HEADING);
    expect(text).toContain(TEACHER_TABLE_TITLE);
    const numbers: number[] = [];
    for (const page of probe.pages) {
      const rows = [...page.matchAll(/^教师(\d+) 第\d中学 \d+ \d+\.\d%$/gm)].map((match) => Number(match[1]));
      if (rows.length > 0) expect(page).toContain(TEACHER_HEADER);
      numbers.push(...rows);
    }
    expect(numbers).toEqual(Array.from({ length: TEACHERS }, (_, index) => index + 1));
    expect(probe.pages.at(-1)).toContain(`合计 ${TEACHERS} 人`);
  });

  it('numbers every page', () => {
    expect(probe.pages.length).toBeGreaterThan(TEACHERS / 40);
    probe.pages.forEach((page, index) => expect(page.split('\n')).toContain(`第 ${index + 1} 页`));
  });

  it('draws the Chinese title with real glyphs of the embedded font, not blanks or boxes', async () => {
    const title = probe.items!.find((item) => item.str === REPORT_TITLE)!;
    expect(title).toBeDefined();
    const drawn = await pageGlyphs(probe.png!, title);
    const reference = referenceGlyphs(title, CJK_FONT_FILES.bold);
    const chars = [...REPORT_TITLE];
    const area = drawn[0].length;

    // Not blank: a bold ideograph covers a fifth to a third of its cell.
    for (const glyph of drawn) expect(ink(glyph) / area).toBeGreaterThan(0.1);
    // Not boxes: the same character draws the same bitmap, different ones differ (boxes would not).
    expect(difference(drawn[chars.indexOf('工')], drawn[chars.lastIndexOf('工')])).toBeLessThan(0.02);
    drawn.slice(1).forEach((glyph, index) => {
      if (chars[index + 1] !== chars[index]) expect(difference(glyph, drawn[index])).toBeGreaterThan(0.08);
    });
    // The right glyphs: skia drawing the same characters from the font file puts the same amount of
    // ink in each, and each drawn character looks most like its own reference.
    expect(correlation(drawn.map(ink), reference.map(ink))).toBeGreaterThan(0.95);
    drawn.forEach((glyph, index) => {
      const distances = reference.map((other) => difference(glyph, other));
      expect(chars[distances.indexOf(Math.min(...distances))]).toBe(chars[index]);
    });
  });
});
