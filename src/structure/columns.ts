// Two-column parts of a page (the header, the recipients beside the signature) that OCR read as one line:
// the word boxes show the gap between the columns, so such a line is split in two.
import type { OcrWord } from '../types.js';

/** A column gap is several letters wide; gaps between words are well under one letter height. */
const GAP_IN_HEIGHTS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Splits each line of `text` whose OCR words have a column-wide gap. Lines of the text are matched to OCR lines
 * in order; when the counts differ (the text is not this OCR's), the text is returned unchanged.
 */
export function splitColumns(text: string, words: readonly OcrWord[]): string {
  const byLine = new Map<string, OcrWord[]>();
  for (const w of words) {
    if (!w.text.trim()) continue;
    const key = `${w.page}:${w.line}`;
    byLine.set(key, [...(byLine.get(key) ?? []), w]);
  }
  const ocrLines = [...byLine.values()];
  const lines = text.split('\n');
  const filled = lines.flatMap((l, i) => (l.trim() ? [i] : []));
  if (!ocrLines.length || filled.length !== ocrLines.length) return text;
  filled.forEach((at, k) => {
    const boxes = ocrLines[k]!.sort((a, b) => a.box.x0 - b.box.x0);
    const tokens = lines[at]!.trim().split(/\s+/);
    if (tokens.length !== boxes.length || boxes.length < 2) return;
    const height = median(boxes.map((w) => w.box.y1 - w.box.y0));
    let split = -1;
    let widest = 0;
    for (let j = 1; j < boxes.length; j++) {
      const gap = boxes[j]!.box.x0 - boxes[j - 1]!.box.x1;
      if (gap > widest) [widest, split] = [gap, j];
    }
    if (widest > GAP_IN_HEIGHTS * height) lines[at] = `${tokens.slice(0, split).join(' ')}\n${tokens.slice(split).join(' ')}`;
  });
  return lines.join('\n');
}
