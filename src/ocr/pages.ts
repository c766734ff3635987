// One input file -> its pages of text: .txt as it is, PDF text layers where they hold real text, everything
// else preprocessed and OCR'd. Ingest opens the input and hands over its pages; a few are in flight at once.
import pLimit from 'p-limit';
import { InputError } from '../errors.js';
import { openInput, type InputPages } from '../ingest/index.js';
import { textBlocks } from '../text/lines.js';
import type { PageText } from '../types.js';
import type { OcrEngine } from './engine.js';
import { bandsForPage, ocrImage } from './page.js';

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

/** A page whose text was not OCR'd: its lines, without boxes. */
const textPage = (page: number, text: string, source: 'text' | 'text-layer'): PageText => ({ page, text, source, words: [], blocks: textBlocks(text) });

/** The first of the pages whose text layer holds real text. */
async function firstLayer(input: InputPages, pages: number[]): Promise<{ page: number; text: string } | undefined> {
  for (const page of pages) {
    const text = await input.layer(page);
    if (text) return { page, text };
  }
  return undefined;
}

export async function extractPages(file: string, getEngine: () => Promise<OcrEngine>, options: ExtractOptions): Promise<PageText[]> {
  const input = await openInput(file, options.pages);
  try {
    const limit = pLimit(options.concurrency ?? 2);
    const done = (p: PageText) => {
      options.onPage?.(p);
      return p;
    };
    if (input.text !== undefined) return [done(textPage(1, input.text, 'text'))];
    const { pages } = input;
    const workers = options.workersPerPage ?? 1;
    const unread: InputError[] = [];
    const ocrPage = async (n: number): Promise<PageText> => {
      let image;
      try {
        image = await input.image(n, options.preprocess);
      } catch (error) {
        // A page that cannot be decoded or rendered: the document keeps its other pages, and says which is missing.
        if (pages.length === 1 || !(error instanceof InputError)) throw error;
        unread.push(error);
        return { page: n, text: '', source: 'ocr', words: [], blocks: [], warning: error.message };
      }
      const read = await ocrImage(image, n, getEngine, options.preprocess, bandsForPage(pages.indexOf(n), pages.length, workers));
      return image.warning ? { ...read, warning: image.warning } : read;
    };
    let useLayers = input.kind === 'pdf' && options.textLayer !== 'never';
    let sample: PageText | undefined;
    if (useLayers && options.textLayer === 'auto' && options.judgeLayer) {
      const first = await firstLayer(input, pages);
      if (first) useLayers = await options.judgeLayer(first.text, async () => (sample = await ocrPage(first.page)).text);
    }
    const read = await Promise.all(
      pages.map((n) =>
        limit(async () => {
          // auto: the layer where it holds real text; always: wherever there is one at all.
          const layer = useLayers ? await input.layer(n, options.textLayer === 'always' ? 1 : undefined) : '';
          if (layer) return done(textPage(n, layer, 'text-layer'));
          return done(sample?.page === n ? sample : await ocrPage(n));
        }),
      ),
    );
    // Not one page could be read: the document fails, as a single-page one does.
    if (unread.length === read.length) throw unread[0];
    return read;
  } finally {
    await input.close();
  }
}
