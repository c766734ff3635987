// Pages cross to the OCR worker as PNM, which leptonica reads without a codec: no deflate on the way out
// and no inflate in WebAssembly on the way in. A bilevel page goes as 1-bit PBM, which also spares
// tesseract its own thresholding (it binarises any page deeper than one bit).
import type { GreyImage } from '../types.js';

/** P4 (one bit a pixel, 1 = ink) for a page of only 0 and 255, else P5 (8-bit grey). */
export function encodePnm(img: GreyImage, bilevel: boolean): Buffer {
  const { data, width, height } = img;
  if (!bilevel) return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), data]);
  const header = Buffer.from(`P4\n${width} ${height}\n`);
  const rowBytes = Math.ceil(width / 8);
  const out = Buffer.alloc(header.length + rowBytes * height);
  header.copy(out);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const base = header.length + y * rowBytes;
    for (let x = 0; x < width; x++) if (data[row + x] === 0) out[base + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return out;
}
