// Copier borders: dark bands along the page edges that OCR would take for text or lines.
import type { GreyImage } from '../types.js';

const EDGE_SHARE = 0.04;
/** A row or column near the edge that is this dark is border, not text. */
const BORDER_DARK_SHARE = 0.5;

/**
 * The image with the rows and columns near its edges that are mostly darker than `dark` whitened: the
 * image itself when there are none, else a copy (the caller's pixels are never changed).
 */
export function withoutBorders(img: GreyImage, dark = 128): GreyImage {
  const { width, height } = img;
  let data = img.data;
  const rowDark = (y: number) => {
    let n = 0;
    for (let x = 0; x < width; x++) if (data[y * width + x]! < dark) n++;
    return n / width;
  };
  const colDark = (x: number) => {
    let n = 0;
    for (let y = 0; y < height; y++) if (data[y * width + x]! < dark) n++;
    return n / height;
  };
  const whiten = () => {
    if (data === img.data) data = Uint8Array.from(data);
    return data;
  };
  const edgeRows = Math.ceil(height * EDGE_SHARE);
  const edgeCols = Math.ceil(width * EDGE_SHARE);
  for (let y = 0; y < height; y++) {
    if (y >= edgeRows && y < height - edgeRows) continue;
    if (rowDark(y) > BORDER_DARK_SHARE) whiten().fill(255, y * width, (y + 1) * width);
  }
  for (let x = 0; x < width; x++) {
    if (x >= edgeCols && x < width - edgeCols) continue;
    if (colDark(x) > BORDER_DARK_SHARE) for (let y = 0, page = whiten(); y < height; y++) page[y * width + x] = 255;
  }
  return data === img.data ? img : { ...img, data };
}
