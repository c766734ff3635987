// PDF pages with pdfjs-dist (legacy build for Node): the text layer where there is one, or the page
// rendered at 300 DPI through pdfjs's own canvas factory. cMaps, standard fonts and the JPX/JBIG2 decoders
// (wasm) come from the installed package, so scans in those formats render instead of coming out blank.
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { InputError } from '../errors.js';
import { annotationTexts, layerWithAnnotations } from './annotations.js';
import { toGrey } from '../preprocess/colour.js';
import type { GreyImage } from '../types.js';
import { MAX_PIXELS } from './image.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const dataDir = (name: string) => `${path.join(pdfjsRoot, name)}/`;

/**
 * pdfjs-dist's legacy build brings core-js polyfills that swap JSON.parse, JSON.stringify and Array.prototype.push
 * for script wrappers on Node 20 (for JSON.rawJSON, and an array-length edge case), for the whole process: after
 * the first PDF, writing a 200-page document's JSON took seconds and a gigabyte of heap (15-30x slower). pdfjs
 * needs neither feature, so the engine's own are put back once pdfjs and its worker have loaded.
 */
const native = { parse: JSON.parse, stringify: JSON.stringify, push: Array.prototype.push };
function restoreNatives(): void {
  JSON.parse = native.parse;
  JSON.stringify = native.stringify;
  Array.prototype.push = native.push;
}

export const RENDER_DPI = 300;
/**
 * Pixels a page is rendered to at most: a larger page (over 85 cm a side at 300 DPI) is rendered at the DPI that
 * fits. Its RGBA canvas alone is 4 bytes a pixel, so a 140-megapixel page at 300 DPI peaked at 1.45 GB in all.
 */
export const RENDER_BUDGET = 100_000_000;
/** A text layer with fewer letters than this on a page is not real text (stray page numbers, scanner stamps). */
const REAL_TEXT_LETTERS = 40;

/**
 * The largest image a PDF's bytes declare (`/Subtype /Image` dictionaries with `/Width` and `/Height`). pdfjs
 * decodes an image whole before drawing it, so a 389 KB file drawing a 20000×20000 image took 5 GB: such a PDF
 * is refused before anything is decoded, as an image file of that size is. An image's dictionary always sits
 * in the file as written (a stream is never inside a compressed object stream).
 */
export function largestImage(data: Uint8Array): { width: number; height: number } | undefined {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  let largest: { width: number; height: number } | undefined;
  for (const match of text.matchAll(/\/Subtype\s*\/Image/g)) {
    // The dictionary around the match: from its opening << to the stream keyword after it.
    const start = text.lastIndexOf('<<', match.index);
    const end = text.indexOf('stream', match.index);
    const dict = text.slice(Math.max(start, match.index - 2000), end < 0 ? match.index + 2000 : Math.min(end, match.index + 2000));
    const width = Number(/\/Width\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)/.exec(dict)?.[1] ?? 0);
    if (!largest || width * height > largest.width * largest.height) largest = { width, height };
  }
  return largest;
}

/**
 * Largest PDF a batch reads: 256 MB, some 250 pages of 300 DPI scans. pdf.js holds the whole file in memory, and the
 * image check above reads it once more as text, so one input stays well under 1.5 GB; past 512 MB the text
 * would not even fit in one string. A larger PDF is refused before it is read.
 */
export const MAX_PDF_BYTES = 256 * 2 ** 20;

export async function openPdf(file: string): Promise<PDFDocumentProxy> {
  const { size } = await stat(file);
  if (size > MAX_PDF_BYTES) throw new InputError(file, `PDF too large (${(size / 2 ** 20).toFixed(0)} MB; at most ${MAX_PDF_BYTES / 2 ** 20} MB): split it first (for example: qpdf --split-pages)`);
  const data = new Uint8Array(await readFile(file));
  if (data.length === 0) throw new InputError(file, 'empty file (0 bytes)');
  const image = largestImage(data);
  if (image && image.width * image.height > MAX_PIXELS) {
    throw new InputError(file, `PDF holds an image too large to decode (${image.width}×${image.height} px, over ${MAX_PIXELS / 1e6} megapixels): downscale it first`);
  }
  // Loaded on the first PDF: it is a large module, and a batch of page images never needs it.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    return await getDocument({
      data,
      cMapUrl: dataDir('cmaps'),
      cMapPacked: true,
      standardFontDataUrl: dataDir('standard_fonts'),
      wasmUrl: dataDir('wasm'),
      iccUrl: dataDir('iccs'),
      isEvalSupported: false,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') throw new InputError(file, 'encrypted PDF: decrypt it first (for example: qpdf --decrypt in.pdf out.pdf)');
    throw new InputError(file, `corrupt or truncated PDF (${(error as Error).message.split('\n')[0]})`);
  } finally {
    // Both pdfjs (on import) and its worker side (when the first document opens) install the polyfills.
    restoreNatives();
  }
}

/**
 * The page's text layer, lines joined, with the text its annotations draw (the number and day a signing stamp put
 * into the form); empty when the page's own text holds fewer than minLetters letters (by default: no real text).
 * A signing stamp alone is no layer: a scanned page signed digitally has no text of its own but the stamp's
 * ("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi / Thời gian ký: …"), and taking it for the page lost the page.
 */
export async function pdfTextLayer(doc: PDFDocumentProxy, pageNumber: number, minLetters = REAL_TEXT_LETTERS): Promise<string> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  const items = content.items.flatMap((item) => ('str' in item ? [{ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, height: item.height, hasEOL: item.hasEOL }] : []));
  let own = '';
  for (const item of items) own += item.hasEOL ? `${item.str}\n` : item.str;
  if ((own.match(/\p{L}/gu)?.length ?? 0) < Math.max(minLetters, 1)) return '';
  const annotations = await annotationTexts(page);
  return (annotations.length ? layerWithAnnotations(items, annotations) : own).normalize('NFC');
}

function isWhite(grey: Buffer): boolean {
  for (let i = 0; i < grey.length; i++) if (grey[i] !== 255) return false;
  return true;
}

type PdfPage = Awaited<ReturnType<PDFDocumentProxy['getPage']>>;

type OperatorList = Awaited<ReturnType<PdfPage['getOperatorList']>>;

interface PaintedImages {
  /** An image the page paints could not be decoded: pdfjs draws around it, white where it was a scan, and says nothing. */
  missing: boolean;
  /** Pixels per inch of the largest image, its longer side over the page's (a scan fills its page): a 100 ppi scan rendered at 300 DPI was upsampled by the render. */
  scanDpi?: number;
}

function sideOf(image: unknown): number {
  const { width, height } = (image ?? {}) as { width?: unknown; height?: unknown };
  return Math.max(typeof width === 'number' ? width : 0, typeof height === 'number' ? height : 0);
}

/**
 * What the images a page paints say, in one walk of the operator list the render just built (kept by pdfjs
 * until cleanup; called before it): XObjects, repeated XObjects, inline images and image masks.
 */
async function paintedImages(page: PdfPage, list: OperatorList): Promise<PaintedImages> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const objs = page.objs as { has(id: string): boolean; get(id: string): unknown };
  let missing = false;
  let longest = 0;
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | undefined;
    if (fn === OPS.paintImageXObject || fn === OPS.paintImageXObjectRepeat) {
      const id = args?.[0];
      // Ids starting g_ are shared objects, kept elsewhere; the rest live on the page until cleanup.
      const local = typeof id === 'string' && !id.startsWith('g_');
      const image = local && objs.has(id) ? objs.get(id) : undefined;
      if (local && !image) missing = true;
      // paintImageXObject carries the size; the repeated form only its object's.
      longest = Math.max(longest, fn === OPS.paintImageXObject ? sideOf({ width: args?.[1], height: args?.[2] }) : sideOf(image));
    } else if (fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) {
      longest = Math.max(longest, sideOf(args?.[0]));
    }
  });
  const { width, height } = page.getViewport({ scale: 1 });
  return { missing, ...(longest > 0 ? { scanDpi: Math.round((longest * 72) / Math.max(width, height)) } : {}) };
}

/**
 * The operator list a render drew from. pdfjs keeps it on the task's inner object only; asking the page for it
 * again parses the page and decodes its images a second time (a third more time per page), so that is the fallback.
 */
async function renderedOperators(page: PdfPage, task: ReturnType<PdfPage['render']>): Promise<OperatorList> {
  const inner = (task as unknown as { _internalRenderTask?: { operatorList?: OperatorList } })._internalRenderTask;
  return inner?.operatorList?.fnArray ? inner.operatorList : page.getOperatorList();
}

/**
 * Renders a page at 300 DPI to grey pixels (no PNG round trip: encoding a page costs more than reading it),
 * read straight off the canvas (a 300 DPI page is 35 MB in RGBA; copying it out first made long PDFs grow in
 * memory); with `dropColour`, coloured ink becomes paper.
 */
export async function renderPdfPage(doc: PDFDocumentProxy, pageNumber: number, file: string, dropColour = false, budget = RENDER_BUDGET): Promise<GreyImage> {
  try {
    const page = await doc.getPage(pageNumber);
    const full = page.getViewport({ scale: RENDER_DPI / 72 });
    // Checked before the canvas is made: a page of several metres would take gigabytes at 300 DPI.
    if (Math.ceil(full.width) * Math.ceil(full.height) > MAX_PIXELS) {
      throw new InputError(file, `PDF page ${pageNumber} too large to render (${Math.ceil(full.width)}×${Math.ceil(full.height)} px at ${RENDER_DPI} DPI, over ${MAX_PIXELS / 1e6} megapixels)`);
    }
    const dpi = RENDER_DPI * Math.min(1, Math.sqrt(budget / (full.width * full.height)));
    const viewport = dpi < RENDER_DPI ? page.getViewport({ scale: dpi / 72 }) : full;
    type Canvas = { canvas: { data(): Buffer }; context: unknown };
    const factory = doc.canvasFactory as { create(w: number, h: number): Canvas; destroy(c: Canvas): void };
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    const target = factory.create(width, height);
    const task = page.render({ canvas: target.canvas as never, canvasContext: target.context as never, viewport, background: '#ffffff' });
    await task.promise;
    const { grey, asScanned } = toGrey(target.canvas.data(), 4, width * height, dropColour);
    // Free the page's canvas and decoded images now, not when the document closes: a long PDF would pile them up.
    factory.destroy(target);
    const operators = await renderedOperators(page, task);
    const { missing, scanDpi } = await paintedImages(page, operators);
    page.cleanup();
    if (missing && isWhite(grey)) throw new InputError(file, `PDF page ${pageNumber}: its image is corrupt and cannot be decoded`);
    // The rest of the page is read, and the page says what it lacks.
    const warning = missing ? 'an image on the page is corrupt and was left out' : undefined;
    return { data: grey, width, height, dpi: Math.round(dpi), ...(scanDpi ? { scanDpi } : {}), ...(asScanned ? { asScanned } : {}), ...(warning ? { warning } : {}) };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, `cannot render PDF page ${pageNumber} (${(error as Error).message.split('\n')[0]})`);
  }
}
