import type { RegionEntry, ReportKind, ReportRequest } from '@mingshi/reports';
import type { Chapter, ReportDocument } from '../render/report-document';
import { annualGradesChapter, assessmentResultsChapters } from './evaluation-chapters';
import { annualFundsChapters, fundUsageChapters } from './finance-chapters';
import { annualTeachersChapter, annualTrainingChapter, trainingHoursChapters } from './personnel-chapters';
import { RegionNames, type ChapterInput, type SectionData } from './section-data';
import { annualSummaryChapters, studioRosterChapters, workshopHeadlines } from './workshop-chapters';

/** How each kind's title reads after the region's name. */
const TITLES: Record<ReportKind, (year: number) => string> = {
  ANNUAL_SUMMARY: (year) => `名师工作室${year}年度工作总结`,
  FUND_USAGE: (year) => `名师工作室${year}年度专项经费使用情况`,
  ASSESSMENT_RESULTS: (year) => `名师工作室${year}年度考核结果`,
  TRAINING_HOURS: (year) => `${year}年度教师继续教育学时达标情况`,
  STUDIO_ROSTER: (year) => `名师工作室名册（${year}年）`,
};

/** The chapters of each kind, from the sections' chapter builders, in the order the report reads. */
const CHAPTERS: Record<ReportKind, (input: ChapterInput) => Promise<Chapter[]>> = {
  ANNUAL_SUMMARY: async (input) => [
    await overviewChapter(input),
    ...(await annualSummaryChapters(input)),
    await annualTeachersChapter(input),
    await annualTrainingChapter(input),
    ...(await annualFundsChapters(input)),
    ...(await annualGradesChapter(input)),
  ],
  FUND_USAGE: fundUsageChapters,
  ASSESSMENT_RESULTS: assessmentResultsChapters,
  TRAINING_HOURS: trainingHoursChapters,
  STUDIO_ROSTER: studioRosterChapters,
};

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、二、… up to 九十九、, as chapter numbers are written. */
export function chapterNumber(index: number): string {
  const n = index + 1;
  if (n <= 10) return CHINESE_NUMERALS[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_NUMERALS[tens - 1]}十${ones === 0 ? '' : CHINESE_NUMERALS[ones - 1]}`;
}

/**
 * The report as a document, whatever its format. The section builders give their chapters
 * unnumbered (or numbered as if alone); the document numbers them once, in order.
 */
export async function buildReportDocument(
  request: ReportRequest,
  data: SectionData,
  generatedAt: Date,
): Promise<ReportDocument> {
  const entries = await data.all<RegionEntry>('personnel', 'regions');
  const regions = new RegionNames(new Map(entries.map((region) => [region.code, region.name])));
  const input: ChapterInput = { request, data, regions };
  const region = fullName(entries, request.regionCode);
  const chapters = await CHAPTERS[request.kind](input);
  return {
    title: `${region}${TITLES[request.kind](request.year)}`,
    subtitle: [
      `统计范围：${region}（${request.regionCode}）`,
      `统计年度：${request.year}`,
      ...(request.masked ? ['个人信息已脱敏'] : []),
    ].join(' · '),
    generatedAt,
    chapters: chapters.map((chapter, index) => ({
      ...chapter,
      heading: `${chapterNumber(index)}、${chapter.heading.replace(/^[一二三四五六七八九十]+、/, '')}`,
    })),
  };
}

/**
 * A region as a document's title names it: a county with its city (攀枝花市西区), as bureaus
 * head their documents; a city or province by its own name. A county directly under its province
 * (省直辖县) has no city to name.
 */
export function fullName(regions: readonly RegionEntry[], code: string): string {
  const region = regions.find((entry) => entry.code === code);
  if (!region) return code;
  const parent = regions.find((entry) => entry.code === region.parentCode);
  return region.level === 'COUNTY' && parent?.level === 'CITY' ? `${parent.name}${region.name}` : region.name;
}

/** 总体情况: the year's headline figures, in the words a bureau's summary uses. */
async function overviewChapter(input: ChapterInput): Promise<Chapter> {
  const figures = await workshopHeadlines(input);
  return {
    heading: '总体情况',
    paragraphs: [
      `${input.request.year}年，${input.regions.name(input.request.regionCode)}共有名师工作室${figures[0]?.value ?? 0}个，` +
        figures
          .slice(1)
          .map((figure) => `${figure.label}${figure.value}${figure.unit}`)
          .join('，') +
        '。',
    ],
    tables: [
      {
        title: '主要指标',
        columns: [
          { key: 'label', title: '指标', kind: 'text', width: 16 },
          { key: 'value', title: '数值', kind: 'integer', width: 12 },
          { key: 'unit', title: '单位', kind: 'text', width: 6 },
        ],
        rows: figures.map((figure) => ({ label: figure.label, value: figure.value, unit: figure.unit })),
      },
    ],
  };
}
