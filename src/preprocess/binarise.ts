// Resample, deskew and threshold a grey page in one pass over the output pixels. Done in sharp this took
// three pipelines (stretch, resize, rotate + threshold) and up to half a second of CPU a page; one pass
// with bilinear sampling takes a fraction of that at the same CER on the dev pages.
import type { Box, GreyImage } from '../types.js';

export interface BinariseOptions {
  /** Output size over input size. */
  scale: number;
  /** Degrees the page is skewed by (positive: text runs downhill to the right); the output is turned back. */
  skewDeg: number;
  /** Grey level of the input below which a sampled pixel is ink. */
  threshold: number;
  /** Only this box of the output page (inside it, in its coordinates), instead of all of it. */
  region?: Box;
}

const INK = 0;
const PAPER = 255;

/**
 * 0/255 pixels of the page scaled and turned back by its skew about its centre; the canvas grows to hold
 * the turned page, and what falls outside the input is paper.
 */
export function binarise(src: GreyImage, { scale, skewDeg, threshold, region }: BinariseOptions): GreyImage {
  const { data, width, height } = src;
  const rad = (skewDeg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const outWidth = Math.max(1, Math.round((width * Math.abs(cos) + height * Math.abs(sin)) * scale));
  const outHeight = Math.max(1, Math.round((width * Math.abs(sin) + height * Math.abs(cos)) * scale));
  const { x0: left, y0: top, x1: right, y1: bottom } = region ?? { x0: 0, y0: 0, x1: outWidth, y1: outHeight };
  const [w, h] = [right - left, bottom - top];
  const out = Buffer.allocUnsafe(w * h);
  if (skewDeg === 0 && outWidth === width && outHeight === height) {
    for (let y = 0; y < h; y++) for (let x = 0, i = (top + y) * width + left, o = y * w; x < w; x++) out[o++] = data[i++]! < threshold ? INK : PAPER;
    return { data: out, width: w, height: h };
  }
  // Output pixel centre (x, y) samples the input at centre + R(skew) * ((x, y) - outCentre) / scale.
  const step = 1 / scale;
  const dxdx = cos * step;
  const dydx = sin * step;
  const dxdy = -sin * step;
  const dydy = cos * step;
  const inCx = width / 2 - 0.5;
  const inCy = height / 2 - 0.5;
  const outCx = outWidth / 2 - 0.5;
  const outCy = outHeight / 2 - 0.5;
  const maxX = width - 1;
  const maxY = height - 1;
  for (let y = top; y < bottom; y++) {
    let sx = inCx + (left - outCx) * dxdx + (y - outCy) * dxdy;
    let sy = inCy + (left - outCx) * dydx + (y - outCy) * dydy;
    let o = (y - top) * w;
    for (let x = left; x < right; x++, sx += dxdx, sy += dydx, o++) {
      // Within half a pixel of the input's edge the edge pixel itself is read; beyond that is paper.
      if (sx < -0.5 || sy < -0.5 || sx > maxX + 0.5 || sy > maxY + 0.5) {
        out[o] = PAPER;
        continue;
      }
      const cx = sx < 0 ? 0 : sx > maxX ? maxX : sx;
      const cy = sy < 0 ? 0 : sy > maxY ? maxY : sy;
      const x0 = cx | 0;
      const y0 = cy | 0;
      const i = y0 * width + x0;
      // At the last row or column the neighbour is the pixel itself.
      const right = x0 < maxX ? 1 : 0;
      const down = y0 < maxY ? width : 0;
      const a = data[i]!;
      const b = data[i + right]!;
      const c = data[i + down]!;
      const d = data[i + down + right]!;
      // Interpolated only where the four neighbours disagree: a blend of levels on one side of the threshold
      // stays there, and most of a page is plain paper.
      const light = (a >= threshold ? 1 : 0) + (b >= threshold ? 1 : 0) + (c >= threshold ? 1 : 0) + (d >= threshold ? 1 : 0);
      if (light === 4) out[o] = PAPER;
      else if (light === 0) out[o] = INK;
      else {
        const fx = cx - x0;
        const top = a + (b - a) * fx;
        const bottom = c + (d - c) * fx;
        out[o] = top + (bottom - top) * (cy - y0) < threshold ? INK : PAPER;
      }
    }
  }
  return { data: out, width: w, height: h };
}
