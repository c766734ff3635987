// One page image -> its text and words: preprocessed, read (in bands when workers would sit idle), and
// turned the right way up when it reads sideways or upside down.
import { darkInkOf, fromGrey, preprocessPage } from '../preprocess/index.js';
import type { GreyImage, PageText } from '../types.js';
import { recognizeInBands } from './bands.js';
import type { OcrEngine, RecognizedPage } from './engine.js';
import { withFiguresReread } from './figures.js';
import { withFillIns } from './fillins.js';
import { withLostMarkers } from './superscripts.js';
import { withDForEth } from './eth.js';
import { withEnDashes } from './dashes.js';
import { withNumeralsShown } from './numerals.js';
import { ocrBlocks } from './layout.js';
import { missedWords, withMissed } from './missed.js';
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

/**
 * Mean word confidence under which a preprocessed page is also read as it was scanned, and the reading with
 * the higher mean kept. Tuned on the real dev pages and the damage tuning seeds (93 to 95 tried): preprocessed
 * pages that lost to the scan as it was scored 84-93.4, most pages where preprocessing won 94 and over.
 */
const UNSURE_BELOW = 94;
/**
 * The scan as it was wins only when it holds at least this share of the confident words (CONFIDENT and over):
 * a reading that lost text (the dark half of a shadowed page) is confident about what is left, and the mean
 * cannot see what is missing; words made of bleed-through or noise are many but not confident, so they do not count.
 */
const MIN_WORD_SHARE = 0.8;
const CONFIDENT = 80;

const confidentWords = ({ words }: RecognizedPage) => words.filter((w) => w.confidence >= CONFIDENT).length;

const meanConfidence = ({ words }: RecognizedPage) => (words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0);

/** Size of the pixels a reading's boxes are in; their resolution is known when the input's was. */
function sizeOf(image: GreyImage, read: { width: number; height: number }) {
  const dpi = image.dpi && image.dpi > 72 ? Math.round((image.dpi * read.width) / image.width) : undefined;
  return { width: read.width, height: read.height, ...(dpi ? { dpi } : {}) };
}

export async function ocrImage(image: GreyImage, page: number, getEngine: () => Promise<OcrEngine>, preprocess: boolean, bands: number): Promise<PageText> {
  const prepared = await preprocessPage(image, { enabled: preprocess });
  let size = sizeOf(image, prepared);
  if (prepared.blank) return { page, text: '', source: 'ocr', words: [], blocks: [], skipped: 'blank', ...size };
  const engine = await getEngine();
  let result = await recognizeInBands(engine, prepared.image, prepared.bilevel, page, bands);
  // Orientation: a sideways page is read at 90 and 270 degrees, a page read with very low confidence also
  // upside down; the reading with clearly better confidence wins. Level pages pay nothing. Tesseract reads a
  // sideways page down its lines, words right but boxes upright, which no layout can be rebuilt from: a turned
  // reading that runs across its lines wins unless clearly less sure.
  const downward = readsDownward(result.words);
  const turns = prepared.sideways || downward ? [90, 270] : result.confidence < UPSIDE_DOWN_BELOW ? [180] : [];
  let turnedBy = 0;
  for (const angle of turns) {
    const reading = await engine.recognize(encodePnm(await turn(prepared.image, angle), prepared.bilevel), page);
    const margin = downward && turnedBy === 0 ? -10 : 10;
    if (!readsDownward(reading.words) && reading.confidence > result.confidence + margin) (result = reading), (turnedBy = angle);
  }
  const turned = turnedBy !== 0;
  if (turnedBy % 180) size = { ...size, width: size.height, height: size.width };
  // A page preprocessing may have harmed (low confidence), or did little for (only upsampled or stretched it):
  // read as scanned too, and keep the surer reading. On the damage tuning seeds (8 pages a class) the surer of
  // the two took low-res from 5.06% to 4.95% and low-contrast from 3.07% to 2.96% (as scanned: 5.04%, 3.04%).
  let read: { pixels: GreyImage; bilevel: boolean } = { pixels: prepared.image, bilevel: prepared.bilevel };
  if (preprocess && !turned && (meanConfidence(result) < UNSURE_BELOW || prepared.onlyEnhanced)) {
    const scanned = { data: image.asScanned ?? image.data, width: image.width, height: image.height };
    const plain = await recognizeInBands(engine, scanned, false, page, bands);
    const surer = meanConfidence(plain) > meanConfidence(result) && confidentWords(plain) >= MIN_WORD_SHARE * confidentWords(result);
    // Its missed stretches are read from the page with coloured ink dropped (the same pixels' places): a seal over them hides the name.
    if (surer) (result = plain), (size = sizeOf(image, image)), (read = { pixels: image, bilevel: false });
  }
  // Side-by-side blocks (the header's two columns, "Nơi nhận" beside the signature) read left block, then right.
  const reading = readingOrder(result.words) ?? result;
  // Handwritten fill-ins of a printed form (the number after "Số:", the day after "ngày"), which tesseract reads as
  // marks, read by the digit network on the pixels the words' boxes are in: on preprocessed pages only.
  const filled = preprocess && !turned ? withFillIns(reading.words, reading.text, read.pixels) : reading;
  // Figures misread in the page's reading (a ruled table's cells, most of them) read again on their own; a cut
  // read as more than one word is no figure, and its reading is not taken.
  const readWord = async (pixels: GreyImage) => {
    const { words } = await engine.recognize(encodePnm(pixels, read.bilevel), page, { word: true });
    return words.length === 1 ? words[0]! : { text: words.map((w) => w.text).join(' '), confidence: 0 };
  };
  const reread = preprocess && !turned ? await withFiguresReread(filled.words, filled.text, read.pixels, readWord) : filled;
  // Superscript footnote markers the reading lost ("khăn³." read "khăn."), read by the digit network.
  const marked = preprocess && !turned ? withLostMarkers(reread.words, reread.text, read.pixels) : reread;
  // Roman numerals read a stroke short ("III." read "II."), told by their glyphs.
  const numbered = preprocess && !turned ? withNumeralsShown(marked.words, marked.text, read.pixels) : marked;
  // En dashes read as em dashes ("2019 — 2023"), told by their width.
  const ordered = preprocess && !turned ? withEnDashes(numbered.words, numbered.text) : numbered;
  // Stretches the layout analysis took for a picture (a signer's title and name beside a seal), read on their own:
  // a red seal makes one on colour pages, and a grey seal does on the real dev pages rendered at 150 DPI in grey.
  const darkInk = read.pixels === prepared.image ? prepared.darkInk : darkInkOf(read.pixels);
  const missed = preprocess && !turned ? await missedWords(ordered.words, read.pixels, (stretch, block) => engine.recognize(encodePnm(stretch, read.bilevel), page, { block }), darkInk) : [];
  const found = missed.length ? withMissed(ordered.words, ordered.text, missed) : ordered;
  const { words, text } = withDForEth(found.words, found.text);
  return { page, text, source: 'ocr', words, blocks: ocrBlocks(words), ...size, ...(turned ? { turned: turnedBy } : {}) };
}

/**
 * Whether a reading runs down its lines: most of its words of three letters or more are boxes taller than wide
 * (a sideways page tesseract read as vertical lines).
 */
function readsDownward(words: readonly { text: string; box: { x0: number; y0: number; x1: number; y1: number } }[]): boolean {
  const long = words.filter((w) => [...w.text.matchAll(/\p{L}/gu)].length >= 3);
  const tall = long.filter((w) => w.box.y1 - w.box.y0 > 1.2 * (w.box.x1 - w.box.x0)).length;
  return long.length >= 3 && tall >= 0.6 * long.length;
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
