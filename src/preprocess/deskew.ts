// Skew estimation by projection profiles: text lines give the sharpest row histogram when the page is level.
// Runs on a small binarised copy, so it costs a few milliseconds per page.

export interface GreyImage {
  data: Uint8Array | Buffer;
  width: number;
  height: number;
}

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

/** Angle in degrees (positive: text runs downhill to the right) within ±maxDeg; 0 when there is no text. */
export function estimateSkew(img: GreyImage, maxDeg = 10): number {
  const { xs, ys } = darkPixels(img);
  if (xs.length < 200) return 0;
  const search = (from: number, to: number, step: number) => {
    let best = 0;
    let bestScore = -1;
    for (let a = from; a <= to + 1e-9; a += step) {
      const s = profileSharpness(xs, ys, a, img.height);
      if (s > bestScore) [best, bestScore] = [a, s];
    }
    return best;
  };
  const coarse = search(-maxDeg, maxDeg, 0.5);
  return Math.round(search(coarse - 0.5, coarse + 0.5, 0.1) * 10) / 10;
}

/**
 * True when the text runs up or down the page (scanned at 90 or 270 degrees): lines of text make the
 * row histogram of a level page far sharper than its column histogram, and the other way round when sideways.
 */
export function isSideways(img: GreyImage): boolean {
  const { xs, ys } = darkPixels(img);
  if (xs.length < 200) return false;
  const sharpness = (values: Int32Array, size: number) => {
    const bins = new Float64Array(size + 1);
    for (const v of values) bins[v]!++;
    let sum = 0;
    for (let i = 1; i < bins.length; i++) sum += (bins[i]! - bins[i - 1]!) ** 2;
    return sum / size;
  };
  return sharpness(xs, img.width) > 1.5 * sharpness(ys, img.height);
}

/** Share of dark pixels: a page below a small share is blank. */
export function inkShare(img: GreyImage): number {
  let dark = 0;
  for (let i = 0; i < img.data.length; i++) if (img.data[i]! < DARK) dark++;
  return img.data.length === 0 ? 0 : dark / img.data.length;
}
