// PDF pages with pdfjs-dist (legacy build for Node): the text layer where there is one, or the page
// rendered at 300 DPI through pdfjs's own canvas factory. cMaps, standard fonts and the JPX/JBIG2 decoders
// (wasm) come from the installed package, so scans in those formats render instead of coming out blank.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { InputError } from '../errors.js';
import { toGrey } from '../preprocess/colour.js';
import type { GreyImage } from '../types.js';

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
/** A text layer with fewer letters than this on a page is not real text (stray page numbers, scanner stamps). */
const REAL_TEXT_LETTERS = 40;

export async function openPdf(file: string): Promise<PDFDocumentProxy> {
  const data = new Uint8Array(await readFile(file));
  if (data.length === 0) throw new InputError(file, 'empty file (0 bytes)');
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
 * The page's text layer, lines joined; empty when it holds fewer than minLetters letters (by default:
 * when it holds no real text).
 */
export async function pdfTextLayer(doc: PDFDocumentProxy, pageNumber: number, minLetters = REAL_TEXT_LETTERS): Promise<string> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters >= Math.max(minLetters, 1) ? text.normalize('NFC') : '';
}

/**
 * Renders a page at 300 DPI to grey pixels (no PNG round trip: encoding a page costs more than reading it),
 * read straight off the canvas (a 300 DPI page is 35 MB in RGBA; copying it out first made long PDFs grow in
 * memory); with `dropColour`, coloured ink becomes paper.
 */
export async function renderPdfPage(doc: PDFDocumentProxy, pageNumber: number, file: string, dropColour = false): Promise<GreyImage> {
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: RENDER_DPI / 72 });
    type Canvas = { canvas: { data(): Buffer }; context: unknown };
    const factory = doc.canvasFactory as { create(w: number, h: number): Canvas; destroy(c: Canvas): void };
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    const target = factory.create(width, height);
    await page.render({ canvas: target.canvas as never, canvasContext: target.context as never, viewport, background: '#ffffff' }).promise;
    const grey = toGrey(target.canvas.data(), 4, width * height, dropColour);
    // Free the page's canvas and decoded images now, not when the document closes: a long PDF would pile them up.
    factory.destroy(target);
    page.cleanup();
    return { data: grey, width, height, dpi: RENDER_DPI };
  } catch (error) {
    throw new InputError(file, `cannot render PDF page ${pageNumber} (${(error as Error).message.split('\n')[0]})`);
  }
}
