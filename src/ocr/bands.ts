// One page read by several OCR workers at once: the page is cut into horizontal bands at blank rows, each
// band is read on its own, and the results are put back together. Worth it only when workers would
// otherwise sit idle (a single page, the last page of a short document), so the caller decides.
import type { GreyImage } from '../types.js';
import type { OcrEngine, RecognizedPage } from './engine.js';
import { encodePnm } from './pnm.js';

/** A cut is looked for this far (share of the page height) either side of where it ideally falls. */
const CUT_WINDOW = 0.12;
/** A gap narrower than this many blank rows may be the space inside a line (between accents and letters). */
const MIN_GAP_ROWS = 8;

/**
 * Rows (in pixels from the top) at which to cut a binarised page into at most `count` bands. Each cut aims at
 * an equal share of the ink rather than of the height: reading time follows the amount of text, and a page's
 * text is rarely spread evenly (a header block, a half-empty last page), so equal heights leave one worker
 * idle while the other finishes.
 */
export function bandCuts({ data, width, height }: GreyImage, count: number): number[] {
  const inkOfRow = new Uint32Array(height);
  for (let y = 0, i = 0; y < height; y++) {
    let ink = 0;
    for (const end = i + width; i < end; i++) if (data[i]! < 128) ink++;
    inkOfRow[y] = ink;
  }
  const totalInk = inkOfRow.reduce((sum, ink) => sum + ink, 0);
  const window = Math.round(height * CUT_WINDOW);
  const cuts: number[] = [];
  for (let k = 1, y = 0, inkAbove = 0; k < count; k++) {
    // The rows above which k/count of the ink lies (a stretch when that share ends at a blank gap): its middle.
    const share = (totalInk * k) / count;
    while (y < height && inkAbove + inkOfRow[y]! < share) inkAbove += inkOfRow[y++]!;
    let end = y;
    for (let ink = inkAbove; end < height && ink + inkOfRow[end]! <= share; end++) ink += inkOfRow[end]!;
    const ideal = Math.floor((y + end) / 2);
    // The middle of the blank run nearest the ideal row, among runs wide enough to lie between lines.
    let best: number | undefined;
    for (let r = Math.max(0, ideal - window); r < Math.min(height, ideal + window); ) {
      if (inkOfRow[r]) {
        r++;
        continue;
      }
      let end = r;
      while (end < height && !inkOfRow[end]) end++;
      const middle = Math.floor((r + end) / 2);
      if (end - r >= MIN_GAP_ROWS && (best === undefined || Math.abs(middle - ideal) < Math.abs(best - ideal))) best = middle;
      r = end;
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
  let blocks = 0;
  const words = parts.flatMap(({ top, result }) => {
    // Lines and blocks are numbered on from the band above, so they stay unique on the page.
    const shifted = result.words.map((w) => ({ ...w, line: w.line + lines, block: (w.block ?? 0) + blocks, box: { ...w.box, y0: w.box.y0 + top, y1: w.box.y1 + top } }));
    lines = (shifted.at(-1)?.line ?? lines - 1) + 1;
    blocks = shifted.at(-1)?.block ?? blocks;
    return shifted;
  });
  const confidence = words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0;
  return { text: parts.map((p) => p.result.text.replace(/\n+$/, '\n')).join('\n'), words, confidence };
}
