// Laid-out text: lines whose pieces sit at the columns they were printed at (pdftotext -layout, or a page rebuilt
// from OCR word boxes by layoutFromWords). The header and the bottom block are two columns side by side, and a
// run of lines of three pieces or more in the body is a table.
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

/** A heading cell's wrapped line: it goes on in lower case or opens a bracket ("hỗ trợ", "(triệu đồng)"), no figure in it. */
const WRAPPED_CELL = /^[\p{Ll}(][^\p{N}]*$/u;

/**
 * The heading row with its cells' wrapped lines joined to them: rows right under it whose first cell (the row
 * number's) is empty and whose two cells or more each go on a heading cell ("Số hộ đề nghị" / "hỗ trợ").
 */
function withHeadingWrapped(rows: string[][]): string[][] {
  let r = 1;
  while (r < rows.length - 1 && !rows[r]![0] && rows[r]!.filter(Boolean).length >= 2 && rows[r]!.every((c) => !c || WRAPPED_CELL.test(c))) r++;
  if (r === 1) return rows;
  const heading = rows[0]!.map((cell, k) => rows.slice(1, r).reduce((text, row) => (row[k] ? `${text} ${row[k]}`.trim() : text), cell));
  return [heading, ...rows.slice(r)];
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
      tables.push({ start: i, end, rows: withColumnSeparators(withoutSpeckColumns(withHeadingWrapped(rows))) });
    }
    i = end;
  }
  return tables;
}
