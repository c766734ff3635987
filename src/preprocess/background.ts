// Uneven paper: a lighting gradient, vignetting, a shadow along the spine. One threshold for the whole page
// then turns the dark side into solid ink or the light side's text into paper. The paper's own level is
// estimated on a small copy of the page, cell by cell, and the page divided by it: paper becomes white
// everywhere and ink keeps its contrast to the paper around it.
import type { GreyImage } from '../types.js';

/** Cell side, in pixels of the small copy (about 120 per inch): a few letters wide, so each cell holds paper. */
const CELL = 16;
/** Percentile of a cell's pixels taken as its paper. */
const PAPER_PERCENTILE = 0.9;
/**
 * A cell darker than this share of the page's typical paper is not paper (solid ink, a copier border, which
 * borders.ts clears): it takes the typical level, so it stays as dark as it is.
 */
const MIN_PAPER_SHARE = 0.35;
/** Paper within this share of the page's typical paper everywhere: even, left as it is. */
const EVEN_SHARE = 0.12;

export interface Background {
  /** Paper level per cell, row by row. */
  cells: Float32Array;
  columns: number;
  rows: number;
  /** Size of the image the cells were measured on. */
  width: number;
  height: number;
}

/** Paper level of each cell of the small copy: a high percentile, then the lightest of each 3×3 neighbourhood. */
export function paperLevels({ data, width, height }: GreyImage): Background {
  const columns = Math.max(1, Math.ceil(width / CELL));
  const rows = Math.max(1, Math.ceil(height / CELL));
  const raw = new Float32Array(columns * rows);
  const histogram = new Uint32Array(64);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      histogram.fill(0);
      let count = 0;
      for (let y = r * CELL; y < Math.min(height, (r + 1) * CELL); y++)
        for (let x = c * CELL, i = y * width + x; x < Math.min(width, (c + 1) * CELL); x++, i++, count++) histogram[data[i]! >> 2]!++;
      let seen = 0;
      let bin = 0;
      while (bin < 63 && (seen += histogram[bin]!) < count * PAPER_PERCENTILE) bin++;
      raw[r * columns + c] = bin * 4 + 2;
    }
  const typical = Float32Array.from(raw).sort()[raw.length >> 1]!;
  for (let i = 0; i < raw.length; i++) if (raw[i]! < typical * MIN_PAPER_SHARE) raw[i] = typical;
  // The lightest neighbour: a cell that is mostly ink (a bold heading, a table rule) takes the paper beside it.
  const cells = new Float32Array(raw.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      let best = 0;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < rows && cc >= 0 && cc < columns) best = Math.max(best, raw[rr * columns + cc]!);
        }
      cells[r * columns + c] = best;
    }
  return { cells, columns, rows, width, height };
}

/** Whether the paper is about as light everywhere (most pages): then the page is read as it is. */
export function isEven({ cells }: Background): boolean {
  const sorted = Float32Array.from(cells).sort();
  const low = sorted[Math.floor(sorted.length * 0.05)]!;
  const high = sorted[Math.floor(sorted.length * 0.95)]!;
  return low >= high * (1 - EVEN_SHARE);
}

/** The image divided by its paper level (interpolated between cell centres), scaled so paper is white. */
export function flatten(img: GreyImage, bg: Background): GreyImage {
  const { data, width, height } = img;
  const out = Buffer.allocUnsafe(width * height);
  const sx = bg.width / width / CELL;
  const sy = bg.height / height / CELL;
  const rowLevels = new Float32Array(bg.columns);
  for (let y = 0; y < height; y++) {
    // Cell-centre coordinates of this row, clamped at the edges.
    const cy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), bg.rows - 1);
    const r0 = Math.floor(cy);
    const r1 = Math.min(r0 + 1, bg.rows - 1);
    const fy = cy - r0;
    for (let c = 0; c < bg.columns; c++) rowLevels[c] = bg.cells[r0 * bg.columns + c]! * (1 - fy) + bg.cells[r1 * bg.columns + c]! * fy;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const cx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), bg.columns - 1);
      const c0 = cx | 0;
      const c1 = c0 + 1 < bg.columns ? c0 + 1 : c0;
      const paper = rowLevels[c0]! + (rowLevels[c1]! - rowLevels[c0]!) * (cx - c0);
      const v = (data[i]! * 255) / paper;
      out[i] = v > 255 ? 255 : v;
    }
  }
  return { ...img, data: out };
}
