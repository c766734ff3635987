// The page rebuilt from OCR word boxes as laid-out text (as pdftotext -layout gives a PDF's): the header's and the
// bottom block's columns, and a table's cells, come apart where they were printed.
import type { WordTable } from './word-table.js';

/**
 * The value at rank floor(n/2) (the upper median) of the first `n` of `xs`, found by selection: sorting for it was
 * a tenth of parsing. Reorders those values.
 */
function selectMedian(xs: Float64Array, n = xs.length): number {
  const k = n >> 1;
  if (!n) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i++] = xs[j]!;
        xs[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k]!;
}

/** Whether the UTF-16 unit `c` is white space as /\s/ and trim() have it. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The words of `line` apart at white space, as line.trim().split(/\s+/) gives them, into `into` (reused: a regular expression's split was a tenth of the rebuild); their count. */
function wordsOf(line: string, into: string[]): number {
  let n = 0;
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || isSpace(line.charCodeAt(i))) {
      if (start >= 0) (into[n++] = line.slice(start, i)), (start = -1);
    } else if (start < 0) start = i;
  }
  return n;
}

/** Letters of a word as the columns count them (code points, not UTF-16 units). */
function letters(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) n--, i++;
  }
  return n;
}

/**
 * Indexes 0..n-1 in order of `keys`, ties in their given order. The keys are packed as key * n + index into a
 * typed array and sorted natively (a comparator's call per comparison was most of the page rebuild): 32-bit
 * integers where they fit, whose sort and remainder are cheaper than doubles'. Keys must be whole numbers for
 * that, else a comparator sorts them.
 */
function orderBy(keys: Float64Array): Int32Array {
  const n = keys.length;
  let most = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!Number.isInteger(k) || k < 0) return Int32Array.from(keys.keys()).sort((x, y) => keys[x]! - keys[y]! || x - y);
    most = Math.max(most, k);
  }
  if (most * n + n > Number.MAX_SAFE_INTEGER) return Int32Array.from(keys.keys()).sort((x, y) => keys[x]! - keys[y]! || x - y);
  const packed = most * n + n <= 0x7fffffff ? new Int32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = keys[i]! * n + i;
  packed.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % n;
  return order;
}

/** Sorts the word indexes ix[from, to) left to right by `x0`: they mostly come so already (insertion, stable). */
function leftToRight(ix: Int32Array, from: number, to: number, x0: Float64Array): void {
  for (let i = from + 1; i < to; i++) {
    const w = ix[i]!;
    let j = i - 1;
    while (j >= from && x0[ix[j]!]! > x0[w]!) (ix[j + 1] = ix[j]!), j--;
    ix[j + 1] = w;
  }
}

/** The words placed on the pages, by index: their boxes, the text each takes and its centre's height, in typed arrays read pass after pass. */
interface Placed {
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
  centre: Float64Array;
  text: string[];
}

/**
 * Sets the vertical centre each word of one OCR line (ix[from, to), left to right) is placed by: the middle one of
 * the run of words it sits in, words running on beside each other and overlapping by half their height. A word
 * without ascender or descender ("Văn" in "Đặng Văn Minh") sits higher than its neighbours, and in a signer's large
 * type enough to fall into the row above on its own.
 */
function sharedCentres(p: Placed, ix: Int32Array, from: number, to: number, scratch: Float64Array): void {
  let start = from;
  for (let j = from + 1; j <= to; j++) {
    let together = false;
    if (j < to) {
      const [w, prev] = [ix[j]!, ix[j - 1]!];
      const shared = Math.min(p.y1[w]!, p.y1[prev]!) - Math.max(p.y0[w]!, p.y0[prev]!);
      const [h, hPrev] = [p.y1[w]! - p.y0[w]!, p.y1[prev]! - p.y0[prev]!];
      // The gap is measured in the taller word's height: a list's dash, a few pixels high, is a space from its word.
      together = shared >= Math.min(h, hPrev) / 2 && p.x0[w]! - p.x1[prev]! < 2 * Math.max(h, hPrev);
    }
    if (!together) {
      for (let k = start; k < j; k++) scratch[k - start] = (p.y0[ix[k]!]! + p.y1[ix[k]!]!) / 2;
      const centre = selectMedian(scratch, j - start);
      for (let k = start; k < j; k++) p.centre[ix[k]!] = centre;
      start = j;
    }
  }
}

/**
 * The page rebuilt from OCR word boxes as laid-out text: words of the same height band make one line (whatever
 * blocks tesseract read them in), each at the column its left edge is at, and a gap wider than a letter height
 * becomes three spaces or more so the columns and table cells come apart. Each word takes the text of `text`
 * (restored) where the line matches its OCR line word for word; `text` is returned as it is when its lines are
 * not this OCR's.
 */
export function layoutFromWords(text: string, words: WordTable): string {
  // Each OCR line's words, as indexes into `words`.
  const byLine = new Map<number, number[]>();
  let lastKey = -1;
  let last: number[] = [];
  for (let w = 0; w < words.length; w++) {
    if (words.blank[w]) continue;
    // A number for the page and line: building a string key for every word was the most of this loop.
    const key = words.page[w]! * 1_000_000 + words.line[w]!;
    // Words come line by line: the map is looked up where the line changes.
    if (key !== lastKey) {
      lastKey = key;
      const line = byLine.get(key);
      if (line) last = line;
      else byLine.set(key, (last = []));
    }
    last.push(w);
  }
  const ocrLines = [...byLine.values()];
  const lines = text.split('\n').filter((l) => l.trim());
  if (!ocrLines.length || lines.length !== ocrLines.length) return text;
  let n = 0;
  let longest = 0;
  for (const ws of ocrLines) (n += ws.length), (longest = Math.max(longest, ws.length));
  const placed: Placed = { x0: new Float64Array(n), y0: new Float64Array(n), x1: new Float64Array(n), y1: new Float64Array(n), centre: new Float64Array(n), text: new Array<string>(n) };
  // The words of each OCR line left to right, as indexes into `placed`; the words of a page, line by line (an OCR
  // line's words are all on its page: the key above).
  const ix = new Int32Array(n);
  const scratch = new Float64Array(longest);
  const tokens: string[] = [];
  const byPage = new Map<number, number[]>();
  // Per page, the pitch of words running on in a line: pixels from one word's start to the next's, over its letters and the space after it.
  const pitches = new Map<number, number[]>();
  let base = 0;
  ocrLines.forEach((ws, k) => {
    const end = base + ws.length;
    for (let j = 0; j < ws.length; j++) {
      const [i, w] = [base + j, ws[j]!];
      (placed.x0[i] = words.x0[w]!), (placed.y0[i] = words.y0[w]!), (placed.x1[i] = words.x1[w]!), (placed.y1[i] = words.y1[w]!);
      ix[i] = i;
    }
    leftToRight(ix, base, end, placed.x0);
    const count = wordsOf(lines[k]!, tokens);
    for (let j = base; j < end; j++) placed.text[ix[j]!] = count === ws.length ? tokens[j - base]! : words.restored[ws[ix[j]! - base]!]!;
    sharedCentres(placed, ix, base, end, scratch);
    const page = words.page[ws[0]!]!;
    let on = byPage.get(page);
    if (!on) byPage.set(page, (on = []));
    for (let j = base; j < end; j++) on.push(ix[j]!);
    let pitch = pitches.get(page);
    if (!pitch) pitches.set(page, (pitch = []));
    for (let j = base + 1; j < end; j++) {
      const [a, b] = [ix[j - 1]!, ix[j]!];
      if (placed.x0[b]! - placed.x1[a]! < placed.y1[a]! - placed.y0[a]!) pitch.push((placed.x0[b]! - placed.x0[a]!) / (letters(placed.text[a]!) + 1));
    }
    base = end;
  });
  const pages: string[] = [];
  for (const page of [...byPage.keys()].sort((a, b) => a - b)) {
    pages.push(pageText(placed, byPage.get(page)!, selectMedian(Float64Array.from(pitches.get(page)!))));
  }
  // A form feed between pages, as pdftotext gives it: a table or a sentence the page broke is told by it.
  return pages.join('\n\f\n');
}

/** Under this share of the page's median word height, a word set within another's width is a speck. */
const SPECK_HEIGHT = 0.7;

/** One page's laid-out text from its words `on` (indexes into `placed`, each OCR line's left to right). */
function pageText(placed: Placed, on: readonly number[], wordPitch: number): string {
  const { x0, y0, x1, y1, centre } = placed;
  const n = on.length;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = y1[on[i]!]! - y0[on[i]!]!;
  const height = selectMedian(values);
  // A character column is a letter with its share of the spaces: measured on letters alone it is wider than the
  // text set in it, each word and space then running a little further right, and a table's heading row of many
  // short words ran over the columns of the figures under it.
  let charW = wordPitch;
  if (!charW) {
    for (let i = 0; i < n; i++) values[i] = (x1[on[i]!]! - x0[on[i]!]!) / Math.max(1, letters(placed.text[on[i]!]!));
    charW = selectMedian(values) || height / 2;
  }
  let left = Infinity;
  for (let i = 0; i < n; i++) left = Math.min(left, x0[on[i]!]!);
  // Twice the centre: a whole number for whole-pixel boxes.
  for (let i = 0; i < n; i++) values[i] = 2 * centre[on[i]!]!;
  const order = orderBy(values);
  // The words in order of their centres (indexes into `placed`); rows are runs of them, each row's centres sorted as
  // they are added, so its median is its middle one.
  const sorted = new Int32Array(n);
  for (let k = 0; k < n; k++) sorted[k] = on[order[k]!]!;
  const rowStart: number[] = [];
  const middle = (r: number, end: number) => centre[sorted[rowStart[r]! + ((end - rowStart[r]!) >> 1)]!]!;
  for (let k = 0; k < n; k++) {
    if (!(rowStart.length && Math.abs(centre[sorted[k]!]! - middle(rowStart.length - 1, k)) < height * 0.5)) rowStart.push(k);
  }
  const rows = rowStart.length;
  rowStart.push(n);
  const mids = new Float64Array(rows);
  for (let r = 0; r < rows; r++) mids[r] = middle(r, rowStart[r + 1]!);
  // A gap between lines of well over one line's pitch is a blank line (between paragraphs, blocks, pages).
  const gaps = new Float64Array(Math.max(0, rows - 1));
  for (let r = 1; r < rows; r++) gaps[r - 1] = mids[r]! - mids[r - 1]!;
  const pitch = selectMedian(gaps);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = r > 0 && mids[r]! - mids[r - 1]! > 1.6 * pitch ? '\n' : '';
    const start = line.length;
    let end = left;
    leftToRight(sorted, rowStart[r]!, rowStart[r + 1]!, x0);
    for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) {
      const p = sorted[k]!;
      // A word whose text a restored neighbour took ("ngư ờ" read as one word, "người") only widens that word.
      if (!placed.text[p]) {
        end = Math.max(end, x1[p]!);
        continue;
      }
      // A mark in small type within a word already set ("À" read from a pen stroke over "Trần") is no word of it.
      if (x1[p]! <= end && y1[p]! - y0[p]! < SPECK_HEIGHT * height && letters(placed.text[p]!) <= 2) continue;
      const col = Math.round((x0[p]! - left) / charW);
      const wide = x0[p]! - end > height;
      const at = line.length - start;
      line += at ? ' '.repeat(wide ? Math.max(3, col - at) : 1) : ' '.repeat(Math.max(0, col));
      line += placed.text[p]!;
      end = Math.max(end, x1[p]!);
    }
    out.push(line);
  }
  return out.join('\n');
}
