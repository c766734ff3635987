// 8-bit linear quantisation of log-probabilities and backoff weights (256 levels between a table's min and max).

export interface Quantizer {
  min: number;
  step: number;
}

export function makeQuantizer(values: ArrayLike<number>): Quantizer {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  if (!Number.isFinite(min)) return { min: 0, step: 1 };
  return { min, step: max > min ? (max - min) / 255 : 1 };
}

export function quantize(values: ArrayLike<number>, q: Quantizer): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round((values[i]! - q.min) / q.step);
  return out;
}

export function dequantTable(q: Quantizer): Float32Array {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) t[i] = q.min + i * q.step;
  return t;
}
