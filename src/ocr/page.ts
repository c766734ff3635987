// One page image -> its text and words: preprocessed, read (in bands when workers would sit idle), and
// turned the right way up when it reads sideways or upside down.
import { fromGrey, preprocessPage } from '../preprocess/index.js';
import type { GreyImage, PageText } from '../types.js';
import { recognizeInBands } from './bands.js';
import type { OcrEngine } from './engine.js';
import { ocrBlocks } from './layout.js';
import { readingOrder } from './order.js';
import { encodePnm } from './pnm.js';

/**
 * Mean word confidence under which a page is also tried upside down: read upside down, the fixture line
 * scores 38 to 47 depending on binarisation; level pages of every bench quality score over 85.
 */
const UPSIDE_DOWN_BELOW = 60;

/** The page's pixels turned clockwise by a multiple of 90 degrees. */
async function turn(image: GreyImage, angle: number): Promise<GreyImage> {
  const { data, info } = await fromGrey(image).rotate(angle).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export async function ocrImage(image: GreyImage, page: number, getEngine: () => Promise<OcrEngine>, preprocess: boolean, bands: number): Promise<PageText> {
  const prepared = await preprocessPage(image, { enabled: preprocess });
  // Boxes are in the pixels OCR read; their resolution is known when the input's was.
  const dpi = image.dpi && image.dpi > 72 ? Math.round((image.dpi * prepared.width) / image.width) : undefined;
  const size = { width: prepared.width, height: prepared.height, ...(dpi ? { dpi } : {}) };
  if (prepared.blank) return { page, text: '', source: 'ocr', words: [], blocks: [], skipped: 'blank', ...size };
  const engine = await getEngine();
  let result = await recognizeInBands(engine, prepared.image, prepared.bilevel, page, bands);
  // Orientation: a sideways page is read at 90 and 270 degrees, a page read with very low confidence also
  // upside down; the reading with clearly better confidence wins. Level pages pay nothing.
  const turns = prepared.sideways ? [90, 270] : result.confidence < UPSIDE_DOWN_BELOW ? [180] : [];
  for (const angle of turns) {
    const turned = await engine.recognize(encodePnm(await turn(prepared.image, angle), prepared.bilevel), page);
    if (turned.confidence > result.confidence + 10) result = turned;
  }
  // Side-by-side blocks (the header's two columns, "Nơi nhận" beside the signature) read left block, then right.
  const { text, words } = readingOrder(result.words) ?? result;
  return { page, text, source: 'ocr', words, blocks: ocrBlocks(words), ...size };
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
