// Contrast: the grey levels at two percentiles stand for black and white. The page is never rewritten
// with stretched levels; a level on the stretched scale is mapped back to the page's own (levelOf), which
// gives the same ink once thresholded and saves a pass over every pixel.
import type { GreyImage } from '../types.js';

export interface LevelRange {
  /** The page's level that stretches to black. */
  low: number;
  /** The page's level that stretches to white; above low. */
  high: number;
}

/** The grey levels at the lower and upper percentiles of the image's pixels. */
export function levelRange(img: GreyImage, lowerPercentile: number, upperPercentile: number): LevelRange {
  const { data } = img;
  const histogram = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) histogram[data[i]!]!++;
  const levelAt = (percentile: number) => {
    const target = (data.length * percentile) / 100;
    let seen = 0;
    for (let v = 0; v < 256; v++) if ((seen += histogram[v]!) >= target) return v;
    return 255;
  };
  const low = levelAt(lowerPercentile);
  return { low, high: Math.max(levelAt(upperPercentile), low + 1) };
}

/** The page's grey level that a stretch of `range` would turn into `stretched` (0..255). */
export const levelOf = ({ low, high }: LevelRange, stretched: number): number => low + (stretched * (high - low)) / 255;
