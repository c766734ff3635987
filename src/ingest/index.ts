// One input file -> its pages of text: .txt as it is, PDF text layers where they hold real text,
// everything else rasterised, preprocessed and OCR'd. Pages are read lazily, a few at a time.
import path from 'node:path';
import pLimit from 'p-limit';
import { InputError } from '../errors.js';
import { recognizeInBands } from '../ocr/bands.js';
import { encodePnm } from '../ocr/pnm.js';
import type { OcrEngine } from '../ocr/engine.js';
import { fromGrey, preprocessPage } from '../preprocess/index.js';
import type { GreyImage, PageText } from '../types.js';
import { imagePage, imagePageCount } from './image.js';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, pdfTextLayer, renderPdfPage } from './pdf.js';
import { readTextFile } from './text.js';

export type TextLayerPolicy = 'auto' | 'always' | 'never';

export interface ExtractOptions {
  textLayer: TextLayerPolicy;
  preprocess: boolean;
  /** 1-based pages to read; all when absent. */
  pages?: number[];
  /** Pages in flight at once (rasterised and waiting for OCR). */
  concurrency?: number;
  /**
   * OCR workers this file has to itself: pages that would leave some of them idle (a single-page scan, the
   * last page of three on two workers) are cut into bands read at once. Leave unset when other files keep
   * the workers busy.
   */
  workersPerPage?: number;
  onPage?: (page: PageText) => void;
  /**
   * auto: whether a PDF's text layers are worth more than OCR, judged once per document on the first page
   * with a layer, given its layer text and a way to OCR that page. Without it, any real layer is taken.
   */
  judgeLayer?: (layer: string, ocr: () => Promise<string>) => Promise<boolean>;
}

/**
 * Mean word confidence under which a page is also tried upside down: read upside down, the fixture line
 * scores 38 to 47 depending on binarisation; level pages of every bench quality score over 85.
 */
const UPSIDE_DOWN_BELOW = 60;
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp']);

/** The page's pixels turned clockwise by a multiple of 90 degrees. */
async function turn(image: GreyImage, angle: number): Promise<GreyImage> {
  const { data, info } = await fromGrey(image).rotate(angle).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function ocrImage(image: GreyImage, page: number, getEngine: () => Promise<OcrEngine>, preprocess: boolean, bands: number): Promise<PageText> {
  const prepared = await preprocessPage(image, { enabled: preprocess });
  if (prepared.blank) return { page, text: '', source: 'ocr', words: [], skipped: 'blank', width: prepared.width, height: prepared.height };
  const engine = await getEngine();
  let result = await recognizeInBands(engine, prepared.image, prepared.bilevel, page, bands);
  // Orientation: a sideways page is read at 90 and 270 degrees, a page read with very low confidence also
  // upside down; the reading with clearly better confidence wins. Level pages pay nothing.
  const turns = prepared.sideways ? [90, 270] : result.confidence < UPSIDE_DOWN_BELOW ? [180] : [];
  for (const angle of turns) {
    const turned = await engine.recognize(encodePnm(await turn(prepared.image, angle), prepared.bilevel), page);
    if (turned.confidence > result.confidence + 10) result = turned;
  }
  return { page, text: result.text, source: 'ocr', words: result.words, width: prepared.width, height: prepared.height };
}

/**
 * Bands the page at `index` (of `pages` read) is cut into so that no worker sits idle: pages are read
 * `workers` at a time, and the pages of the last, partial round share the workers the round leaves free
 * (a single page gets all of them; with 2 workers, the third page of three is read in two halves at once).
 */
export function bandsForPage(index: number, pages: number, workers: number): number {
  const lastRound = pages % workers;
  return lastRound > 0 && index >= pages - lastRound ? Math.floor(workers / lastRound) : 1;
}

function selectPages(count: number, wanted: number[] | undefined, file: string): number[] {
  const all = Array.from({ length: count }, (_, i) => i + 1);
  if (!wanted) return all;
  const beyond = wanted.filter((p) => p > count);
  if (beyond.length > 0) throw new InputError(file, `has ${count} page(s); asked for page ${beyond[0]}`);
  return wanted;
}

/** The first of the pages whose text layer holds real text. */
async function firstLayer(doc: PDFDocumentProxy, pages: number[]): Promise<{ page: number; text: string } | undefined> {
  for (const page of pages) {
    const text = await pdfTextLayer(doc, page);
    if (text) return { page, text };
  }
  return undefined;
}

export async function extractPages(file: string, getEngine: () => Promise<OcrEngine>, options: ExtractOptions): Promise<PageText[]> {
  const ext = path.extname(file).toLowerCase();
  const limit = pLimit(options.concurrency ?? 2);
  const done = (p: PageText) => {
    options.onPage?.(p);
    return p;
  };
  if (ext === '.txt') return [done({ page: 1, text: await readTextFile(file), source: 'text', words: [] })];
  const workers = options.workersPerPage ?? 1;
  if (IMAGE_EXTENSIONS.has(ext)) {
    const pages = selectPages(await imagePageCount(file), options.pages, file);
    return Promise.all(
      pages.map((n, i) =>
        limit(async () => {
          return done(await ocrImage(await imagePage(file, n), n, getEngine, options.preprocess, bandsForPage(i, pages.length, workers)));
        }),
      ),
    );
  }
  if (ext === '.pdf') {
    const doc = await openPdf(file);
    try {
      const pages = selectPages(doc.numPages, options.pages, file);
      const ocrPage = async (n: number) => ocrImage(await renderPdfPage(doc, n, file), n, getEngine, options.preprocess, bandsForPage(pages.indexOf(n), pages.length, workers));
      let useLayers = options.textLayer !== 'never';
      let sample: PageText | undefined;
      if (options.textLayer === 'auto' && options.judgeLayer) {
        const first = await firstLayer(doc, pages);
        if (first) useLayers = await options.judgeLayer(first.text, async () => (sample = await ocrPage(first.page)).text);
      }
      return await Promise.all(
        pages.map((n) =>
          limit(async () => {
            // auto: the layer where it holds real text; always: wherever there is one at all.
            const layer = useLayers ? await pdfTextLayer(doc, n, options.textLayer === 'always' ? 1 : undefined) : '';
            if (layer) return done({ page: n, text: layer, source: 'text-layer', words: [] });
            return done(sample?.page === n ? sample : await ocrPage(n));
          }),
        ),
      );
    } finally {
      await doc.destroy();
    }
  }
  throw new InputError(file, `unsupported file type "${ext || '(none)'}"`);
}
