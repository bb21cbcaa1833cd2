// Reads a PDF the way a viewer does, for the tests: the text of every page, and optionally one
// page rasterized to PNG with the positions of its text. pdfjs-dist 5 is ESM-only, so this runs
// as a child process of the (CommonJS) jest tests: see pdf-probe.ts.
//
// usage: node pdf-probe.mjs <file.pdf> [<page to render> <scale> <out.png>]
// prints JSON: { pages: string[], items?: { str, x, baseline, width, fontSize }[] }
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getDocument, GlobalWorkerOptions, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';

GlobalWorkerOptions.workerSrc = import.meta.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
const standardFontDataUrl = fileURLToPath(
  import.meta.resolve('pdfjs-dist/standard_fonts/LICENSE_FOXIT'),
).replace(/LICENSE_FOXIT$/, '');

const [file, renderPage, scale = '2', pngPath] = process.argv.slice(2);
const pdf = await getDocument({
  data: new Uint8Array(await readFile(file)),
  standardFontDataUrl,
  verbosity: 0,
}).promise;

const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const content = await page.getTextContent();
  pages.push(
    content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
  );
  page.cleanup();
}

const result = { pages };
if (renderPage) {
  const page = await pdf.getPage(Number(renderPage));
  const viewport = page.getViewport({ scale: Number(scale) });
  // pdfjs's own canvas factory (on @napi-rs/canvas), so the page and its scratch canvases come
  // from the same canvas library.
  const { canvas, context } = pdf.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  await writeFile(pngPath, canvas.toBuffer('image/png'));
  const content = await page.getTextContent();
  result.items = content.items
    .filter((item) => 'str' in item && item.str.trim() !== '')
    .map((item) => {
      const [, , c, d, x, baseline] = Util.transform(viewport.transform, item.transform);
      return { str: item.str, x, baseline, width: item.width * Number(scale), fontSize: Math.hypot(c, d) };
    });
}
process.stdout.write(JSON.stringify(result));
await pdf.destroy();
