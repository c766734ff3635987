// Hard-wrapped lines back into paragraphs.
import { isUpperLine } from './patterns.js';

const BULLET = /^\s*[-–•+*]\s+/;
/** An en or em dash opening a line: a bullet, or the dash of a name a line wrapped at ("Văn hóa – Xã hội"). */
const DASH_AFTER_WRAP = /^[–—]\s/;
const HEADING = /^\s*(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|Điều\s+\d+\.)\s+/u;
const PAGE_NUMBER = /^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*(?:trang|page)\s+\d+(?:\s*\/\s*\d+)?\s*$/i;
/** A line ending in a hyphen joined to a code or a word fragment: "142-" + "BC/BTGDVTU". */
const HYPHEN_END = /[\p{L}\p{N}]-$/u;
/** Longer than this, a numbered line is the start of a numbered paragraph rather than a heading. */
const HEADING_ALONE = 60;
const CODE_START = /^[\p{Lu}\p{N}][\p{Lu}\p{N}/.-]*(?=[\s,.;:)]|$)/u;

export function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.test(line);
}

/**
 * Short lines that come back page after page (a running header or footer): every time at the edge of a block
 * (beside a blank line, a page number or the ends of the text), where pages meet. A line repeated inside
 * running text (a table row, a stock phrase) or ending a sentence begun above it is body and stays.
 */
function runningLines(lines: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  const inside = new Set<string>();
  const isEdge = (i: number) => i < 0 || i >= lines.length || !lines[i]!.trim() || isPageNumber(lines[i]!);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    // A line that starts in lower case carries on a sentence: running headers and footers do not.
    if (line.length < 12 || line.length > 80 || BULLET.test(line) || HEADING.test(line) || /^\p{Ll}/u.test(line)) return;
    counts.set(line, (counts.get(line) ?? 0) + 1);
    if (!isEdge(i - 1) && !isEdge(i + 1)) inside.add(line);
  });
  return new Set([...counts].filter(([line, n]) => n >= 2 && !inside.has(line)).map(([line]) => line));
}

/**
 * Columns past the text's margin from which a line starting in capitals starts a paragraph: a laid-out page sets
 * a paragraph's first line (and a heading) in, six columns or so, and its wrapped lines back at the margin, which
 * a page rebuilt from OCR's boxes gives up to three columns off ("   NHCSXH, nhất là…").
 */
const INDENT = 4;
const indentOf = (line: string) => line.length - line.trimStart().length;
/** A paragraph that has not ended its sentence runs on over a page break. */
const SENTENCE_END = /[.;:!?]["”)]?$/;

/**
 * Joins wrapped lines; a bullet, a numbered heading, a blank line or, in laid-out text, a line set in from the
 * margin starts a new paragraph. Page numbers are dropped, and a sentence runs on across the blank lines
 * around one, or across blank lines before a line in lower case.
 */
export function reflow(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  const running = runningLines(lines);
  // The paragraph's lines, joined when it ends: testing its end on one growing string took time squared in its length.
  const parts: string[] = [];
  const endsInHyphen = () => parts.length > 0 && HYPHEN_END.test(parts[parts.length - 1]!);
  let currentCaps = false;
  /** The current paragraph is a heading line alone: a short numbered line that does not run on ("1. Kết quả"). */
  let headingAlone = false;
  const flush = () => {
    const current = parts.join('').trim();
    // Runs of spaces or tabs become one space; most paragraphs have none to replace.
    if (current) paragraphs.push(current.includes('  ') || current.includes('\t') ? current.replace(/[ \t]+/g, ' ') : current);
    parts.length = 0;
  };
  let margin = Infinity;
  for (const l of lines) if (l.trim() && !isPageNumber(l)) margin = Math.min(margin, indentOf(l));
  /** The nearest line from `i` on in the direction of `step` that is not blank, if any. */
  const nextLine = (i: number, step: number) => {
    let k = i + step;
    while (k >= 0 && k < lines.length && !lines[k]!.trim()) k += step;
    return lines[k]?.trim();
  };
  /**
   * Whether the sentence runs on over the blank line at `i`: the break between two pages (a form feed, a page number
   * beside it, blank lines apart), or the next line carries the sentence on in lower case (an OCR'd page's last line and the
   * next page's first, with no page number read).
   */
  const runsOver = (i: number) =>
    lines[i]!.includes('\f') || [nextLine(i, -1), nextLine(i, 1)].some((l) => l !== undefined && isPageNumber(l)) || /^\p{Ll}/u.test(nextLine(i, 1) ?? '');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (/^-{3,}$|^_{3,}$|^\*{3,}$/.test(line)) {
      flush();
      continue;
    }
    if (isPageNumber(line) || running.has(line)) continue;
    // A table's mark is a paragraph of its own, whatever runs on around it.
    if (line.startsWith('\u0001')) {
      flush();
      parts.push(line);
      flush();
      continue;
    }
    // A code split at its hyphen stays one code even across a blank line or a page break.
    if (endsInHyphen() && CODE_START.test(line)) {
      parts.push(line);
      continue;
    }
    if (!line) {
      const runsOn = parts.length > 0 && !SENTENCE_END.test(parts[parts.length - 1]!) && runsOver(i);
      if (!endsInHyphen() && !runsOn) flush();
      continue;
    }
    // "… lãnh đạo Ban Văn hóa" / "– Xã hội, Ban Dân tộc …": a dash that a line wrapped before, mid-name, in running
    // text that has not ended a phrase, is no bullet (a list's items follow a colon or a bullet of their own).
    if (DASH_AFTER_WRAP.test(line) && parts.length > 0 && !BULLET.test(parts[0]!) && !HEADING.test(parts[0]!) && /[\p{L}\p{N}]$/u.test(parts[parts.length - 1]!)) {
      parts.push(` ${line}`);
      continue;
    }
    const indented = parts.length > 0 && indentOf(raw) >= margin + INDENT && /^\p{Lu}/u.test(line);
    // A line in capitals is a heading (its dot may be lost to OCR): it neither joins nor is joined by running text.
    const caps = isUpperLine(line) && /\s/.test(line);
    // After a heading alone, a line starting in capitals begins its text: "1. Đánh giá tiến độ" / "Trong tuần …".
    if (BULLET.test(line) || HEADING.test(line) || indented || (parts.length > 0 && caps !== currentCaps) || (headingAlone && /^\p{Lu}/u.test(line))) {
      flush();
      parts.push(line);
      currentCaps = caps;
      headingAlone = HEADING.test(line) && line.length < HEADING_ALONE && !/[,;:.]$/.test(line);
      continue;
    }
    headingAlone = false;
    if (parts.length === 0) currentCaps = caps;
    parts.push(parts.length > 0 ? ` ${line}` : line);
  }
  flush();
  return paragraphs;
}
