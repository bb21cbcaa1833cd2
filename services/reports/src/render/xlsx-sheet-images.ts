import * as ExcelJS from 'exceljs';

/**
 * exceljs's streaming writer has no `worksheet.addImage` (its README: images are not supported in
 * streaming mode; the pull request adding it, exceljs#2201, was never merged), and the document
 * writer that has it holds every row in memory. Placing a picture on a sheet takes five small
 * parts, which this writer adds itself: the image in xl/media (exceljs's own `addImage`), a
 * drawing part anchoring it, the drawing's relationship to the image, the sheet's relationship to
 * the drawing with a `<drawing>` element at the end of the sheet, and the drawing's content type.
 *
 * It reaches into the writer's members listed below (exceljs 4.4); the XLSX tests read the result
 * back with exceljs's reader, so a change there shows up as a failing test, not a broken file.
 */
interface WriterInternals {
  zip: { append(source: string, data: { name: string }): unknown };
  media: { name: string }[];
}

interface SheetInternals {
  stream: { write(text: string): unknown };
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData(): void;
}

/** A picture whose top-left corner sits at a cell (0-based) and that keeps its own size. */
export interface SheetImage {
  png: Buffer;
  description: string;
  col: number;
  row: number;
  /** Display size in pixels. */
  width: number;
  height: number;
}

const EMU_PER_PIXEL = 9525;
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function anchorXml(image: SheetImage, index: number): string {
  const cx = Math.round(image.width * EMU_PER_PIXEL);
  const cy = Math.round(image.height * EMU_PER_PIXEL);
  return (
    '<xdr:oneCellAnchor>' +
    `<xdr:from><xdr:col>${image.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${image.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${cx}" cy="${cy}"/>` +
    '<xdr:pic><xdr:nvPicPr>' +
    `<xdr:cNvPr id="${index + 2}" name="图片 ${index + 1}" descr="${xmlAttr(image.description)}"/>` +
    '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>' +
    `<xdr:blipFill><a:blip r:embed="rId${index + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
    `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>` +
    '</xdr:pic><xdr:clientData/></xdr:oneCellAnchor>'
  );
}

export class ImageWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  private drawings = 0;

  /** Places images on a sheet; call it before the sheet is committed. */
  placeImages(worksheet: ExcelJS.Worksheet, images: readonly SheetImage[]): void {
    if (images.length === 0) return;
    const writer = this as unknown as WriterInternals;
    const sheet = worksheet as unknown as SheetInternals;
    const drawing = `drawing${++this.drawings}`;

    // exceljs types its buffers as a bare ArrayBuffer of its own; a Node Buffer is what it reads.
    const mediaNames = images.map(
      (image) =>
        writer.media[this.addImage({ buffer: image.png as unknown as ArrayBuffer, extension: 'png' })].name,
    );
    writer.zip.append(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"' +
        ` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">` +
        images.map(anchorXml).join('') +
        '</xdr:wsDr>',
      { name: `xl/drawings/${drawing}.xml` },
    );
    writer.zip.append(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        mediaNames
          .map(
            (name, index) =>
              `<Relationship Id="rId${index + 1}" Type="${REL}/image" Target="../media/${name}"/>`,
          )
          .join('') +
        '</Relationships>',
      { name: `xl/drawings/_rels/${drawing}.xml.rels` },
    );

    const rId = sheet._sheetRelsWriter.addRelationship({
      Type: `${REL}/drawing`,
      Target: `../drawings/${drawing}.xml`,
    });
    // <drawing> comes after the page setup and before <legacyDrawing> in a worksheet, which is
    // exactly where the writer's last step before closing the sheet writes.
    const writeLegacyData = sheet._writeLegacyData.bind(sheet);
    sheet._writeLegacyData = () => {
      sheet.stream.write(`<drawing r:id="${rId}"/>`);
      writeLegacyData();
    };
  }

  /** exceljs writes [Content_Types].xml without drawings; this adds an override for each. */
  override addContentTypes(): Promise<void> {
    const { zip } = this as unknown as WriterInternals;
    const append = zip.append;
    const overrides = Array.from(
      { length: this.drawings },
      (_, index) =>
        `<Override PartName="/xl/drawings/drawing${index + 1}.xml" ContentType="${DRAWING_TYPE}"/>`,
    ).join('');
    zip.append = (source, data) =>
      append.call(
        zip,
        data.name === '[Content_Types].xml' ? source.replace('</Types>', `${overrides}</Types>`) : source,
        data,
      );
    return super.addContentTypes().finally(() => {
      zip.append = append;
    });
  }
}
