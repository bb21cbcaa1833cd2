import type { Writable } from 'node:stream';
import { ReportFormat } from '@mingshi/reports';
import { renderCsv } from './csv-renderer';
import { renderPdf } from './pdf-renderer';
import type { ReportDocument } from './report-document';
import { renderXlsx } from './xlsx-renderer';

export type {
  CellValue,
  Chapter,
  Chart,
  Column,
  ColumnKind,
  ReportDocument,
  Row,
  Table,
} from './report-document';

/** What a rendered report is served as. */
export const REPORT_FILE_TYPES: Record<ReportFormat, { contentType: string; extension: string }> = {
  [ReportFormat.XLSX]: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  [ReportFormat.CSV]: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  [ReportFormat.PDF]: { contentType: 'application/pdf', extension: 'pdf' },
};

const RENDERERS: Record<
  ReportFormat,
  (document: ReportDocument, output: NodeJS.WritableStream | Writable) => Promise<void>
> = {
  [ReportFormat.XLSX]: renderXlsx,
  [ReportFormat.CSV]: renderCsv,
  [ReportFormat.PDF]: renderPdf,
};

/**
 * Renders a report into `output` and ends it; resolves once everything is written. Table rows are
 * read once, as they come, so the document's iterables may stream from the section files. If
 * rendering fails the output is destroyed with the error, so that an upload reading it aborts
 * instead of storing half a file.
 */
export async function renderReport(
  document: ReportDocument,
  format: ReportFormat,
  output: NodeJS.WritableStream | Writable,
): Promise<void> {
  try {
    await RENDERERS[format](document, output);
  } catch (error) {
    const writable = output as Partial<Writable>;
    if (writable.destroy && !writable.destroyed) writable.destroy(error as Error);
    throw error;
  }
}
