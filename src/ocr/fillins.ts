// Handwritten fill-ins of a printed form: the number written in the gap after "Số:" (before "/CT-UBND"), the day
// after "ngày" and the month after "tháng" of the date line. tesseract reads them as marks ("{5", "O†", "Số:04+")
// or not at all; here the gap's ink is cut into digits, each read by the digit network.
import type { Box, GreyImage, OcrWord } from '../types.js';
import { classifyDigit, digitNet, normalizeDigit } from './digits.js';

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

const folded = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
const NUMBER_LABEL = /^s[o06]\S?:/;
const CODE = /^[^\p{L}\p{N}]{0,2}\/\p{L}/u;

/** Letters of a word, in code points. */
const letters = (text: string) => [...text].length;

/**
 * The fill-in gaps of a page: in its top third, the gap between "Số:" and the code that follows on its line
 * ("/CT-UBND"), and in the date line the gaps after "ngày" and after "tháng" where what OCR read there is no
 * plain number. A word OCR ran into the gap ("Số:04+") ends, for the gap, where its label's letters end.
 */
export function fillInSlots(words: readonly OcrWord[], pageHeight: number): FillInSlot[] {
  const slots: FillInSlot[] = [];
  const top = (w: OcrWord) => w.box.y1 < pageHeight / 3;
  const labelEnd = (w: OcrWord, label: number) => (letters(w.text) <= label + 1 ? w.box.x1 : w.box.x0 + ((w.box.x1 - w.box.x0) * label) / letters(w.text));
  const band = (a: OcrWord, b: OcrWord, x0: number) => {
    const h = Math.max(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0);
    return { x0: Math.round(x0), y0: Math.max(0, Math.min(a.box.y0, b.box.y0) - Math.round(h * 0.6)), x1: b.box.x0, y1: Math.max(a.box.y1, b.box.y1) + Math.round(h * 0.3) };
  };
  const sameLine = (a: OcrWord, b: OcrWord) => a.page === b.page && a.line === b.line;
  words.forEach((w, i) => {
    if (!top(w)) return;
    const f = folded(w.text);
    if (NUMBER_LABEL.test(f)) {
      const after = words.findIndex((n, k) => k > i && k <= i + 3 && sameLine(w, n) && CODE.test(n.text));
      // Digits OCR did read right ("Số: 574/UBND-KTTH" read whole) need nothing.
      if (after > 0 && !/^s\S{1,2}:\s*\d+\//.test(f + words.slice(i + 1, after).map((x) => x.text).join(''))) slots.push({ kind: 'number', box: band(w, words[after]!, labelEnd(w, 3)), before: i, after });
    }
    // "ngày", or OCR's run of it into the gap ("ngàW/†"), not "Ngãi," of the place before it.
    if (/^ng(?:[a-z]?y|a[^i\s,])/.test(f)) {
      const after = words.findIndex((n, k) => k > i && k <= i + 3 && sameLine(w, n) && /^th\S{1,3}ng$/.test(folded(n.text)));
      if (after > 0 && !dayRead(words.slice(i + 1, after))) slots.push({ kind: 'day', box: band(w, words[after]!, labelEnd(w, 4)), before: i, after });
      const month = after > 0 ? words.findIndex((n, k) => k > after && k <= after + 3 && sameLine(w, n) && /^n\S{1,2}m:?$/.test(folded(n.text))) : -1;
      if (month > 0 && !dayRead(words.slice(after + 1, month))) slots.push({ kind: 'month', box: band(words[after]!, words[month]!, labelEnd(words[after]!, 5)), before: after, after: month });
    }
  });
  return slots.filter((s) => s.box.x1 - s.box.x0 > 4);
}

/** What OCR read in the gap is a plain number it was sure of: printed, or written clearly enough. */
const dayRead = (gap: readonly OcrWord[]) => gap.length === 1 && /^\d{1,2}$/.test(gap[0]!.text) && gap[0]!.confidence >= 80;

export const dumped: Float32Array[] = [];
/** Ink under this grey level (0 black, 255 white). */
const INK = 128;

/**
 * The digits written in `box` of the page: its ink cut into pieces (8-connected), pieces that overlap across
 * (a "5" whose bar the pen lifted from) taken as one digit, specks dropped, each digit read by the network.
 */
export function readDigits(image: GreyImage, box: Box, lineHeight: number): { digits: string; confidence: number } | null {
  const [x0, y0] = [Math.max(0, box.x0), Math.max(0, box.y0)];
  const [w, h] = [Math.min(image.width, box.x1) - x0, Math.min(image.height, box.y1) - y0];
  if (w <= 0 || h <= 0) return null;
  const label = new Int32Array(w * h).fill(-1);
  const pieces: { x0: number; y0: number; x1: number; y1: number; pixels: number[] }[] = [];
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== -1 || image.data[(y0 + Math.floor(start / w)) * image.width + x0 + (start % w)]! >= INK) continue;
    const piece = { x0: w, y0: h, x1: 0, y1: 0, pixels: [] as number[] };
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
          if (label[n] === -1 && image.data[(y0 + ny) * image.width + x0 + nx]! < INK) (label[n] = pieces.length), stack.push(n);
        }
      }
    }
    pieces.push(piece);
  }
  // Specks (dust, a colon's dots, a diacritic of the label) are small beside a digit, which is about a line high.
  // Pieces cut by the gap's left or right end are the printed words' beside it ("/" of "/CT-UBND", the label's last letter).
  const digits = pieces.filter((p) => p.y1 - p.y0 >= lineHeight * 0.45 && p.pixels.length >= lineHeight && p.x0 > 0 && p.x1 < w - 1);
  digits.sort((a, b) => a.x0 - b.x0);
  const groups: (typeof digits)[] = [];
  for (const p of digits) {
    const last = groups[groups.length - 1];
    const right = last ? Math.max(...last.map((q) => q.x1)) : -1;
    if (last && p.x0 < right - (p.x1 - p.x0) * 0.3) last.push(p);
    else groups.push([p]);
  }
  if (!groups.length || groups.length > 4) return null;
  const net = digitNet();
  let out = '';
  let confidence = 1;
  for (const group of groups) {
    const [gx0, gy0] = [Math.min(...group.map((p) => p.x0)), Math.min(...group.map((p) => p.y0))];
    const [gw, gh] = [Math.max(...group.map((p) => p.x1)) - gx0 + 1, Math.max(...group.map((p) => p.y1)) - gy0 + 1];
    const ink = new Float32Array(gw * gh);
    for (const p of group) for (const k of p.pixels) ink[(Math.floor(k / w) - gy0) * gw + (k % w) - gx0] = 1;
    const input = normalizeDigit(ink, gw, gh);
    if (!input) return null;
    const p = classifyDigit(net, input);
    if (process.env.DUMP_DIGITS) dumped.push(input);
    const best = p.indexOf(Math.max(...p));
    out += String(best);
    confidence = Math.min(confidence, p[best]!);
  }
  return { digits: out, confidence };
}
