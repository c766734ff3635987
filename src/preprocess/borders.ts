// Copier borders: dark bands along the page edges that OCR would take for text or lines.
import type { GreyImage } from '../types.js';

const EDGE_SHARE = 0.04;
const DARK = 128;
/** A row or column near the edge that is this dark is border, not text. */
const BORDER_DARK_SHARE = 0.5;

/** Whitens, in place, the rows and columns near the edges that are mostly dark. */
export function clearBorders(img: GreyImage): void {
  const { data, width, height } = img;
  const rowDark = (y: number) => {
    let n = 0;
    for (let x = 0; x < width; x++) if (data[y * width + x]! < DARK) n++;
    return n / width;
  };
  const colDark = (x: number) => {
    let n = 0;
    for (let y = 0; y < height; y++) if (data[y * width + x]! < DARK) n++;
    return n / height;
  };
  const edgeRows = Math.ceil(height * EDGE_SHARE);
  const edgeCols = Math.ceil(width * EDGE_SHARE);
  for (let y = 0; y < height; y++) {
    if (y >= edgeRows && y < height - edgeRows) continue;
    if (rowDark(y) > BORDER_DARK_SHARE) data.fill(255, y * width, (y + 1) * width);
  }
  for (let x = 0; x < width; x++) {
    if (x >= edgeCols && x < width - edgeCols) continue;
    if (colDark(x) > BORDER_DARK_SHARE) for (let y = 0; y < height; y++) data[y * width + x] = 255;
  }
}
