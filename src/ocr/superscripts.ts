// Footnote markers tesseract lost or misread: a superscript figure set right after a word ("khăn³.") is read as
// nothing at all (the word "khăn." at 57), or as a mark: "¹" as "!", "²" as "?", "³" as ")" or '"'. The word's ink
// is cut into columns of glyphs; a glyph after its last letter that is raised clear of the word's line, reaches the
// top of its box and is as tall as a small figure is read by the digit network and set back as a superscript.
import type { GreyImage, OcrWord } from '../types.js';
import { readDigit } from './digits.js';
import { withWordTexts } from './figures.js';
import { INK } from './fillins.js';
import { type Glyph, glyphsIn } from './glyphs.js';
import { letterWordHeight } from './order.js';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/**
 * A word OCR read ending in a lower-case letter, a figure, or a quote or bracket closing one, a stop or comma
 * perhaps after it: where a lost marker may follow ("khăn³.", "(Đề án 06)²,"). A code's capitals are left alone:
 * on a blurred synthetic page the end of "27/2018/NĐ-CP" read at 51 gave a "³".
 */
const ENDS_OPEN = /[\p{Ll}\d”")][.,;:]?$/u;
/**
 * A word OCR read ending in a lower-case letter, or one and the quote closing it, and a mark a superscript is
 * misread as ("đủ!", "tộc”?", "uốngŠ;"), a stop or comma may follow. The mark's glyph is the figure's: a true "!",
 * "?" or ")" reaches down to the line or below it, a quote is too small.
 */
const MISREAD = /(?<=\p{Ll}[”")]?)[!?)"'”*^Šš](?=[.,;:]?$)/u;
/**
 * A digit that may be a superscript read as one on the line: after a word's letters ("tỉnh1,"), or a fifth after a
 * year's four, which no year has ("năm 20251." for 2025¹, "20/12/20253."). Only the glyph's place says which.
 */
const MISREAD_DIGIT = /(?<=\p{Ll}|(?:^|\/)(?:19|20)\d{2})\d(?=[.,;:]?$)/u;
/**
 * A superscript figure's height in the page's median word height: about half of it (two thirds of a figure's),
 * well over a closing quote's or a tone mark's (a quarter), under a letter's.
 */
const MIN_HEIGHT = 0.35;
const MAX_HEIGHT = 0.75;
/**
 * How far a superscript's foot sits above the word's line at least, and its top at least, in the median word
 * height: "³" after "khăn" 0.48 and 0.98, a "c" after "ụ" (its foot on the line) 0.
 */
const RAISED = 0.3;
const REACH = 0.7;
/**
 * A superscript reaches the top of its word's box, within this share of the median word height: a "c" after
 * "thự" run together into one glyph (its foot the dot below) starts 0.24 lower, at the letters' x-height.
 */
const TOP = 0.15;
/**
 * Words read at least this sure are taken as read, where no mark is misread: the two lost markers of the
 * layout-dev scans were read at 57 (misread ones at up to 97: "đủ!").
 */
const TRUSTED = 90;
/** The digit network's probability a glyph is read from: a speck or a pen stroke is some digit at 0.6. */
const SURE = 0.95;

/** The figure a glyph's ink reads as, when the digit network is sure of it. */
function digitOf(image: GreyImage, g: Glyph): string | null {
  const [w, h] = [g.x1 - g.x0, g.bottom - g.top + 1];
  const ink = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) ink[y * w + x] = image.data[(g.top + y) * image.width + g.x0 + x]! < INK ? 1 : 0;
  const read = readDigit(ink, w, h);
  return read && read.p >= SURE ? String(read.digit) : null;
}

/**
 * The superscript figures set after the last letter of `word` and lost from its reading, as a superscript string
 * ("³", "¹²"), or "" for none. `right` bounds the cut: the next word's left edge on the line.
 */
export function lostMarker(image: GreyImage, word: OcrWord, lineHeight: number, right: number): string {
  const { box } = word;
  // Within the box's height: tesseract's box takes in the marker it did not read, and the lines above and below,
  // close on a real page, reach into any margin.
  const [x0, y0] = [Math.max(0, box.x0), Math.max(0, box.y0)];
  const [x1, y1] = [Math.min(image.width, right, box.x1 + Math.round(lineHeight / 2)), Math.min(image.height, box.y1)];
  if (x1 <= x0 || y1 <= y0) return '';
  const glyphs = glyphsIn(image, x0, y0, x1, y1);
  // A stop or comma after the marker sits low and small, a semicolon or colon is narrow and starts below the top of
  // the box: passed over from the right.
  const low = (g: Glyph) => g.bottom - g.top + 1 < MIN_HEIGHT * lineHeight && g.top > (box.y0 + box.y1) / 2;
  const narrow = (g: Glyph) => g.x1 - g.x0 < MIN_HEIGHT * lineHeight && g.top > y0 + TOP * lineHeight;
  let end = glyphs.length;
  while (end > 0 && low(glyphs[end - 1]!)) end--;
  if (end > 0 && /[;:]$/.test(word.text) && narrow(glyphs[end - 1]!)) end--;
  // The glyphs a figure's size ends the word with, a letter's ("c" in "Gốc¹,") among them perhaps.
  let start = end;
  while (start > 0 && figureSized(glyphs[start - 1]!, lineHeight)) start--;
  // The marks: of those, the last one or two raised above the word's line, taken as the highest foot of the
  // letters before them (a "p" or an "ụ" reaches below it, none ends above it).
  for (let from = Math.max(start, end - 2); from < end; from++) {
    const letters = glyphs.slice(0, from).filter((g) => g.bottom - g.top + 1 >= MIN_HEIGHT * lineHeight);
    if (!letters.length) continue;
    const foot = Math.min(...letters.map((g) => g.bottom));
    const marks = glyphs.slice(from, end);
    if (marks.every((m) => m.bottom <= foot - RAISED * lineHeight && m.top <= foot - REACH * lineHeight && m.top <= y0 + TOP * lineHeight)) return figures(image, marks);
  }
  return '';
}

/** Whether a glyph is as tall as a superscript figure, and no wider than tall. */
function figureSized(g: Glyph, lineHeight: number): boolean {
  const height = g.bottom - g.top + 1;
  return height >= MIN_HEIGHT * lineHeight && height <= MAX_HEIGHT * lineHeight && g.x1 - g.x0 <= height;
}

/** The superscript string the glyphs read as, or "" when the digit network is unsure of one. */
function figures(image: GreyImage, marks: readonly Glyph[]): string {
  let out = '';
  for (const m of marks) {
    const digit = digitOf(image, m);
    if (digit === null) return '';
    out += SUPERSCRIPT[Number(digit)];
  }
  return out;
}

/**
 * The page's words with each lost footnote marker set back after its word's last letter ("khăn." → "khăn³."),
 * in `text` too. `image` holds the words' boxes; only words read ending as ENDS_OPEN, MISREAD or MISREAD_DIGIT say are looked at.
 */
export function withLostMarkers(words: readonly OcrWord[], text: string, image: GreyImage): { words: OcrWord[]; text: string } {
  const lineHeight = letterWordHeight(words);
  if (!lineHeight) return { words: [...words], text };
  return withWordTexts(words, text, (w, i) => {
    const misread = MISREAD.exec(w.text) ?? MISREAD_DIGIT.exec(w.text);
    if (!misread && (w.confidence >= TRUSTED || !ENDS_OPEN.test(w.text))) return null;
    const next = words[i + 1];
    const right = next && next.page === w.page && next.line === w.line && next.box.x0 > w.box.x0 ? next.box.x0 : Infinity;
    const marker = lostMarker(image, w, lineHeight, right);
    if (!marker) return null;
    const at = misread ? misread.index : /[.,;:]$/.test(w.text) ? w.text.length - 1 : w.text.length;
    return w.text.slice(0, at) + marker + w.text.slice(misread ? at + 1 : at);
  });
}
