// Laid-out text: lines whose pieces sit at the columns they were printed at (pdftotext -layout, or a page rebuilt
// from OCR word boxes by layoutFromWords). The header and the bottom block are two columns side by side, and a
// run of lines of three pieces or more in the body is a table.
import type { OcrWord } from '../types.js';
import { isPageNumber } from './reflow.js';

export interface Piece {
  /** Character column the piece starts at. */
  col: number;
  text: string;
}

/** Pieces of a line: runs of text apart by `gap` spaces or more. */
const PIECES: Record<number, RegExp> = {};
export function piecesOf(line: string, gap = 3): Piece[] {
  const re = (PIECES[gap] ??= new RegExp(`\\S+(?: {1,${gap - 1}}\\S+)*`, 'g'));
  // A line without a run of `gap` spaces is one piece (most lines of running text).
  if (!line.includes(' '.repeat(gap))) {
    const at = line.search(/\S/);
    return at < 0 ? [] : [{ col: at, text: line.trim() }];
  }
  return [...line.matchAll(re)].map((m) => ({ col: m.index, text: m[0] }));
}

/** A line's pieces, a list dash OCR set apart from its item ("-   cơ quan …") joined to the item: no column of its own. */
function columnPieces(line: string): Piece[] {
  const pieces = piecesOf(line);
  if (pieces.length < 2 || !/^[-+•–—~]$/u.test(pieces[0]!.text)) return pieces;
  return [{ col: pieces[0]!.col, text: `${pieces[0]!.text} ${pieces[1]!.text}` }, ...pieces.slice(2)];
}

/**
 * The column a block's right column starts at: the leftmost second piece of its lines of two pieces, when some
 * line has two (else the block is not laid out in columns, or OCR already gave its columns one after the other).
 */
function rightEdge(lines: readonly string[], lone: number): number | null {
  const starts = lines
    .map((l) => columnPieces(l))
    .filter((p) => p.length >= 2 || (p.length === 1 && p[0]!.col >= lone))
    .map((p) => p[p.length - 1]!.col);
  return starts.length ? Math.min(...starts) : null;
}

/**
 * Splits a two-column block into its left and right columns, top to bottom each; null when it has no two columns.
 * A line of one piece belongs to the column it starts in (a name under the signature, a date beside the "*");
 * from column `lone` on, such a line marks the right column by itself (a signer's name alone on its row).
 */
export function splitBlock(lines: readonly string[], { slack = 6, lone = Infinity } = {}): { left: string[]; right: string[] } | null {
  const edge = rightEdge(lines, lone);
  if (edge === null) return null;
  const left: string[] = [];
  const right: string[] = [];
  for (const line of lines) {
    const pieces = columnPieces(line);
    if (!pieces.length) {
      left.push('');
      continue;
    }
    const l = pieces.filter((p) => p.col < edge - slack);
    const r = pieces.filter((p) => p.col >= edge - slack);
    if (l.length) left.push(l.map((p) => p.text).join(' '));
    if (r.length) right.push(r.map((p) => p.text).join(' '));
  }
  return { left, right };
}

export interface TextTable {
  /** Line indexes the table spans, end exclusive. */
  start: number;
  end: number;
  rows: string[][];
}

/** Whether line `i` is one of the tables' lines. */
export const inTable = (tables: readonly TextTable[], i: number) => tables.some((t) => i >= t.start && i < t.end);

/** A date after a mark OCR reads a ruling line as ("1", "l", "I", "L"): the mark and day as read, the day, the month. */
const RULED_DATE = /^([1lIL](\d{1,2}))\/(\d{1,2})\/\d{4}$/;

/**
 * A cell without the ruling lines OCR read into it: "_" at its edge from a rule under or over it ("2_"), and the
 * rule before it read as a mark before a date whose day, the mark counted, cannot be ("115/10/2025": 15/10/2025).
 */
const edgeRule = (c: Piece): Piece => {
  const text = c.text.replace(/\s*_+$/, '');
  let lead = text.length - text.replace(/^_+/, '').length;
  const date = RULED_DATE.exec(text.slice(lead));
  // A letter mark makes no number (NaN), so no day either.
  if (date && !(Number(date[1]) <= 31) && Number(date[2]) >= 1 && Number(date[2]) <= 31 && Number(date[3]) >= 1 && Number(date[3]) <= 12) lead++;
  return { col: c.col + lead, text: text.slice(lead) };
};

/**
 * A ruling line OCR read as marks, its cells apart: a capital alone between two figures ("8.412 E 8.790"), or
 * dashes with a letter at most before a figure ("Thôn 1 ——k 42").
 */
const RULE_AS_LETTER = /(?<=\d) \p{Lu} (?=\d)|(?<=\S) [—–_-]{2,}\p{L}? (?=\d)/u;

/** A piece parted where a ruling line read as a letter stands between its figures. */
function apartAtRule(p: Piece): Piece[] {
  const m = RULE_AS_LETTER.exec(p.text);
  if (!m) return [p];
  const rest = m.index + m[0].length;
  return [{ col: p.col, text: p.text.slice(0, m.index) }, ...apartAtRule({ col: p.col + rest, text: p.text.slice(rest) })];
}

/**
 * A ruling line as OCR reads it: "|", "¡", or a "!" that starts a word or stands alone (an exclamation mark
 * follows its word). One character each.
 */
const RULE = /\||¡|(?<!\S)!/;

/**
 * Cells of a row line: pieces apart by two spaces or more, or by a ruling line. A rule keeps the one column it
 * takes, so that a heading row with a rule between every two cells stays over the rows under it.
 */
function cellsOf(line: string): Piece[] {
  if (!line.includes('  ') && !RULE.test(line)) return piecesOf(line);
  const cells: Piece[] = [];
  let at = 0;
  for (const part of line.split(RULE)) {
    for (const p of piecesOf(part, 2).flatMap(apartAtRule)) cells.push(edgeRule({ col: at + p.col, text: p.text }));
    at += part.length + 1;
  }
  return cells.filter((c) => /[\p{L}\p{N}]/u.test(c.text));
}

/** The columns a cell takes, start and end. */
interface Span {
  start: number;
  end: number;
}
const spanOf = (c: Piece): Span => ({ start: c.col, end: c.col + c.text.length });
const overlap = (a: Span, b: Span) => Math.min(a.end, b.end) - Math.max(a.start, b.start);
/** Columns between two spans apart, 0 when they overlap. */
const gap = (a: Span, b: Span) => Math.max(0, a.start - b.end, b.start - a.end);

/** The column of `spans` a cell sits under: the one it overlaps most, else the nearest (a right-aligned number under its heading). */
function columnOf(spans: readonly Span[], cell: Span): number {
  let best = 0;
  for (let j = 1; j < spans.length; j++) {
    const [o, ob] = [overlap(spans[j]!, cell), overlap(spans[best]!, cell)];
    if (o > ob || (o <= 0 && ob <= 0 && gap(spans[j]!, cell) < gap(spans[best]!, cell))) best = j;
  }
  return best;
}

/** A figure with one separator: thousands ("1.376") or decimals ("29,22"); the digits after it. */
const FIGURE = /^\d+([.,])(\d+)$/;

/**
 * A column's figures written alike: a figure whose separator is not the one two or more others of its column all
 * write with as many digits after it is OCR's misreading of it ("29.22" among "25,92", "24,90"; "7,632" among
 * "7.152", "7.617").
 */
function withColumnSeparators(rows: string[][]): string[][] {
  const out = rows.map((r) => [...r]);
  for (let k = 0; k < (rows[0]?.length ?? 0); k++) {
    const figures = rows.map((r) => FIGURE.exec(r[k]!));
    figures.forEach((f, r) => {
      if (!f) return;
      const alike = figures.filter((g, q) => g && q !== r && g[2]!.length === f[2]!.length);
      const other = f[1] === '.' ? ',' : '.';
      if (alike.length >= 2 && alike.every((g) => g![1] === other)) out[r]![k] = f[0].replace(f[1]!, other);
    });
  }
  return out;
}

/**
 * A line between two rows with a letter or two and no figure: a ruling line's remnant OCR read as marks ("E",
 * "———T"), which neither ends the table nor is a row of it.
 */
const isSpeck = (line: string) => /\S/.test(line) && !/\p{N}/u.test(line) && (line.match(/\p{L}/gu) ?? []).length <= 2;

/**
 * The line after a page break at `at` (a form feed, or a page number with a blank line), or `at` when none is
 * there: a figure alone between a table's rows is no page break.
 */
export function afterPageBreak(lines: readonly string[], at: number): number {
  let k = at;
  let [feed, numbered, blank] = [false, false, false];
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.includes('\f')) feed = true;
    else if (!line.trim()) blank = true;
    else if (isPageNumber(line)) numbered = true;
    else break;
  }
  return feed || (numbered && blank) ? k : at;
}

/**
 * The rows without a column that holds one character in one row and nothing else: a speck of a ruling line read as
 * a letter between two borders ("j¡Trạm"), which made the widest row and so the columns of every other.
 */
function withoutSpeckColumns(rows: string[][]): string[][] {
  const speck = (k: number) => {
    const filled = rows.filter((r) => r[k]);
    return filled.length === 1 && /^[^\p{N}\s]$/u.test(filled[0]![k]!);
  };
  const dropped = rows[0]!.map((_, k) => speck(k));
  return dropped.includes(true) ? rows.map((r) => r.filter((_, k) => !dropped[k])) : rows;
}

/**
 * Tables among `lines`: runs of two lines or more each of three cells or more. A row with fewer cells (an empty
 * first cell, "Cộng") puts each cell under the column it overlaps most: columns span their cells in the rows
 * that have them all, so a short number set flush right sits under its heading.
 */
export function findTables(lines: readonly string[]): TextTable[] {
  const tables: TextTable[] = [];
  for (let i = 0; i < lines.length; ) {
    if (cellsOf(lines[i]!).length < 3) {
      i++;
      continue;
    }
    // Rows go on while they have three cells, or two that sit under the first row's cells ("Cộng" rows), each
    // under one of them: a heading after the table ("2.   Nguyên nhân tăng, giảm") runs across several.
    const first = cellsOf(lines[i]!).map(spanOf);
    const under = (c: Span) => first.some((s) => overlap(s, c) > 0 || Math.abs(s.start - c.start) <= 2) && first.filter((s) => overlap(s, c) > 0).length <= 1;
    const aligned = (line: string) => {
      const cells = cellsOf(line);
      return cells.length >= 3 || (cells.length === 2 && cells.every((c) => under(spanOf(c))));
    };
    let end = i;
    const rowLines: string[] = [];
    for (;;) {
      const line = lines[end];
      if (line !== undefined && aligned(line)) {
        if (!isSpeck(line)) rowLines.push(line);
        end++;
      } else if (line !== undefined && end + 1 < lines.length && isSpeck(line) && aligned(lines[end + 1]!)) end++;
      else {
        // A table the page broke goes on under the next page's number: its rows there are the same table's.
        const next = end > i ? afterPageBreak(lines, end) : end;
        if (next === end || next >= lines.length || !aligned(lines[next]!)) break;
        end = next;
      }
    }
    if (rowLines.length >= 2) {
      const rowCells = rowLines.map(cellsOf);
      const widest = Math.max(...rowCells.map((r) => r.length));
      const spans: Span[] = [];
      for (const cells of rowCells.filter((r) => r.length === widest)) {
        cells.forEach((c, j) => (spans[j] = spans[j] ? { start: Math.min(spans[j]!.start, c.col), end: Math.max(spans[j]!.end, spanOf(c).end) } : spanOf(c)));
      }
      const rows = rowCells.map((cells) => {
        const row = spans.map(() => '');
        for (const c of cells) {
          const k = cells.length === widest ? cells.indexOf(c) : columnOf(spans, spanOf(c));
          row[k] = row[k] ? `${row[k]} ${c.text}` : c.text;
        }
        return row;
      });
      tables.push({ start: i, end, rows: withColumnSeparators(withoutSpeckColumns(rows)) });
    }
    i = end;
  }
  return tables;
}

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
 * typed array and sorted natively (a comparator's call per comparison was most of the page rebuild); keys must be
 * whole numbers for that, else a comparator sorts them.
 */
function orderBy(keys: Float64Array): Int32Array {
  const n = keys.length;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!Number.isInteger(k) || k < 0 || k * n + n > Number.MAX_SAFE_INTEGER) return Int32Array.from(keys.keys()).sort((x, y) => keys[x]! - keys[y]! || x - y);
    packed[i] = k * n + i;
  }
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
export function layoutFromWords(text: string, words: readonly OcrWord[]): string {
  const byLine = new Map<number, OcrWord[]>();
  let lastKey = -1;
  let last: OcrWord[] = [];
  for (const w of words) {
    if (!w.text.trim()) continue;
    // A number for the page and line: building a string key for every word was the most of this loop.
    const key = w.page * 1_000_000 + w.line;
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
  const byPage = new Map<number, number[]>();
  // Per page, the pitch of words running on in a line: pixels from one word's start to the next's, over its letters and the space after it.
  const pitches = new Map<number, number[]>();
  let base = 0;
  ocrLines.forEach((ws, k) => {
    const end = base + ws.length;
    ws.forEach((w, j) => {
      const i = base + j;
      (placed.x0[i] = w.box.x0), (placed.y0[i] = w.box.y0), (placed.x1[i] = w.box.x1), (placed.y1[i] = w.box.y1);
      ix[i] = i;
    });
    leftToRight(ix, base, end, placed.x0);
    const tokens = lines[k]!.trim().split(/\s+/);
    for (let j = base; j < end; j++) {
      const w = ws[ix[j]! - base]!;
      placed.text[ix[j]!] = tokens.length === ws.length ? tokens[j - base]! : (w.restored ?? w.text);
    }
    sharedCentres(placed, ix, base, end, scratch);
    const page = ws[0]!.page;
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
