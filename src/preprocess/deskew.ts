// Skew estimation by projection profiles: text lines give the sharpest row histogram when the page is level.
// Runs on a small binarised copy, so it costs a few milliseconds per page.

import type { GreyImage } from '../types.js';

const DARK = 128;

function darkPixels(img: GreyImage): { xs: Int32Array; ys: Int32Array } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) if (img.data[y * img.width + x]! < DARK) (xs.push(x), ys.push(y));
  return { xs: Int32Array.from(xs), ys: Int32Array.from(ys) };
}

function profileSharpness(xs: Int32Array, ys: Int32Array, angleDeg: number, height: number): number {
  const t = Math.tan((angleDeg * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(t) * 4096) + 1;
  const bins = new Float64Array(height + 2 * offset);
  for (let i = 0; i < xs.length; i++) {
    const row = Math.round(ys[i]! - xs[i]! * t) + offset;
    if (row >= 0 && row < bins.length) bins[row]!++;
  }
  let sum = 0;
  for (let i = 1; i < bins.length; i++) sum += (bins[i]! - bins[i - 1]!) ** 2;
  return sum;
}

export interface PageLayout {
  /** Degrees (positive: text runs downhill to the right) within ±10; 0 when there is no text. */
  skew: number;
  /** The text runs up or down the page (scanned at 90 or 270 degrees). */
  sideways: boolean;
}

/** Best angle and its sharpness for text lines along one axis (xs along the line, ys across it). */
function bestAngle(xs: Int32Array, ys: Int32Array, size: number, maxDeg: number): { angle: number; score: number } {
  const search = (from: number, to: number, step: number, start: { angle: number; score: number }) => {
    let best = start;
    for (let a = from; a <= to + 1e-9; a += step) {
      const score = profileSharpness(xs, ys, a, size);
      if (score > best.score) best = { angle: a, score };
    }
    return best;
  };
  const coarse = search(-maxDeg, maxDeg, 0.5, { angle: 0, score: -1 });
  return search(coarse.angle - 0.5, coarse.angle + 0.5, 0.1, coarse);
}

/**
 * Skew and orientation by projection profiles: lines of text give the sharpest histogram across them
 * when the page is level, along the rows for an upright page and along the columns for a sideways one.
 */
export function analyseLayout(img: GreyImage, maxDeg = 10): PageLayout {
  const { xs, ys } = darkPixels(img);
  if (xs.length < 200) return { skew: 0, sideways: false };
  const rows = bestAngle(xs, ys, img.height, maxDeg);
  const columns = bestAngle(ys, xs, img.width, maxDeg);
  // Per bin, so page width and height do not weigh in.
  const sideways = columns.score / img.width > 1.5 * (rows.score / img.height);
  return { skew: sideways ? 0 : Math.round(rows.angle * 10) / 10, sideways };
}

/** Share of dark pixels: a page below a small share is blank. */
export function inkShare(img: GreyImage): number {
  let dark = 0;
  for (let i = 0; i < img.data.length; i++) if (img.data[i]! < DARK) dark++;
  return img.data.length === 0 ? 0 : dark / img.data.length;
}
