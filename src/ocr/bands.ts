// One page read by several OCR workers at once: the page is cut into horizontal bands at blank rows, each
// band is read on its own, and the results are put back together. Worth it only when workers would
// otherwise sit idle (a single page asked for on a machine with more cores), so the caller decides.
import type { GreyImage } from '../types.js';
import type { OcrEngine, RecognizedPage } from './engine.js';
import { encodePnm } from './pnm.js';

/** A cut is looked for this far (share of the page height) either side of where it ideally falls. */
const CUT_WINDOW = 0.12;
/** A gap narrower than this many blank rows may be the space inside a line (between accents and letters). */
const MIN_GAP_ROWS = 8;

/** Rows (in pixels from the top) at which to cut a binarised page into at most `count` bands. */
export function bandCuts({ data, width, height }: GreyImage, count: number): number[] {
  const blank = (y: number) => {
    for (let x = 0, i = y * width; x < width; x++, i++) if (data[i]! < 128) return false;
    return true;
  };
  const rowBlank = Array.from({ length: height }, (_, y) => blank(y));
  const cuts: number[] = [];
  for (let k = 1; k < count; k++) {
    const ideal = Math.round((height * k) / count);
    const window = Math.round(height * CUT_WINDOW);
    // The middle of the blank run nearest the ideal row, among runs wide enough to lie between lines.
    let best: number | undefined;
    for (let y = Math.max(0, ideal - window); y < Math.min(height, ideal + window); ) {
      if (!rowBlank[y]) {
        y++;
        continue;
      }
      let end = y;
      while (end < height && rowBlank[end]) end++;
      const middle = Math.floor((y + end) / 2);
      if (end - y >= MIN_GAP_ROWS && (best === undefined || Math.abs(middle - ideal) < Math.abs(best - ideal))) best = middle;
      y = end;
    }
    if (best !== undefined && best > (cuts.at(-1) ?? 0)) cuts.push(best);
  }
  return cuts;
}

/** Reads a page in up to `bands` parts at once; words keep their place on the whole page. */
export async function recognizeInBands(engine: OcrEngine, pixels: GreyImage, bilevel: boolean, page: number, bands: number): Promise<RecognizedPage> {
  const cuts = bands > 1 ? bandCuts(pixels, bands) : [];
  if (cuts.length === 0) return engine.recognize(encodePnm(pixels, bilevel), page);
  const { data, width, height } = pixels;
  const edges = [0, ...cuts, height];
  const parts = await Promise.all(
    edges.slice(1).map(async (bottom, i) => {
      const top = edges[i]!;
      const band = { data: data.subarray(top * width, bottom * width), width, height: bottom - top };
      return { top, result: await engine.recognize(encodePnm(band, bilevel), page) };
    }),
  );
  let lines = 0;
  const words = parts.flatMap(({ top, result }) => {
    const shifted = result.words.map((w) => ({ ...w, line: w.line + lines, box: { ...w.box, y0: w.box.y0 + top, y1: w.box.y1 + top } }));
    lines = (shifted.at(-1)?.line ?? lines - 1) + 1;
    return shifted;
  });
  const confidence = words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0;
  return { text: parts.map((p) => p.result.text.replace(/\n+$/, '\n')).join('\n'), words, confidence };
}
