import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { cellText } from './cell-values';
import type { Column, ReportDocument, Row } from './report-document';

function cells(columns: readonly Column[], row: Row): string[] {
  return columns.map((column) => cellText(column, row[column.key] ?? null, 'plain'));
}

/** Each table as a block: its title, the header, the body, the totals, then an empty line. */
async function* records(document: ReportDocument): AsyncGenerator<string[]> {
  for (const chapter of document.chapters) {
    for (const table of chapter.tables) {
      yield [table.title];
      yield table.columns.map((column) => column.title);
      for await (const row of table.rows) yield cells(table.columns, row);
      if (table.totals) yield cells(table.columns, table.totals);
      yield [];
    }
  }
}

/**
 * CSV in UTF-8 with a byte-order mark, which is what makes Excel read the Chinese text as UTF-8.
 * Figures are plain decimal text (money "1234.50" in yuan, ratios "45.2%") so that a spreadsheet
 * reads them back as numbers. Charts have no place in CSV.
 */
export async function renderCsv(
  document: ReportDocument,
  output: NodeJS.WritableStream | Writable,
): Promise<void> {
  await pipeline(
    Readable.from(records(document)),
    stringify({ bom: true, record_delimiter: 'windows' }),
    output,
  );
}
