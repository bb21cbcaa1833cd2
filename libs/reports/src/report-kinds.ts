/**
 * What a report is about; each kind names the sections the owning services compute for it.
 * String constants rather than a TypeScript enum, so the GraphQL enum's generated union and
 * these are one type.
 */
export const ReportKind = {
  /** 年度工作总结: studios, their people and work, money and grades for a county, city or province. */
  ANNUAL_SUMMARY: 'ANNUAL_SUMMARY',
  /** 经费使用情况: allocated and spent by category, execution rate, lecture-fee ratio, per studio. */
  FUND_USAGE: 'FUND_USAGE',
  /** 考核结果: scores by indicator, grades and ranking of the year's assessments. */
  ASSESSMENT_RESULTS: 'ASSESSMENT_RESULTS',
  /** 继续教育学时: teachers below the yearly requirement, by school. */
  TRAINING_HOURS: 'TRAINING_HOURS',
  /** 工作室名册: studios with their hosts, members and trainees. */
  STUDIO_ROSTER: 'STUDIO_ROSTER',
} as const;

export type ReportKind = (typeof ReportKind)[keyof typeof ReportKind];

export const ReportFormat = { XLSX: 'XLSX', CSV: 'CSV', PDF: 'PDF' } as const;

export type ReportFormat = (typeof ReportFormat)[keyof typeof ReportFormat];

/** The services that own report data; each runs a section worker on its own queue. */
export type SectionService = 'personnel' | 'workshop' | 'finance' | 'evaluation';

export const SECTION_SERVICES: readonly SectionService[] = ['personnel', 'workshop', 'finance', 'evaluation'];

export interface SectionSpec {
  service: SectionService;
  /**
   * Sections whose output this one reads (their file, by storage key): they run first, as its
   * children in the flow. Personnel names the teachers a studio roster lists, for instance, and
   * only workshop knows which teachers those are.
   */
  needs?: SectionService[];
}

/**
 * The sections of each kind. Personnel is in every kind: it names the regions (and, where the
 * report lists people, the teachers and schools) that the other sections only know by code or id.
 */
export const REPORT_SECTIONS: Record<ReportKind, readonly SectionSpec[]> = {
  [ReportKind.ANNUAL_SUMMARY]: [
    { service: 'personnel' },
    { service: 'workshop' },
    { service: 'finance' },
    { service: 'evaluation' },
  ],
  [ReportKind.FUND_USAGE]: [{ service: 'personnel' }, { service: 'workshop' }, { service: 'finance' }],
  [ReportKind.ASSESSMENT_RESULTS]: [
    { service: 'personnel' },
    { service: 'workshop' },
    { service: 'evaluation' },
  ],
  [ReportKind.TRAINING_HOURS]: [{ service: 'personnel' }],
  [ReportKind.STUDIO_ROSTER]: [{ service: 'workshop' }, { service: 'personnel', needs: ['workshop'] }],
};
