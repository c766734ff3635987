// Handwritten fill-ins of a printed form: the number written in the gap after "Số:" (before "/CT-UBND"), the day
// after "ngày" and the month after "tháng" of the date line. tesseract reads them as marks ("{5", "O†", "Số:04+")
// or not at all; here the gap's ink is cut into digits, each read by the digit network.
import { foldKey } from '../text/fold.js';
import type { Box, GreyImage, OcrWord } from '../types.js';
import { readDigit } from './digits.js';
import { median } from './order.js';

/** A gap to read: which fill-in, where, and the words of the reading it replaces. */
export interface FillInSlot {
  kind: 'number' | 'day' | 'month';
  box: Box;
  /** Index in the page's words of the printed word before the gap, and of the one after it. */
  before: number;
  after: number;
}

/** A fill-in read: its digits and how sure the digit network is of the least sure one (0..1). */
export interface FillIn {
  slot: FillInSlot;
  digits: string;
  confidence: number;
}

const NUMBER_LABEL = /^s[o06]\S?:/;
const CODE = /^[^\p{L}\p{N}]{0,2}\/\p{L}/u;
/** "ngày", or OCR's run of it into the gap ("ngàW/†"), not "Ngãi," of the place before it. */
const DAY_LABEL = /^ng(?:[a-z]?y|a[^i\s,])/;
const MONTH_LABEL = /th\S{1,3}ng/;
const YEAR_LABEL = /^n\S{1,2}m:?$/;

/** Letters of a word, in code points. */
const letters = (text: string) => [...text].length;

/**
 * The fill-in gaps of a page: in its top third, the gap between "Số:" and the code that follows on its line
 * ("/CT-UBND"), and in the date line the gaps after "ngày" and after "tháng" where what OCR read there is no
 * plain number. OCR's boxes are no guide to where a label ends when it ran the handwriting into it ("Số:04+",
 * a "ngày" box spanning the "03" after it, "O†tháng", ")14/UBND-KTTH"): a label is taken to end, and a printed
 * word to start, where its letters would at the width of the page's lower-case letters.
 */
export function fillInSlots(words: readonly OcrWord[], pageHeight: number): FillInSlot[] {
  const slots: FillInSlot[] = [];
  const top = (w: OcrWord) => w.box.y1 < pageHeight / 3;
  // A lower-case letter's width: read off the top third's plain words OCR was sure of.
  const plain = words.filter((w) => top(w) && w.confidence >= 80 && /^\p{Ll}{3,}$/u.test(w.text));
  const letter = plain.length ? median(plain.map((w) => (w.box.x1 - w.box.x0) / letters(w.text))) : 0;
  const headEnd = (w: OcrWord, label: number) => (letter ? Math.min(w.box.x1, w.box.x0 + label * letter) : letters(w.text) <= label + 1 ? w.box.x1 : w.box.x0 + ((w.box.x1 - w.box.x0) * label) / letters(w.text));
  // Where a word's printed tail of `tail` letters starts (capitals a third wider).
  const tailStart = (w: OcrWord, tail: number, wide = 1) => Math.max(w.box.x0, w.box.x1 - tail * wide * (letter || (w.box.x1 - w.box.x0) / letters(w.text)));
  const band = (a: OcrWord, b: OcrWord, x0: number, x1: number) => {
    const h = Math.max(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0);
    return { x0: Math.round(x0), y0: Math.max(0, Math.min(a.box.y0, b.box.y0) - Math.round(h * 0.6)), x1: Math.round(x1), y1: Math.max(a.box.y1, b.box.y1) + Math.round(h * 0.3) };
  };
  const sameLine = (a: OcrWord, b: OcrWord) => a.page === b.page && a.line === b.line;
  const near = (i: number, test: (n: OcrWord, k: number) => boolean) => words.findIndex((n, k) => k >= i && k <= i + 3 && sameLine(words[i]!, n) && test(n, k));
  words.forEach((w, i) => {
    if (!top(w)) return;
    const f = foldKey(w.text);
    if (NUMBER_LABEL.test(f)) {
      // The code after the gap: its own word, or the tail of a word OCR ran the handwriting into.
      const after = near(i, (n, k) => (k > i && CODE.test(n.text)) || /.\/\p{Lu}/u.test(n.text));
      if (after >= 0) {
        const code = words[after]!;
        const end = CODE.test(code.text) ? code.box.x0 : tailStart(code, letters(code.text.slice(code.text.indexOf('/'))), 1.35);
        // Digits OCR did read right ("Số: 574/UBND-KTTH" read whole) need nothing.
        const span = words.slice(i, after + 1);
        const read = f + span.slice(1).map((x) => x.text).join('');
        if (!/^s\S{1,2}:\s*\d+\//.test(read) || span.some((x) => x.confidence < 80)) slots.push({ kind: 'number', box: band(w, code, headEnd(w, 2.5), end), before: i, after });
      }
    }
    if (DAY_LABEL.test(f)) {
      // "tháng" after the gap, or a word ending in it ("O†tháng", even "ngàyAtháng" itself).
      const after = near(i, (n, k) => (k > i && /^th\S{1,3}ng/.test(foldKey(n.text))) || (letters(n.text) > 5 && /th\S{1,3}ng$/.test(foldKey(n.text))));
      if (after < 0) return;
      const month = words[after]!;
      const mf = foldKey(month.text);
      const start = mf.search(MONTH_LABEL) > 0 ? tailStart(month, letters(mf.slice(mf.search(MONTH_LABEL)))) : month.box.x0;
      if (!dayRead(words.slice(i + 1, after))) slots.push({ kind: 'day', box: band(w, month, headEnd(w, 4), start), before: i, after });
      const year = near(after, (n, k) => k > after && YEAR_LABEL.test(foldKey(n.text)));
      if (year > 0 && !dayRead(words.slice(after + 1, year))) {
        slots.push({ kind: 'month', box: band(month, words[year]!, start + 5 * (letter || (month.box.x1 - month.box.x0) / letters(month.text)), words[year]!.box.x0), before: after, after: year });
      }
    }
  });
  return slots.filter((s) => s.box.x1 - s.box.x0 > 4);
}

/** What OCR read in the gap is a plain number it was sure of: printed, or written clearly enough. */
const dayRead = (gap: readonly OcrWord[]) => gap.length === 1 && /^\d{1,2}$/.test(gap[0]!.text) && gap[0]!.confidence >= 80;

/** Ink under this grey level (0 black, 255 white). */
export const INK = 128;

interface Piece {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Indices in the window's pixels. */
  pixels: number[];
}

/** A digit's reading: the likeliest digit and its probability. */
function classify(pieces: readonly Piece[], w: number, x0 = -Infinity, x1 = Infinity): { digit: number; p: number } | null {
  const px = pieces.flatMap((p) => p.pixels.filter((k) => k % w >= x0 && k % w < x1));
  if (!px.length) return null;
  let [gx0, gy0, gx1, gy1] = [Infinity, Infinity, -1, -1];
  for (const k of px) [gx0, gy0, gx1, gy1] = [Math.min(gx0, k % w), Math.min(gy0, Math.floor(k / w)), Math.max(gx1, k % w), Math.max(gy1, Math.floor(k / w))];
  const [gw, gh] = [gx1 - gx0 + 1, gy1 - gy0 + 1];
  const ink = new Float32Array(gw * gh);
  for (const k of px) ink[(Math.floor(k / w) - gy0) * gw + (k % w) - gx0] = 1;
  return readDigit(ink, gw, gh);
}

/**
 * The digits written in `box` of the page (the gap between the printed words): the ink about it cut into pieces
 * (8-connected), the printed rules crossing it (a motto's underline) taken out, the pieces whose middle is in the
 * gap kept, so that the label's letters and the code's "/" beside it, whole, are left out. Pieces that overlap
 * across (a "5" whose bar the pen lifted from) are one digit; a digit much wider than high is two written
 * touching ("04"), cut at its thinnest column, unless the two halves read less surely than the whole.
 * Confidence: the least sure digit's probability. Null when the gap holds nothing like digits.
 */
export function readDigits(image: GreyImage, box: Box, lineHeight: number): { digits: string; confidence: number } | null {
  const margin = Math.round(lineHeight * 1.5);
  const [x0, y0] = [Math.max(0, box.x0 - margin), Math.max(0, box.y0)];
  const [w, h] = [Math.min(image.width, box.x1 + margin) - x0, Math.min(image.height, box.y1) - y0];
  if (w <= 0 || h <= 0 || box.x1 <= box.x0) return null;
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) ink[y * w + x] = image.data[(y0 + y) * image.width + x0 + x]! < INK ? 1 : 0;
  // A rule: a run of ink along a row far longer than any digit's stroke.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; ) {
      if (!ink[y * w + x]) { x++; continue; }
      let end = x;
      while (end < w && ink[y * w + end]) end++;
      if (end - x > lineHeight * 2.5) for (let k = x; k < end; k++) ink[y * w + k] = 0;
      x = end;
    }
  }
  const label = new Int32Array(w * h).fill(-1);
  const pieces: Piece[] = [];
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== -1 || !ink[start]) continue;
    const piece: Piece = { x0: w, y0: h, x1: 0, y1: 0, pixels: [] };
    const stack = [start];
    label[start] = pieces.length;
    while (stack.length) {
      const k = stack.pop()!;
      const [x, y] = [k % w, Math.floor(k / w)];
      piece.pixels.push(k);
      [piece.x0, piece.y0, piece.x1, piece.y1] = [Math.min(piece.x0, x), Math.min(piece.y0, y), Math.max(piece.x1, x), Math.max(piece.y1, y)];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const n = ny * w + nx;
          if (label[n] === -1 && ink[n]) (label[n] = pieces.length), stack.push(n);
        }
      }
    }
    pieces.push(piece);
  }
  // Specks (dust, a colon's dots, a diacritic) are small beside a digit, which is about a line high.
  const [gap0, gap1] = [box.x0 - x0, box.x1 - x0];
  const digits = pieces.filter((p) => {
    const mid = (p.x0 + p.x1) / 2;
    return p.y1 - p.y0 >= lineHeight * 0.45 && p.pixels.length >= lineHeight && mid >= gap0 && mid <= gap1;
  });
  // A printed stroke beside the handwriting (the code's "/", a letter of "tháng" inside the gap) is a finer pen than
  // the marker the form was filled in with: a piece whose strokes are much thinner than the thickest piece's is left out.
  const stroke = (p: Piece) => {
    const runs: number[] = [];
    const rows = new Map<number, number[]>();
    for (const k of p.pixels) {
      const y = Math.floor(k / w);
      if (!rows.has(y)) rows.set(y, []);
      rows.get(y)!.push(k % w);
    }
    for (const xs of rows.values()) {
      xs.sort((a, b) => a - b);
      let run = 1;
      for (let i = 1; i <= xs.length; i++) {
        if (i < xs.length && xs[i] === xs[i - 1]! + 1) run++;
        else runs.push(run), (run = 1);
      }
    }
    return median(runs);
  };
  const strokes = new Map(digits.map((p) => [p, stroke(p)]));
  const thickest = Math.max(0, ...strokes.values());
  for (let i = digits.length - 1; i >= 0; i--) if (strokes.get(digits[i]!)! < thickest * 0.6) digits.splice(i, 1);
  digits.sort((a, b) => a.x0 - b.x0);
  const groups: Piece[][] = [];
  for (const p of digits) {
    const last = groups[groups.length - 1];
    const right = last ? Math.max(...last.map((q) => q.x1)) : -1;
    if (last && p.x0 < right - (p.x1 - p.x0) * 0.3) last.push(p);
    else groups.push([p]);
  }
  if (!groups.length || groups.length > 4) return null;
  let out = '';
  let confidence = 1;
  for (const group of groups) {
    const [gx0, gx1] = [Math.min(...group.map((p) => p.x0)), Math.max(...group.map((p) => p.x1)) + 1];
    const gh = Math.max(...group.map((p) => p.y1)) - Math.min(...group.map((p) => p.y0)) + 1;
    const whole = classify(group, w);
    if (!whole) return null;
    let reading = [whole];
    // A "1", even flagged, is narrow: one read as wide as most digits is two written touching ("11").
    const wide = gx1 - gx0 > gh * (whole.digit === 1 ? 0.75 : 0.9);
    if (wide) {
      // Cut at the column of least ink in the middle half.
      const column = new Int32Array(gx1 - gx0);
      for (const p of group) for (const k of p.pixels) column[(k % w) - gx0]!++;
      let cut = gx0 + Math.floor((gx1 - gx0) / 4);
      for (let x = cut; x < gx0 + Math.ceil((3 * (gx1 - gx0)) / 4); x++) if (column[x - gx0]! < column[cut - gx0]!) cut = x;
      const [left, rightHalf] = [classify(group, w, gx0, cut), classify(group, w, cut, gx1)];
      if (left && rightHalf && (gx1 - gx0 > gh * 1.2 || Math.min(left.p, rightHalf.p) > (whole.digit === 1 ? 0.5 : whole.p))) reading = [left, rightHalf];
    }
    for (const r of reading) (out += String(r.digit)), (confidence = Math.min(confidence, r.p));
  }
  return out.length > 4 ? null : { digits: out, confidence };
}

/** What each fill-in can hold: a day 1 to 31, a month 1 to 12, in one or two digits; a number up to four digits. */
const FITS: Record<FillInSlot['kind'], (digits: string) => boolean> = {
  day: (d) => d.length <= 2 && Number(d) >= 1 && Number(d) <= 31,
  month: (d) => d.length <= 2 && Number(d) >= 1 && Number(d) <= 12,
  number: (d) => d.length <= 4 && Number(d) >= 1,
};

/** A slot read, when its digits are what the slot can hold. */
export function readFillIn(image: GreyImage, slot: FillInSlot, lineHeight: number): FillIn | null {
  const read = readDigits(image, slot.box, lineHeight);
  return read && FITS[slot.kind](read.digits) ? { slot, ...read } : null;
}

/** Fill-ins read less surely than this are left as OCR read them: of the readings of the real dev fill-ins it kept 19 of the 20 right, 2 of the 4 wrong. */
export const FILL_IN_SURE = 0.8;
/** A fill-in word's OCR confidence at most: low enough that the structure stage flags the field it gives. */
const FILL_IN_CONFIDENCE = 70;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A page's reading with its handwritten fill-ins read: each gap's words (OCR's marks for the handwriting, and
 * what of them it ran into the printed words beside it) replaced by the printed label, one word holding the digits
 * (its confidence at most 70) and the printed word after, in the words and in the same span of the text
 * ("Số:04+ /CT-UBND" → "Số: 04 /CT-UBND", "ngày {5 tháng" → "ngày 15 tháng"). `image` holds the words' boxes.
 */
export function withFillIns(words: readonly OcrWord[], text: string, image: GreyImage): { words: OcrWord[]; text: string; read: FillIn[] } {
  const slots = fillInSlots(words, image.height);
  if (!slots.length) return { words: [...words], text, read: [] };
  const heights = words.map((w) => w.box.y1 - w.box.y0);
  const lineHeight = median(heights);
  const read = slots.map((slot) => readFillIn(image, slot, lineHeight)).filter((f): f is FillIn => !!f && f.confidence >= FILL_IN_SURE);
  const out = [...words];
  let page = text;
  const done: FillIn[] = [];
  // From the last gap back, so the earlier gaps' word indices still hold (a month's gap starts at the word its day's ends at).
  for (const fill of [...read].sort((a, b) => b.slot.before - a.slot.before)) {
    const { before, after, box, kind } = fill.slot;
    const [head, tail] = [out[before]!, out[after]!];
    const label = kind === 'number' ? 'Số:' : kind === 'day' ? 'ngày' : 'tháng';
    const tailText = kind === 'number' ? tail.text.slice(tail.text.indexOf('/')) : kind === 'day' ? 'tháng' : tail.text;
    const span = out.slice(before, after + 1);
    const found = new RegExp(span.map((w) => escaped(w.text)).join('\\s*')).exec(page);
    if (!found || (kind === 'number' && !tailText.startsWith('/'))) continue;
    // Fewer digits than OCR made out in the gap ("!57" read "1"): ink was missed, the reading is not kept.
    const marks = span.map((w) => w.text).join(' ');
    if ((kind === 'number' ? marks.slice(0, marks.indexOf('/')) : marks).replace(/\D/g, '').length > fill.digits.length) continue;
    const line = { y0: Math.min(head.box.y0, tail.box.y0), y1: Math.max(head.box.y1, tail.box.y1) };
    const digits: OcrWord = { ...head, text: fill.digits, confidence: Math.round(Math.min(FILL_IN_CONFIDENCE, FILL_IN_CONFIDENCE * fill.confidence)), box: { x0: box.x0, y0: line.y0, x1: box.x1, y1: line.y1 } };
    const rebuilt: OcrWord[] = [
      { ...head, text: label, box: { ...head.box, x1: Math.min(head.box.x1, box.x0) } },
      digits,
      { ...tail, text: tailText, box: { ...tail.box, x0: Math.max(tail.box.x0, box.x1) } },
    ];
    out.splice(before, after - before + 1, ...rebuilt);
    page = page.slice(0, found.index) + rebuilt.map((w) => w.text).join(' ') + page.slice(found.index + found[0].length);
    done.push(fill);
  }
  return { words: out, text: page, read: done };
}
