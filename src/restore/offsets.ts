// Offsets in the input text -> line/column of a change, and -> the OCR confidence of the word there.

/** Index of the last start at or before offset (starts ascending, starts[0] <= offset). */
function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Maps offsets to 0-based line and column, with one pass over the text to find line starts. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const line = lastAtOrBefore(starts, offset);
    return { line, column: offset - starts[line]! };
  };
}

/** Order of changes (or anything at a line and column): as they stand in the text. */
export const inTextOrder = (x: { line: number; column: number }, y: { line: number; column: number }) => x.line - y.line || x.column - y.column;

/** The OCR confidence of the whitespace-separated word at an offset; undefined when unknown. */
export function wordConfidences(text: string, confidences: number[] | undefined): (offset: number) => number | undefined {
  if (!confidences?.length) return () => undefined;
  const starts: number[] = [];
  for (const m of text.matchAll(/\S+/g)) starts.push(m.index!);
  return (offset) => (starts.length ? confidences[lastAtOrBefore(starts, offset)] : undefined);
}
