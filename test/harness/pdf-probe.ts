import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A run of text on the rendered page, in that page's pixels. */
export interface PdfTextItem {
  str: string;
  x: number;
  baseline: number;
  width: number;
  fontSize: number;
}

export interface PdfProbe {
  /** The text of each page, as pdfjs extracts it (a line break where a line ends). */
  pages: string[];
  /** The page asked for, rasterized. */
  png?: Buffer;
  /** The text items of that page, with their positions in the PNG. */
  items?: PdfTextItem[];
}

const run = promisify(execFile);

/**
 * Opens a PDF with pdfjs-dist (as a viewer would) in a child Node process, since pdfjs 5 is
 * ESM-only and jest runs the tests as CommonJS: see pdf-probe.mjs.
 */
export async function probePdf(
  file: string,
  options: { renderPage?: number; scale?: number } = {},
): Promise<PdfProbe> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-probe-'));
  try {
    const png = join(dir, 'page.png');
    const args = [join(__dirname, 'pdf-probe.mjs'), file];
    if (options.renderPage) args.push(String(options.renderPage), String(options.scale ?? 2), png);
    const { stdout } = await run(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 });
    const probe = JSON.parse(stdout) as PdfProbe;
    if (options.renderPage) probe.png = await readFile(png);
    return probe;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
