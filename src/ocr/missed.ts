// Text tesseract's page layout left out. Its layout analysis takes a stretch of the page for a picture when a
// seal, a signature or a pen stroke runs through it, and reads none of it: a signer's title and name beside a
// seal, read perfectly from a crop of that stretch, are not on the page's reading at all. Here the binarised
// page is cut into cells about a line high; cells with ink that no word of the reading covers, taken together
// where they touch, are the stretches to read again on their own.
import type { Box, GreyImage, OcrWord } from '../types.js';
import { inkShare } from '../preprocess/deskew.js';
import { median } from './order.js';

/** Share of a cell's pixels that are ink for the cell to hold ink (a line of text fills 10-25% of its cells). */
const INK_SHARE = 0.04;
/**
 * A stretch is read again only when it is at least this many cells wide (a title, a name), and at most this
 * many high: a pen stroke across the signing box joins title, signature and name into one stretch 19 cells high.
 */
const MIN_WIDTH_CELLS = 3;
const MAX_HEIGHT_CELLS = 30;
/** Stretches read again on one page at most, the widest first: each is one more (small) OCR call. */
const MAX_STRETCHES = 6;

/**
 * Stretches of a binarised page (0 ink, 255 paper) with ink that none of `words` covers, each a box with a
 * margin of one cell, in pixels of the page; none when the page has no words to size its lines by.
 */
export function missedStretches(image: GreyImage, words: readonly OcrWord[]): Box[] {
  const heights = words.filter((w) => /[\p{L}\p{N}]/u.test(w.text)).map((w) => w.box.y1 - w.box.y0);
  if (heights.length < 10) return [];
  const cell = Math.max(12, Math.round(median(heights)));
  const cols = Math.ceil(image.width / cell);
  const rows = Math.ceil(image.height / cell);
  const ink = new Uint32Array(cols * rows);
  for (let y = 0; y < image.height; y++) {
    const row = Math.floor(y / cell) * cols;
    for (let x = 0, i = y * image.width; x < image.width; x++, i++) if (image.data[i]! < 128) ink[row + Math.floor(x / cell)]++;
  }
  const covered = new Uint8Array(cols * rows);
  const margin = Math.round(cell / 3);
  // Only words with text cover: tesseract gives a stretch it took for a picture as one blank word boxing it all.
  for (const w of words) {
    if (!w.text.trim()) continue;
    for (let r = Math.max(0, Math.floor((w.box.y0 - margin) / cell)); r <= Math.min(rows - 1, Math.floor((w.box.y1 + margin) / cell)); r++) {
      for (let c = Math.max(0, Math.floor((w.box.x0 - margin) / cell)); c <= Math.min(cols - 1, Math.floor((w.box.x1 + margin) / cell)); c++) covered[r * cols + c] = 1;
    }
  }
  const open = (k: number) => !covered[k] && ink[k]! >= INK_SHARE * cell * cell;
  // Cells with missed ink, gathered into stretches by touching (8 neighbours).
  const seen = new Uint8Array(cols * rows);
  const stretches: Box[] = [];
  for (let start = 0; start < cols * rows; start++) {
    if (seen[start] || !open(start)) continue;
    const stack = [start];
    seen[start] = 1;
    let [c0, r0, c1, r1] = [cols, rows, 0, 0];
    while (stack.length) {
      const k = stack.pop()!;
      const c = k % cols;
      const r = (k - c) / cols;
      [c0, r0, c1, r1] = [Math.min(c0, c), Math.min(r0, r), Math.max(c1, c), Math.max(r1, r)];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const [nr, nc] = [r + dr, c + dc];
          const n = nr * cols + nc;
          if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && !seen[n] && open(n)) (seen[n] = 1), stack.push(n);
        }
      }
    }
    // A stretch at the page's edge is the scan's (a shadow, the platen's edge), no text.
    const atEdge = r0 === 0 || c0 === 0 || r1 === rows - 1 || c1 === cols - 1;
    if (atEdge || c1 - c0 + 1 < MIN_WIDTH_CELLS || r1 - r0 + 1 > MAX_HEIGHT_CELLS) continue;
    stretches.push({ x0: (c0 - 1) * cell, y0: (r0 - 1) * cell, x1: Math.min(image.width, (c1 + 2) * cell), y1: Math.min(image.height, (r1 + 2) * cell) });
  }
  return stretches.sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0)).slice(0, MAX_STRETCHES);
}

/** The pixels of `box` of a grey image, with the words already read in it made paper (read once, and no half-words at its edge). */
export function crop(image: GreyImage, box: Box, read: readonly OcrWord[]): GreyImage {
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(image.data.subarray((box.y0 + y) * image.width + box.x0, (box.y0 + y) * image.width + box.x1), y * width);
  return withoutRead({ data, width, height }, box, read);
}

/** `pixels` of `box` with the words already read in it made paper. */
function withoutRead(pixels: GreyImage, box: Box, read: readonly OcrWord[]): GreyImage {
  const { data, width } = pixels;
  for (const w of read) {
    if (!w.text.trim()) continue;
    const [x0, x1] = [Math.max(w.box.x0, box.x0) - box.x0, Math.min(w.box.x1, box.x1) - box.x0];
    for (let y = Math.max(w.box.y0, box.y0) - box.y0; y < Math.min(w.box.y1, box.y1) - box.y0; y++) if (x1 > x0) data.fill(255, y * width + x0, y * width + x1);
  }
  return pixels;
}

/**
 * A stretch's reading is taken only when its middle word is this sure (a signature read as letters is not). The
 * median, not the mean: words under a seal's red can score 0 read right ("TM. ỦY BAN NHÂN DÂN", 0 0 95 96 93).
 */
const MIN_MEDIAN_CONFIDENCE = 80;
/**
 * Within a reading taken, words under this are left out (a seal's remnant beside the name), unless they have two
 * letters or more on a line whose middle word is as sure as a reading taken: the line's own words under the
 * seal's red ("TM. ỦY" at 0), where a remnant reads as a single mark.
 */
const MIN_WORD_CONFIDENCE = 60;

/**
 * The most a word read in a block reading or in dark ink is worth: such a line can lack the words the seal's ring
 * ran into ("CHỦ TỊCH" for "PHÓ CHỦ TỊCH", "Hoàng Tuấn" for "Trần Hoàng Tuấn" on the blurred dev pages), so what
 * is made of it is flagged, not taken as read.
 */
const BLOCK_CONFIDENCE = 70;

/**
 * Share of a stretch's ink that must be lighter than print for it to be read again in dark ink only: a grey seal
 * over the signer's title is a good part of it, the grey edges of print alone much less.
 */
const LIGHT_INK_SHARE = 0.25;
/**
 * Sure letters a dark-ink reading needs over the stretch's first reading to replace it: a title or a name has five
 * or more ("CHỦ TỊCH"); a seal's title read both ways alike differs by a stray mark or two.
 */
const MIN_DARK_LETTERS = 5;

type ReadStretch = (stretch: GreyImage, block: boolean) => Promise<{ words: OcrWord[] }>;

/**
 * The words of the stretches the reading left out (missedStretches), each stretch read on its own by `read`,
 * numbered on from the reading's lines and blocks, in pixels of the page: one run of words a stretch. A stretch read
 * with much ink lighter than print is read again from `darkInk` (its box of the page in its darkest ink).
 */
export async function missedWords(words: readonly OcrWord[], image: GreyImage, read: ReadStretch, darkInk?: (box: Box) => GreyImage): Promise<OcrWord[][]> {
  const runs: OcrWord[][] = [];
  for (const box of missedStretches(image, words)) {
    const all = [...words, ...runs.flat()];
    const stretch = crop(image, box, all);
    let reading = await readStretch(stretch, read);
    let capped = reading.asBlock;
    // Under a grey seal the common threshold leaves marks read as stray letters, sure or not: the stretch is read
    // in dark ink too, and that reading kept when it has clearly more sure letters. Only a stretch read already:
    // one whose reading was not taken is a picture or a shadow more often than a seal (on the damage dev pages, a
    // dark reading of a shadowed stretch added a garbled fragment of the body).
    if (darkInk && reading.taken) {
      const darker = withoutRead(darkInk(box), box, all);
      if (inkShare(darker, 128) <= (1 - LIGHT_INK_SHARE) * inkShare(stretch, 128)) {
        const inDark = await readStretch(darker, read);
        const sure = sureLetters(inDark.found);
        if (inDark.taken && sure >= sureLetters(reading.found) + MIN_DARK_LETTERS) {
          reading = inDark;
          capped = true;
        }
      }
    }
    if (!reading.taken) continue;
    const { found } = reading;
    const lines = Math.max(...all.map((w) => w.line)) + 1;
    const blocks = Math.max(...all.map((w) => w.block ?? 0)) + 1;
    const lineMedian = linesAsSure(found);
    const run = found
      .filter((w) => w.confidence >= MIN_WORD_CONFIDENCE || (lineMedian.get(w.line)! >= MIN_MEDIAN_CONFIDENCE && lettersIn(w) >= 2))
      .map((w) => ({ ...w, confidence: capped ? Math.min(w.confidence, BLOCK_CONFIDENCE) : w.confidence, line: w.line + lines, block: (w.block ?? 0) + blocks, box: { x0: w.box.x0 + box.x0, y0: w.box.y0 + box.y0, x1: w.box.x1 + box.x0, y1: w.box.y1 + box.y0 } }));
    if (run.length) runs.push(run);
  }
  return runs;
}

/** One stretch read, and whether its reading is sure enough to be taken. */
async function readStretch(stretch: GreyImage, read: ReadStretch): Promise<{ found: OcrWord[]; asBlock: boolean; taken: boolean }> {
  let found = lettered((await read(stretch, false)).words);
  // Taken for a picture again (a grey seal and a pen stroke fill most of it): read as one block, where the seal
  // reads as lines of marks; only its sure lines are kept (the title above the seal, the name under it).
  const asBlock = !found.length;
  if (asBlock) {
    const block = lettered((await read(stretch, true)).words);
    const sure = linesAsSure(block);
    found = block.filter((w) => sure.get(w.line)! >= MIN_MEDIAN_CONFIDENCE);
  }
  const middle = found.length ? median(found.map((w) => w.confidence)) : 0;
  return { found, asBlock, taken: middle >= MIN_MEDIAN_CONFIDENCE };
}

/** Letters and digits of a word. */
const lettersIn = (w: OcrWord) => w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

/** Letters and digits of the words at least MIN_WORD_CONFIDENCE sure. */
const sureLetters = (words: readonly OcrWord[]) => words.reduce((n, w) => n + (w.confidence >= MIN_WORD_CONFIDENCE ? lettersIn(w) : 0), 0);

/** Words of letters or digits only: a rule's "_" beside a title is no reading of it. */
const lettered = (words: readonly OcrWord[]) => words.filter((w) => /[\p{L}\p{N}]/u.test(w.text));

/** Each line's median word confidence. */
function linesAsSure(words: readonly OcrWord[]): Map<number, number> {
  const sure = new Map<number, number>();
  for (const line of new Set(words.map((w) => w.line))) sure.set(line, median(words.filter((w) => w.line === line).map((w) => w.confidence)));
  return sure;
}

const collapse = (line: string) => line.trim().replace(/\s+/g, ' ');

/** A run's text, a line a row. */
const linesOf = (run: readonly OcrWord[]) => {
  const lines: string[] = [];
  run.forEach((w, i) => (i > 0 && run[i - 1]!.line === w.line ? (lines[lines.length - 1] += ` ${w.text}`) : lines.push(w.text)));
  return lines;
};

/**
 * The page's words and text with each missed run put in before the first line below it that shares its columns
 * (the signer's name under a recovered title), else at the end. In the text the run is a paragraph of its own and
 * the page's other lines stay as they were: their paragraphs decide how restoration reads them. A line of the
 * words the text does not hold as it is (never seen) gives the text rebuilt from the words.
 */
export function withMissed(words: readonly OcrWord[], text: string, runs: readonly OcrWord[][]): { words: OcrWord[]; text: string } {
  let out = [...words];
  let lines = text.replace(/\n$/, '').split('\n');
  let rebuilt = false;
  for (const run of runs) {
    const [x0, x1, bottom] = [Math.min(...run.map((w) => w.box.x0)), Math.max(...run.map((w) => w.box.x1)), Math.max(...run.map((w) => w.box.y1))];
    const at = out.findIndex((w, i) => (i === 0 || out[i - 1]!.line !== w.line) && w.text.trim() && w.box.y0 >= bottom && w.box.x0 < x1 && w.box.x1 > x0);
    const anchor = at < 0 ? null : out[at]!;
    const anchorLine = anchor && collapse(out.filter((w) => w.line === anchor.line && w.text.trim()).map((w) => w.text).join(' '));
    const k = anchorLine === null ? lines.length : lines.findIndex((l) => collapse(l) === anchorLine);
    out = at < 0 ? [...out, ...run] : [...out.slice(0, at), ...run, ...out.slice(at)];
    if (k < 0) rebuilt = true;
    if (rebuilt) continue;
    const paragraph = [...(k > 0 && lines[k - 1]!.trim() ? [''] : []), ...linesOf(run), ...(k < lines.length && lines[k]!.trim() ? [''] : [])];
    lines = [...lines.slice(0, k), ...paragraph, ...lines.slice(k)];
  }
  return { words: out, text: rebuilt ? textOfWords(out) : `${lines.join('\n')}\n` };
}

/** The text of words: a line a row, a blank line before each block. */
export function textOfWords(all: readonly OcrWord[]): string {
  const words = all.filter((w) => w.text.trim());
  let text = '';
  words.forEach((w, i) => {
    const prev = words[i - 1];
    text += !prev ? '' : prev.line !== w.line ? (prev.block !== w.block ? '\n\n' : '\n') : ' ';
    text += w.text;
  });
  return text ? `${text}\n` : '';
}
