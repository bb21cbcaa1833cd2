import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportFormat } from '@mingshi/reports';
import { renderReport, REPORT_FILE_TYPES } from '../../src/render';
import type { ReportDocument } from '../../src/render/report-document';

/** A temporary folder for one spec file's outputs, removed after its tests. */
export function outputFolder(): { file(name: string, format: ReportFormat): string } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-render-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return { file: (name, format) => join(dir, `${name}.${REPORT_FILE_TYPES[format].extension}`) };
}

export async function renderToFile(
  document: ReportDocument,
  format: ReportFormat,
  file: string,
): Promise<string> {
  await renderReport(document, format, createWriteStream(file));
  return file;
}
