// The document model as a searchable PDF (<name>.pdf): every page its original image (a JPEG passed through, other
// images losslessly, a PNG's compressed pixels passed through, a PDF's own page copied), under an invisible layer of the restored words at their boxes.
// Born-digital pages (their text layer read as correct) are copied through unchanged; a page whose old layer was
// garbled gets the repaired text in its place. Aims at PDF/A-2b (see pdfa.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { concatTransformationMatrix, decodePDFRawStream, degrees, EncryptedPDFError, drawObject, PDFArray, PDFDict, PDFDocument, PDFImage, PDFName, PDFPage, PDFRawStream, PDFRef, popGraphicsState, pushGraphicsState } from '@cantoo/pdf-lib';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { OutputUnavailable } from '../errors.js';
import { openPdf } from '../ingest/pdf.js';
import type { DocumentModel, OutputPart, PageText } from '../types.js';
import { shownWords, wordText } from './model.js';
import { withoutInvisibleText } from './pdf-content.js';
import { embedLayerFont, type LayerFont } from './pdf-font.js';
import { drawInvisibleLines, type Frame, type PlacedWord } from './pdf-layer.js';
import { markPdfA } from './pdfa.js';
import { printedRuns, withoutPrinted } from './pdf-printed.js';
import { readWithoutImageData } from './pdf-input.js';
import { embedPngAsIs } from './png.js';

const ENCRYPTED = 'no .pdf written: the PDF is encrypted (an owner password sets what may be done with it): decrypt it first for a searchable PDF, for example qpdf --decrypt in.pdf out.pdf (its other formats are written)';

/** Resolution assumed for an image that records none (or the 72 of software that does not know). */
const DEFAULT_DPI = 300;

/** The page's OCR'd lines placed on a page `width` × `height` points, whose image the OCR saw at the page's pixel size. */
function placeOcrLines(p: PageText, box: { x: number; y: number; width: number; height: number }): PlacedWord[][] {
  if (!p.width || !p.height) return [];
  const sx = box.width / p.width;
  const sy = box.height / p.height;
  return p.blocks.flatMap((b) =>
    b.lines.map((l) =>
      shownWords(l)
        .filter((w) => w.box)
        .map((w) => ({ text: wordText(w), x: box.x + w.box!.x0 * sx, y: box.y + box.height - w.box!.y1 * sy, width: (w.box!.x1 - w.box!.x0) * sx, height: (w.box!.y1 - w.box!.y0) * sy })),
    ),
  ).filter((l) => l.length);
}

/** Whether restoration changed any word of the page. */
const repaired = (p: PageText) => p.blocks.some((b) => b.lines.some((l) => l.words.some((w) => w.restored !== undefined && w.restored !== w.text)));

async function imagePages(out: PDFDocument, doc: DocumentModel, layer: LayerFont): Promise<void> {
  const ext = path.extname(doc.file).toLowerCase();
  const bytes = await readFile(doc.file);
  for (const p of doc.pages) {
    const meta = await sharp(bytes, { page: p.page - 1, limitInputPixels: false }).metadata();
    const dpi = meta.density && meta.density > 72 ? meta.density : DEFAULT_DPI;
    // A JPEG or a plain PNG goes in as it is; other images as PNG, which keeps every pixel.
    const png = ext === '.png' ? bytes : ext === '.jpg' || ext === '.jpeg' ? undefined : await sharp(bytes, { page: p.page - 1, limitInputPixels: false }).png().toBuffer();
    const image = png ? (embedPngAsIs(out, png) ?? (await out.embedPng(png))) : await out.embedJpg(bytes);
    const width = (image.width / dpi) * 72;
    const height = (image.height / dpi) * 72;
    const page = out.addPage([width, height]);
    if (image instanceof PDFImage) page.drawImage(image, { x: 0, y: 0, width, height });
    else page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, 0, 0), drawObject(page.node.newXObject('Im', image.ref)), popGraphicsState());
    // A page scanned sideways or upside down is shown the way OCR read it, upright, its words placed in that view.
    if (p.turned) page.setRotation(degrees(p.turned));
    const frame = uprightFrame({ x: 0, y: 0, width, height }, p.turned ?? 0);
    drawInvisibleLines(page, layer, layer.glyphs, placeOcrLines(p, { x: 0, y: 0, width: frame.width, height: frame.height }), frame.matrix);
  }
}

/** A text object's start in a content stream. */
const TEXT_OBJECT = /(?:^|\s)BT(?:\s|$)/;

/** The streams of a page's contents, decoded and joined. */
function contentBytes(out: PDFDocument, page: PDFPage): Uint8Array {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => out.context.lookup(r)) : [contents];
  const parts = streams.filter((s): s is PDFRawStream => s instanceof PDFRawStream).map((s) => decodePDFRawStream(s).decode());
  return Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')]));
}

/**
 * Takes the invisible text out of the page's contents and out of the form XObjects it draws: whether it had any,
 * and the page's own contents as left.
 */
function removeOldLayer(out: PDFDocument, page: PDFPage): { removed: boolean; content: Uint8Array } {
  const content = contentBytes(out, page);
  const cleaned = withoutInvisibleText(content);
  let removed = cleaned !== undefined;
  if (cleaned) page.node.set(PDFName.of('Contents'), out.context.register(out.context.flateStream(cleaned)));
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  for (const [, ref] of xobjects?.entries() ?? []) {
    const form = ref instanceof PDFRef ? out.context.lookup(ref) : ref;
    if (!(form instanceof PDFRawStream) || form.dict.get(PDFName.of('Subtype')) !== PDFName.of('Form')) continue;
    const text = withoutInvisibleText(decodePDFRawStream(form).decode());
    removed ||= text !== undefined;
    if (text && ref instanceof PDFRef) out.context.assign(ref, out.context.flateStream(text, Object.fromEntries([...form.dict.entries()].filter(([k]) => !['Length', 'Filter', 'DecodeParms'].includes(k.asString())).map(([k, v]) => [k.asString().slice(1), v]))));
  }
  return { removed, content: cleaned ?? content };
}

/**
 * The text layer's words placed where the old layer had them: pdf.js gives each run of text (an item) its
 * baseline origin and width; the page's words are found in the runs' text in order, and share their run's
 * width by characters.
 */
async function placeLayerLines(pdf: PDFDocumentProxy, p: PageText): Promise<PlacedWord[][]> {
  const content = await (await pdf.getPage(p.page)).getTextContent();
  let text = '';
  const runs: { start: number; end: number; x: number; y: number; width: number; height: number }[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const str = item.str.normalize('NFC');
    runs.push({ start: text.length, end: text.length + str.length, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height || Math.hypot(item.transform[2], item.transform[3]) });
    text += str + (item.hasEOL ? '\n' : '');
  }
  let cursor = 0;
  let run = 0;
  return p.blocks.flatMap((b) =>
    b.lines.map((l) =>
      l.words.flatMap((w) => {
        const at = text.indexOf(w.text, cursor);
        if (at < 0 || !wordText(w).trim()) return [];
        cursor = at + w.text.length;
        while (run < runs.length - 1 && runs[run]!.end <= at) run++;
        const r = runs[run]!;
        const perChar = r.width / Math.max(r.end - r.start, 1);
        return [{ text: wordText(w), x: r.x + (at - r.start) * perChar, y: r.y - r.height * 0.2, width: w.text.length * perChar, height: r.height }];
      }),
    ),
  ).filter((l) => l.length);
}

/**
 * The page as pdf.js shows it, turned by its /Rotate (clockwise): its size, and the map from that upright view
 * (points, origin bottom left) to the page's user space.
 */
export function uprightFrame(box: { x: number; y: number; width: number; height: number }, rotate: number): { width: number; height: number; matrix: Frame } {
  const { x, y, width: w, height: h } = box;
  const turn = ((Math.round(rotate / 90) % 4) + 4) % 4;
  if (turn === 1) return { width: h, height: w, matrix: [0, 1, -1, 0, x + w, y] };
  if (turn === 2) return { width: w, height: h, matrix: [-1, 0, 0, -1, x + w, y + h] };
  if (turn === 3) return { width: h, height: w, matrix: [0, -1, 1, 0, x, y + h] };
  return { width: w, height: h, matrix: [1, 0, 0, 1, x, y] };
}

/**
 * A PDF input's searchable PDF as an incremental update: the input's bytes as they are, then the pages whose
 * layer changed, the font and the PDF/A marks appended (pdf-lib's update starts on a new line). pdf-lib parses
 * the input without its image data (pdf-input.ts; its streams are views of it, never copied), and the input is
 * copied from its file when the output is written, so a 200-page scan's PDF does not hold its pages until the other
 * outputs are written. An old layer's objects stay in the file unreferenced: no reader shows them.
 */
async function renderPdfOfPdf(doc: DocumentModel): Promise<OutputPart[]> {
  const bytes = await readWithoutImageData(doc.file);
  const out = await PDFDocument.load(bytes, { updateMetadata: false, forIncrementalUpdate: true }).catch((error: unknown) => {
    // Readable without a password (an owner password only sets its permissions), but its update would have to be encrypted as it is.
    if (error instanceof EncryptedPDFError) throw new OutputUnavailable(ENCRYPTED);
    throw error;
  });
  const pages = out.getPages();
  let font: LayerFont | undefined;
  let source: PDFDocumentProxy | undefined;
  try {
    for (const p of doc.pages) {
      const page = pages[p.page - 1];
      // A born-digital page whose layer was taken as it is stays as it is.
      if (!page || p.skipped || (p.source === 'text-layer' && !repaired(p))) continue;
      const { removed: hadLayer, content } = removeOldLayer(out, page);
      font ??= await embedLayerFont(out);
      if (p.source === 'ocr') {
        // OCR read the page upright, as pdf.js renders it (turned by /Rotate), then turned further when it was
        // scanned sideways or upside down: the page is shown that way and the words are placed in that view.
        const rotation = (page.getRotation().angle + (p.turned ?? 0)) % 360;
        if (p.turned) page.setRotation(degrees(rotation));
        const frame = uprightFrame(page.getCropBox(), rotation);
        const placed = placeOcrLines(p, { x: 0, y: 0, width: frame.width, height: frame.height });
        // The page's text is all printed unless it had an invisible layer (now taken out, pdf.js still reads it);
        // pdf.js places it in the page's view as given, not turned. A scan's page draws no text and has no
        // annotations: pdf.js, which holds the whole file, is opened only for a page that may print text.
        const printsText = !hadLayer && !p.turned && (page.node.Annots() !== undefined || TEXT_OBJECT.test(Buffer.from(content).toString('latin1')));
        const lines = printsText ? withoutPrinted(placed, await printedRuns((source ??= await openPdf(doc.file)), p.page)) : placed;
        drawInvisibleLines(page, font, font.glyphs, lines, frame.matrix);
      } else {
        source ??= await openPdf(doc.file);
        drawInvisibleLines(page, font, font.glyphs, await placeLayerLines(source, p));
      }
    }
  } finally {
    await source?.destroy();
  }
  await markPdfA(out, path.basename(doc.file, path.extname(doc.file)));
  const update = await out.saveIncremental(out.context.snapshot!, { useObjectStreams: false });
  // The input is copied from its file when the output is written: its bytes are let go here.
  return [{ copyOf: doc.file, bytes: bytes.length }, update];
}

/** The searchable PDF of an image or PDF input, in parts written one after the other; undefined for a .txt input, which has no page to show. */
export async function renderPdf(doc: DocumentModel): Promise<OutputPart[] | undefined> {
  const ext = path.extname(doc.file).toLowerCase();
  if (ext === '.txt') return undefined;
  if (ext === '.pdf') return renderPdfOfPdf(doc);
  const out = await PDFDocument.create({ updateMetadata: false });
  await imagePages(out, doc, await embedLayerFont(out));
  await markPdfA(out, path.basename(doc.file, path.extname(doc.file)));
  return [await out.save({ useObjectStreams: false })];
}
