// Figures tesseract misread in the page's reading, most of them in ruled tables: "3,08" for 8,08, "8345" for 845,
// "R)" for 5, "I20,5" for 120,5. A cell's rules and its narrow box mislead the reading of the whole page; the same
// pixels read again on their own, as one word, come out right (the layout-dev tables: 8 of 10 such misreadings).
// Only words that may be figures and were read unsure, or with a letter or mark among their digits, are read
// again, and the new reading is kept only where it is a figure and the old one was none or was less sure.
import type { Box, GreyImage, OcrWord } from '../types.js';
import { fillInSlots, INK } from './fillins.js';
import { crop } from './missed.js';

/** A figure as printed: digits with their separators, in brackets or with a sentence's mark after it. */
const FIGURE = /^\(?\d[\d.,/%-]*\)?[.,;:]?$/u;
const HAS_DIGIT = /\d/u;
/** Digits with marks among them, or one letter of a digit's shape ("I20,5", "ö,81"), not a code ("H14", "23BC"). */
const DIGIT_AMONG_MARKS = /^[^\p{L}]*[IlLOoDQSsBbZzGgqöôơóòỏõọ]?[^\p{L}]*$/u;
/**
 * Under this a reading with a digit is read again: the misread layout-dev cells without a letter scored 0-77, and
 * every word mended on the real dev pages under 77. At 90 the real dev pages had 193 words to read again, at 80 143.
 */
const SURE = 80;
/** A short reading this unsure, with no digit at all, may be a figure read as marks ("R)" for 5: 0 and 22). */
const MARKS_BELOW = 50;
const MAX_SHORT = 3;
/** A new reading is taken only this sure: a speck read again is a digit at 40 ("F" read "7"). */
const TAKEN_FROM = 75;
/** A figure's digits and the separators within them, without its brackets and the marks after it. */
const coreOf = (text: string) => text.replace(/^\(/, '').replace(/[-.,;:)]+$/, '');
/** From this confidence a word's separators are trusted over a new reading's. */
const MARKS_TRUSTED_FROM = 60;
const separatorsOf = (text: string) => coreOf(text).replace(/[^.,/]/g, '');
/** Longest word read again (a figure of a table, an amount or a date, not a line run together). */
const MAX_LETTERS = 12;
/** Pixels a side under which a word's cut is a speck tesseract will not read. */
const MIN_SIDE = 12;
/** Words read again a page at most, the least sure first: each is one more, small, OCR call. */
const MAX_REREADS = 40;

/** One word's pixels read on their own: the reading's text and its confidence. */
export type ReadWord = (pixels: GreyImage) => Promise<{ text: string; confidence: number }>;

/** Whether OCR's reading of a word may be a misread figure, worth reading again. */
export function mayBeMisreadFigure(word: OcrWord): boolean {
  const text = word.text.trim();
  const letters = [...text].length;
  if (!letters || letters > MAX_LETTERS) return false;
  if (!HAS_DIGIT.test(text)) return letters <= MAX_SHORT && word.confidence < MARKS_BELOW && !/\p{L}{2}/u.test(text);
  return word.confidence < SURE || (!FIGURE.test(text) && DIGIT_AMONG_MARKS.test(text));
}

/** The word's box with a margin of a third of its height, within the page. */
function withMargin(box: Box, image: GreyImage): Box {
  const m = Math.round((box.y1 - box.y0) / 3);
  return { x0: Math.max(0, box.x0 - m), y0: Math.max(0, box.y0 - m), x1: Math.min(image.width, box.x1 + m), y1: Math.min(image.height, box.y1 + m) };
}

/**
 * The page's words and text with each misread figure read again on its own, the other words' pixels within its
 * margin made paper. A word's new text replaces it in its line of `text` (whose lines are the words' lines, in
 * order); a line that does not split into its words keeps its reading.
 */
export async function withFiguresReread(words: readonly OcrWord[], text: string, image: GreyImage, read: ReadWord): Promise<{ words: OcrWord[]; text: string }> {
  // A printed form's handwritten number and day are the digit network's (fillins.ts): a mark there read as a
  // printed figure is a wrong figure ("{Ệ" for a handwritten 16 read "4").
  const handwritten = new Set(fillInSlots(words, image.height).flatMap((s) => Array.from({ length: s.after - s.before + 1 }, (_, k) => s.before + k)));
  const picked = words
    .map((w, i) => ({ w, i }))
    .filter(({ w, i }) => !handwritten.has(i) && mayBeMisreadFigure(w))
    .sort((a, b) => a.w.confidence - b.w.confidence)
    .slice(0, MAX_REREADS);
  const reread = new Map<number, OcrWord>();
  for (const { w, i } of picked) {
    const box = withMargin(w.box, image);
    if (box.x1 - box.x0 < MIN_SIDE || box.y1 - box.y0 < MIN_SIDE) continue;
    const others = words.filter((o) => o !== w && overlap(o.box, box) && !overlap(o.box, w.box));
    // A reading again that fails (tesseract refuses some specks' pixels) leaves the word as the page read it.
    const reading = await read(withoutRules(crop(image, box, others))).catch(() => null);
    if (!reading) continue;
    const seen = reading.text.trim();
    // A new stop or dash at its edge is most often its neighbour's, in the margin ("2021" of "2021 - 2025" read "2021-").
    if (!FIGURE.test(seen) || coreOf(seen) === coreOf(w.text) || reading.confidence < TAKEN_FROM) continue;
    if (FIGURE.test(w.text) && reading.confidence <= w.confidence) continue;
    // A word read fairly sure keeps its stops and commas: read alone, a small mark is lost more often than found ("I.4" read "14").
    if (w.confidence >= MARKS_TRUSTED_FROM && separatorsOf(seen) !== separatorsOf(w.text)) continue;
    reread.set(i, { ...w, text: seen, confidence: reading.confidence });
  }
  return reread.size ? replaced(words, text, reread) : { words: [...words], text };
}

/** Share of a cut's height (or width) a column (or row) of ink spans to be a table's rule, not a stroke of a figure. */
const RULE_SPAN = 0.9;

/**
 * The cut with a table's rules made paper: a skewed page sets a figure on its cell's rule ("220" read "›20"), and
 * read alone the rule is read as a mark. A column or row of ink across nearly the whole cut is a rule: the cut has
 * a margin of a third of the word's height, so no stroke of a figure spans it.
 */
export function withoutRules(pixels: GreyImage): GreyImage {
  const { data, width, height } = pixels;
  const out = new Uint8Array(data);
  for (let x = 0; x < width; x++) {
    let ink = 0;
    for (let y = 0; y < height; y++) if (data[y * width + x]! < INK) ink++;
    if (ink >= RULE_SPAN * height) for (let y = 0; y < height; y++) out[y * width + x] = 255;
  }
  for (let y = 0; y < height; y++) {
    let ink = 0;
    for (let x = 0; x < width; x++) if (data[y * width + x]! < INK) ink++;
    if (ink >= RULE_SPAN * width) out.fill(255, y * width, (y + 1) * width);
  }
  return { ...pixels, data: out };
}

const overlap = (a: Box, b: Box) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;

/**
 * `words` with each word `textOf` gives a new reading for (null for none) read so, box and all, in `text` too:
 * what each of the page's small readings (dashes, eths, numerals, markers) does with what it finds.
 */
export function withWordTexts(words: readonly OcrWord[], text: string, textOf: (word: OcrWord, index: number) => string | null): { words: OcrWord[]; text: string } {
  const found = new Map<number, OcrWord>();
  words.forEach((w, i) => {
    const reading = textOf(w, i);
    if (reading !== null) found.set(i, { ...w, text: reading });
  });
  return found.size ? replaced(words, text, found) : { words: [...words], text };
}

/** `words` with those of `by` (by index) replaced, in `text` too: each word's line is the text's line of the same rank. */
export function replaced(words: readonly OcrWord[], text: string, by: ReadonlyMap<number, OcrWord>): { words: OcrWord[]; text: string } {
  const lineOf = new Map<string, number[]>();
  words.forEach((w, i) => {
    if (!w.text.trim()) return;
    const key = `${w.page}.${w.line}`;
    lineOf.set(key, [...(lineOf.get(key) ?? []), i]);
  });
  const groups = [...lineOf.values()];
  const lines = text.split('\n');
  if (lines.filter((l) => l.trim()).length !== groups.length) return { words: [...words], text };
  const out = [...words];
  let rank = 0;
  for (let k = 0; k < lines.length; k++) {
    if (!lines[k]!.trim()) continue;
    const group = groups[rank++];
    if (!group || !group.some((i) => by.has(i))) continue;
    // Words and the white space between them, so the line keeps its spacing.
    const parts = lines[k]!.split(/(\s+)/);
    const tokens = parts.map((p, j) => ({ p, j })).filter(({ p }) => p && !/^\s+$/.test(p));
    if (tokens.length !== group.length || tokens.some(({ p }, t) => p !== words[group[t]!]!.text)) continue;
    group.forEach((i, t) => {
      const w = by.get(i);
      if (w) (parts[tokens[t]!.j] = w.text), (out[i] = w);
    });
    lines[k] = parts.join('');
  }
  return { words: out, text: lines.join('\n') };
}
