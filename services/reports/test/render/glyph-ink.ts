import { createCanvas, GlobalFonts, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import type { PdfTextItem } from '../../../../test/harness/pdf-probe';

/**
 * Looks at the glyphs a PDF page was rasterized with, one full-width character at a time, to tell
 * real CJK glyphs from the blanks or identical boxes a missing font gives.
 */

/** A character's cell: from a little above the em box to below the baseline, one em wide. */
function cellBounds(item: PdfTextItem, index: number) {
  const size = item.fontSize;
  return {
    x: Math.floor(item.x + index * size),
    y: Math.floor(item.baseline - 1.1 * size),
    w: Math.ceil(size),
    h: Math.ceil(1.45 * size),
  };
}

/** Darkness of each pixel (0 white … 1 black) of a cell. */
function darkness(
  context: SKRSContext2D,
  cell: { x: number; y: number; w: number; h: number },
): Float64Array {
  const { data } = context.getImageData(cell.x, cell.y, cell.w, cell.h);
  const result = new Float64Array(cell.w * cell.h);
  for (let i = 0; i < result.length; i++)
    result[i] = 1 - (data[4 * i] + data[4 * i + 1] + data[4 * i + 2]) / (3 * 255);
  return result;
}

/** The bitmaps of each character of a text item (all full-width) on the rendered page. */
export async function pageGlyphs(png: Buffer, item: PdfTextItem): Promise<Float64Array[]> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return [...item.str].map((_, index) => darkness(context, cellBounds(item, index)));
}

/** The same characters drawn independently, by skia with the given font file. */
export function referenceGlyphs(item: PdfTextItem, fontFile: string): Float64Array[] {
  const family = 'Reference CJK';
  GlobalFonts.registerFromPath(fontFile, family);
  return [...item.str].map((char) => {
    const cell = cellBounds({ ...item, x: 0, baseline: 1.1 * item.fontSize }, 0);
    const canvas = createCanvas(cell.w, cell.h);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, cell.w, cell.h);
    context.fillStyle = '#000000';
    context.font = `${item.fontSize}px "${family}"`;
    context.fillText(char, 0, 1.1 * item.fontSize);
    return darkness(context, { ...cell, x: 0, y: 0 });
  });
}

export function ink(glyph: Float64Array): number {
  return glyph.reduce((sum, value) => sum + value, 0);
}

/** Mean absolute difference of two bitmaps of the same size, 0 identical … 1 opposite. */
export function difference(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
