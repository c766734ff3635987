// A word's ink cut into glyphs: runs of columns with ink, where the marks OCR lost or misread are told apart.
import type { GreyImage } from '../types.js';
import { INK } from './fillins.js';

/** A run of columns with ink in a word's cut, and the rows its ink spans. */
export interface Glyph {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** The runs of inked columns of `image` in the box (x0..x1, y0..y1, exclusive ends). */
export function glyphsIn(image: GreyImage, x0: number, y0: number, x1: number, y1: number): Glyph[] {
  const glyphs: Glyph[] = [];
  let open: Glyph | null = null;
  for (let x = x0; x < x1; x++) {
    let [top, bottom] = [-1, -1];
    for (let y = y0; y < y1; y++) {
      if (image.data[y * image.width + x]! < INK) {
        if (top < 0) top = y;
        bottom = y;
      }
    }
    if (top < 0) {
      if (open) glyphs.push(open), (open = null);
      continue;
    }
    if (open) (open.x1 = x + 1), (open.top = Math.min(open.top, top)), (open.bottom = Math.max(open.bottom, bottom));
    else open = { x0: x, x1: x + 1, top, bottom };
  }
  if (open) glyphs.push(open);
  return glyphs;
}
