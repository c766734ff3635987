// Tables whose columns OCR ran together with single spaces ("Bình Chánh 4 62 60"): the figures are the columns,
// one token each, and what comes before them is the row's name; a heading row above them ("Xã Số trường Phòng
// học") parts at its capitals when that gives one cell a column.
import { afterPageBreak, type TextTable } from './layout.js';

/** A figure cell: a count, a share, an amount ("62", "95%", "1.250", "3,5"). */
const FIGURE = /^\d[\d.,]*%?$/;
/** A running number in a first "STT" column. */
const INDEX = /^\d{1,3}\.?$/;
/** Longest name a row starts with, in characters: longer is a sentence that ends in numbers. */
const MAX_NAME = 50;

/** A line's tokens, how many figures end it (two or more), and whether a running number starts it; null if none. */
interface FlatLine {
  tokens: string[];
  trailing: number;
  indexed: boolean;
}

function lineOf(line: string): FlatLine | null {
  // A figure ends in one of these: most lines (prose) do not, and are not split.
  if (!/[\d.,%]/.test(line.trimEnd().slice(-1))) return null;
  const tokens = line.trim().split(/\s+/);
  let k = tokens.length;
  while (k > 0 && FIGURE.test(tokens[k - 1]!)) k--;
  if (tokens.length - k < 2 || k === 0) return null;
  return { tokens, trailing: tokens.length - k, indexed: k > 1 && INDEX.test(tokens[0]!) };
}

/**
 * A line's cells with `figures` figure columns: its running number, its name, its figures. A name may end in a
 * number ("Thôn 1 42 3" under two figure columns is "Thôn 1", 42, 3). Null when the name is no name.
 */
function cellsOf({ tokens, indexed }: FlatLine, figures: number): string[] | null {
  const from = indexed ? 1 : 0;
  const name = tokens.slice(from, tokens.length - figures).join(' ');
  // A name is words, not a clause: it starts with a capital, has no sentence punctuation, and is short.
  if (!/^\p{Lu}/u.test(name) || name.length > MAX_NAME || /[.;:!?]/.test(name)) return null;
  return [...(indexed ? [tokens[0]!.replace(/\.$/, '')] : []), name, ...tokens.slice(tokens.length - figures)];
}

/** The heading row's cells: a new cell at each capitalised word, when that gives `columns` cells. */
function headingCells(line: string, columns: number): string[] | null {
  if (/[.;:!?]$/.test(line.trim()) || /\d/.test(line)) return null;
  const cells: string[] = [];
  for (const word of line.trim().split(/\s+/)) {
    if (/^\p{Lu}/u.test(word) || !cells.length) cells.push(word);
    else cells[cells.length - 1] += ` ${word}`;
  }
  return cells.length === columns ? cells : null;
}

/**
 * Tables among `lines` whose cells are apart by single spaces: two rows running or more, outside `taken` lines,
 * with as many figures each, and a row of column names right above them where it parts into as many cells.
 * A first column of running numbers (a row's number before its name) is a column of its own.
 */
export function findFlatTables(lines: readonly string[], taken: (i: number) => boolean): TextTable[] {
  const tables: TextTable[] = [];
  for (let i = 0; i < lines.length; ) {
    const first = taken(i) ? null : lineOf(lines[i]!);
    if (!first) {
      i++;
      continue;
    }
    const run = [first];
    let end = i + 1;
    for (; end < lines.length && !taken(end); end++) {
      let next = lineOf(lines[end]!);
      // A table the page broke goes on under the next page's number.
      const after = next ? end : afterPageBreak(lines, end);
      if (!next && after > end && after < lines.length && !taken(after)) (next = lineOf(lines[after]!)), (end = after);
      if (!next || next.indexed !== first.indexed) break;
      run.push(next);
    }
    // The figure columns are the fewest figures a row ends with; the rest of a longer row's belong to its name.
    const figures = Math.min(...run.map((l) => l.trailing));
    const cells = run.map((l) => cellsOf(l, figures));
    if (run.length >= 2 && cells.every((c) => c !== null)) {
      const rows = cells as string[][];
      const heading = i > 0 && !taken(i - 1) ? headingCells(lines[i - 1]!, rows[0]!.length) : null;
      tables.push({ start: heading ? i - 1 : i, end, rows: heading ? [heading, ...rows] : rows });
    }
    i = end;
  }
  return tables;
}
