// A handwritten digit, classified: a small network (one hidden layer) learned from MNIST by
// scripts/learn-digits.ts. tesseract's Vietnamese model reads a handwritten "15" as "{5" and a "04" as "O†": the
// fill-ins of a printed form (the number after "Số:", the day after "ngày") are read here instead.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Side of the square a digit is classified in, and of the box it is fitted in (MNIST's 28 and 20). */
export const SIDE = 28;
const FIT = 20;

export interface DigitNet {
  hidden: number;
  /** hidden × SIDE², then hidden biases, then 10 × hidden, then 10 biases. */
  weights: Float32Array;
}

/**
 * An ink map (0 paper to 1 ink, `width` × `height`) as MNIST's digits are drawn: the ink's bounding box scaled to
 * fit 20×20 keeping its shape (each pixel the mean of the ink it covers), then placed in 28×28 with its centre of
 * mass at the middle. Null when the map holds no ink.
 */
export function normalizeDigit(ink: Float32Array, width: number, height: number): Float32Array | null {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > 0.2) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  if (x1 < 0) return null;
  const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
  const scale = FIT / Math.max(w, h);
  const [fw, fh] = [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale))];
  const fitted = new Float32Array(fw * fh);
  let [mass, mx, my] = [0, 0, 0];
  for (let ty = 0; ty < fh; ty++) {
    const [sy0, sy1] = [y0 + Math.floor((ty * h) / fh), y0 + Math.max(Math.floor((ty * h) / fh) + 1, Math.floor(((ty + 1) * h) / fh))];
    for (let tx = 0; tx < fw; tx++) {
      const [sx0, sx1] = [x0 + Math.floor((tx * w) / fw), x0 + Math.max(Math.floor((tx * w) / fw) + 1, Math.floor(((tx + 1) * w) / fw))];
      let sum = 0;
      for (let y = sy0; y < sy1; y++) for (let x = sx0; x < sx1; x++) sum += ink[y * width + x]!;
      const v = sum / ((sy1 - sy0) * (sx1 - sx0));
      fitted[ty * fw + tx] = v;
      mass += v;
      mx += v * tx;
      my += v * ty;
    }
  }
  const out = new Float32Array(SIDE * SIDE);
  const [dx, dy] = [Math.round(SIDE / 2 - 0.5 - mx / mass), Math.round(SIDE / 2 - 0.5 - my / mass)];
  for (let ty = 0; ty < fh; ty++) {
    for (let tx = 0; tx < fw; tx++) {
      const [x, y] = [tx + dx, ty + dy];
      if (x >= 0 && y >= 0 && x < SIDE && y < SIDE) out[y * SIDE + x] = fitted[ty * fw + tx]!;
    }
  }
  return out;
}

/** The ten digits' probabilities for a normalised digit. */
export function classifyDigit(net: DigitNet, input: Float32Array): Float64Array {
  const { hidden, weights } = net;
  const n = SIDE * SIDE;
  const h = new Float64Array(hidden);
  for (let j = 0; j < hidden; j++) {
    let sum = weights[hidden * n + j]!;
    const row = j * n;
    for (let i = 0; i < n; i++) sum += weights[row + i]! * input[i]!;
    h[j] = sum > 0 ? sum : 0;
  }
  const out = hidden * n + hidden;
  const logits = new Float64Array(10);
  for (let k = 0; k < 10; k++) {
    let sum = weights[out + 10 * hidden + k]!;
    for (let j = 0; j < hidden; j++) sum += weights[out + k * hidden + j]! * h[j]!;
    logits[k] = sum;
  }
  const top = Math.max(...logits);
  let total = 0;
  for (let k = 0; k < 10; k++) total += logits[k] = Math.exp(logits[k]! - top);
  for (let k = 0; k < 10; k++) logits[k]! /= total;
  return logits;
}

export const DIGITS_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dictionaries/digits.json');

let shipped: DigitNet | null = null;
/** The shipped network, read once. */
export function digitNet(): DigitNet {
  if (!shipped) {
    const { hidden, weights } = JSON.parse(readFileSync(DIGITS_MODEL, 'utf8')) as { hidden: number; weights: string };
    const bytes = Buffer.from(weights, 'base64');
    // Copied out: a decoded Buffer may sit at an offset a Float32Array cannot start at.
    shipped = { hidden, weights: new Float32Array(new Uint8Array(bytes).buffer) };
  }
  return shipped;
}
