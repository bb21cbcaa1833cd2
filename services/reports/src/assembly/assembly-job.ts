import type { ReportFormat, ReportRequest, SectionService } from '@mingshi/reports';

/** The assembly job's data: what to render, and an earlier file to reuse if nothing changed. */
export interface AssemblyJobData {
  reportId: string;
  request: ReportRequest;
  format: ReportFormat;
  reuse: {
    reportId: string;
    fileKey: string;
    sectionDigests: Partial<Record<SectionService, string>>;
  } | null;
}

/** What the assembly hands back to the reports service. */
export interface AssemblyResult {
  fileKey: string;
  sizeBytes: number;
  sha256: string;
  sectionDigests: Partial<Record<SectionService, string>>;
  /** Set when the sections equalled the earlier report's and its file was copied, not rendered. */
  reusedFromId: string | null;
}

/** A report's folder in the store: its sections and its file, removed together by retention. */
export function reportFolder(reportId: string): string {
  return `reports/${reportId}/`;
}

export function reportFileKey(reportId: string, extension: string): string {
  return `${reportFolder(reportId)}report.${extension}`;
}
