// Reading order of side-by-side blocks. Tesseract often reads a report's two-column header ("ỦY BAN NHÂN DÂN"
// beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and its bottom block ("Nơi nhận" beside the signature) as lines
// that run across both columns, or puts the right block first. Here a run of rows that share one wide empty
// vertical strip is read as two columns: the left one whole, then the right one; everything else keeps
// tesseract's order. Built from the word boxes only, so it holds whatever blocks tesseract found.
import type { Box, OcrWord } from '../types.js';
import { unionBox } from './layout.js';

/** A gap inside a line wider than this many line heights separates two columns. */
const SEGMENT_GAP = 2;
/** An empty strip narrower than this many line heights does not separate columns. */
const COLUMN_GAP = 2;

interface Segment {
  words: OcrWord[];
  box: Box;
  /** Position in tesseract's order. */
  index: number;
}

type Interval = [number, number];

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The median height of the words with a letter: what marks and dashes on a page are measured in (0 for none). */
export const letterWordHeight = (words: readonly OcrWord[]) => median(words.filter((w) => /\p{L}/u.test(w.text)).map((w) => w.box.y1 - w.box.y0));

/** Lines of words (tesseract's line numbers) cut where the words stand far apart. */
function segments(words: readonly OcrWord[]): Segment[] {
  const out: Segment[] = [];
  let current: OcrWord[] = [];
  const flush = () => {
    if (current.length) out.push({ words: current, box: unionBox(current.map((w) => w.box))!, index: out.length });
    current = [];
  };
  // A line's height is its tallest word's (a dash's box is a few pixels high).
  const heights = new Map<number, number>();
  for (const w of words) heights.set(w.line, Math.max(heights.get(w.line) ?? 1, w.box.y1 - w.box.y0));
  for (const word of words) {
    const last = current.at(-1);
    if (last && (last.line !== word.line || word.box.x0 - last.box.x1 > SEGMENT_GAP * heights.get(word.line)!)) flush();
    current.push(word);
  }
  flush();
  return out;
}

/** Segments grouped into rows: those whose heights overlap by half the smaller one, top to bottom. */
function rows(segs: Segment[]): Segment[][] {
  const sorted = [...segs].sort((a, b) => a.box.y0 + a.box.y1 - (b.box.y0 + b.box.y1));
  const out: { box: Box; segs: Segment[] }[] = [];
  for (const s of sorted) {
    const row = out.at(-1);
    const overlap = row ? Math.min(row.box.y1, s.box.y1) - Math.max(row.box.y0, s.box.y0) : 0;
    if (row && overlap > 0.5 * Math.min(row.box.y1 - row.box.y0, s.box.y1 - s.box.y0)) {
      row.segs.push(s);
      row.box = unionBox([row.box, s.box])!;
    } else out.push({ box: { ...s.box }, segs: [s] });
  }
  return out.map((r) => r.segs.sort((a, b) => a.box.x0 - b.box.x0));
}

/**
 * A segment that counts as text: a word of two letters or more read with some confidence. The strokes of a
 * signature or the rest of a seal read as "—¬1uauL——=" or "!" and may cross the strip between the columns.
 */
const solid = (s: Segment) => s.words.some((w) => w.confidence >= SOLID_CONFIDENCE && /\p{L}{2}/u.test(w.text));
const SOLID_CONFIDENCE = 50;

/** The parts of [from, to] that no solid segment of the row covers. */
function freeStrips(row: Segment[], from: number, to: number): Interval[] {
  const free: Interval[] = [];
  let x = from;
  for (const s of row.filter(solid)) {
    if (s.box.x0 > x) free.push([x, s.box.x0]);
    x = Math.max(x, s.box.x1);
  }
  if (x < to) free.push([x, to]);
  return free;
}

function intersect(a: Interval[], b: Interval[], min: number): Interval[] {
  const out: Interval[] = [];
  for (const [a0, a1] of a) for (const [b0, b1] of b) if (Math.min(a1, b1) - Math.max(a0, b0) >= min) out.push([Math.max(a0, b0), Math.min(a1, b1)]);
  return out;
}

/**
 * The page's words in reading order, with their lines renumbered, and the page text rebuilt from them; null
 * when no run of rows splits into two columns (tesseract's order and text are then kept as they are).
 */
export function readingOrder(words: readonly OcrWord[]): { words: OcrWord[]; text: string } | null {
  const segs = segments(words);
  if (segs.length < 2) return null;
  const lineHeight = median(segs.map((s) => s.box.y1 - s.box.y0));
  const minGap = COLUMN_GAP * lineHeight;
  const left = Math.min(...segs.map((s) => s.box.x0));
  const right = Math.max(...segs.map((s) => s.box.x1));
  // Rows of one column, in order; a column of a side-by-side pair stands apart from what is around it by a blank line.
  const isInner = ([a, b]: Interval) => a > left && b < right;
  const ordered: { segs: Segment[]; column: boolean }[] = [];
  let split = false;
  let run: Segment[][] = [];
  let strips: Interval[] = [];
  const close = () => {
    // Two columns: one strip shared by every row of the run, with text on both sides in two rows or more
    // (a table's three columns leave two strips, and its rows stay rows).
    // Inner strips only: the margin beside a run of short lines is no gap between columns.
    const inner = strips.filter(isInner);
    const both = inner.length === 1 ? run.filter((r) => r.some((s) => solid(s) && s.box.x1 <= inner[0]![0]) && r.some((s) => solid(s) && s.box.x0 >= inner[0]![1])).length : 0;
    if (run.length >= 2 && both >= 2) {
      const cut = (inner[0]![0] + inner[0]![1]) / 2;
      const all = run.flat();
      const onLeft = (s: Segment) => s.box.x0 + s.box.x1 < 2 * cut;
      ordered.push({ segs: all.filter(onLeft), column: true }, { segs: all.filter((s) => !onLeft(s)), column: true });
      split = true;
    } else for (const r of run) ordered.push({ segs: r, column: false });
    run = [];
    strips = [];
  };
  for (const row of rows(segs)) {
    const free = freeStrips(row, left, right).filter(([a, b]) => b - a >= minGap);
    const shared = run.length ? intersect(strips, free, minGap) : free;
    // A run ends where no strip is left, where its gap between columns closes (a margin strip may go on), or
    // where a row opens a gap the run cannot share (the line above the columns reached across).
    if (run.length && (shared.length === 0 || ((strips.some(isInner) || free.some(isInner)) && !shared.some(isInner)))) close();
    strips = run.length === 0 ? free : shared;
    run.push(row);
  }
  close();
  if (!split) return null;
  const out: OcrWord[] = [];
  const lines: string[] = [];
  let apart = false;
  for (const group of ordered) {
    if (lines.length && (group.column || apart)) lines.push('');
    apart = group.column;
    for (const seg of group.segs) {
      const line = lines.length;
      for (const w of seg.words) out.push({ ...w, line });
      lines.push(seg.words.map((w) => w.text).join(' '));
    }
  }
  return { words: out, text: `${lines.join('\n')}\n` };
}
