// A handwritten digit, classified: a small network (rectified layers, a softmax over the ten digits) learned by
// scripts/learn-digits.ts from MNIST and from digits drawn in handwriting fonts and as strokes. tesseract's
// Vietnamese model reads a handwritten "15" as "{5" and a "04" as "O†": the fill-ins of a printed form (the number
// after "Số:", the day after "ngày") are read here instead.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Side of the square a digit is classified in, and of the box it is fitted in (MNIST's 28 and 20). */
export const SIDE = 28;
const FIT = 20;

export interface DigitNet {
  /** Sizes of the layers, input (SIDE²) first, the ten digits last; every layer but the last is rectified. */
  sizes: number[];
  /** Layer by layer: its weights (out × in, row by row), then its biases (out). */
  weights: Float32Array;
}

/**
 * The ink sheared upright: the slant of its second moments (how far across the ink moves per row down) taken
 * out, the usual deskewing of handwritten digits, so that a right-leaning hand and an upright one look alike.
 */
function deskewed(ink: Float32Array, width: number, height: number): { ink: Float32Array; width: number } {
  let [m, mx, my] = [0, 0, 0];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) { const v = ink[y * width + x]!; m += v; mx += v * x; my += v * y; }
  if (!m) return { ink, width };
  [mx, my] = [mx / m, my / m];
  let [mxy, myy] = [0, 0];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) { const v = ink[y * width + x]!; mxy += v * (x - mx) * (y - my); myy += v * (y - my) ** 2; }
  const slant = myy > 0 ? Math.max(-1, Math.min(1, mxy / myy)) : 0;
  if (Math.abs(slant) < 0.02) return { ink, width };
  // Row y moves by -slant × (y - my); the leftmost a row moves to is the new column 0.
  const moves = [-slant * (0 - my), -slant * (height - 1 - my)];
  const left = Math.min(...moves);
  const w = width + Math.ceil(Math.max(...moves) - left) + 1;
  const out = new Float32Array(w * height);
  for (let y = 0; y < height; y++) {
    const move = -slant * (y - my) - left;
    for (let x = 0; x < w; x++) {
      const sx = x - move;
      const ix = Math.floor(sx);
      const f = sx - ix;
      const a = ix >= 0 && ix < width ? ink[y * width + ix]! : 0;
      const b = ix + 1 >= 0 && ix + 1 < width ? ink[y * width + ix + 1]! : 0;
      out[y * w + x] = a * (1 - f) + b * f;
    }
  }
  return { ink: out, width: w };
}

/**
 * An ink map (0 paper to 1 ink, `width` × `height`) as MNIST's digits are drawn, once deskewed: the ink's
 * bounding box scaled to fit 20×20 keeping its shape (each pixel the mean of the ink it covers), then placed in
 * 28×28 with its centre of mass at the middle. Null when the map holds no ink.
 */
export function normalizeDigit(source: Float32Array, sourceWidth: number, height: number): Float32Array | null {
  const { ink, width } = deskewed(source, sourceWidth, height);
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

/** Every layer's outputs for a normalised digit (after the rectifier; the last as the ten probabilities). */
export function forward(net: DigitNet, input: ArrayLike<number>): Float64Array[] {
  const { sizes, weights } = net;
  const outs: Float64Array[] = [];
  let at = 0;
  let x: ArrayLike<number> = input;
  for (let l = 1; l < sizes.length; l++) {
    const [n, m] = [sizes[l - 1]!, sizes[l]!];
    const bias = at + n * m;
    const y = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      let sum = weights[bias + j]!;
      const row = at + j * n;
      for (let i = 0; i < n; i++) sum += weights[row + i]! * x[i]!;
      y[j] = l < sizes.length - 1 && sum < 0 ? 0 : sum;
    }
    at = bias + m;
    outs.push(y);
    x = y;
  }
  const logits = outs[outs.length - 1]!;
  const top = Math.max(...logits);
  let total = 0;
  for (let k = 0; k < logits.length; k++) total += logits[k] = Math.exp(logits[k]! - top);
  for (let k = 0; k < logits.length; k++) logits[k]! /= total;
  return outs;
}

/** The ten digits' probabilities for a normalised digit. */
export const classifyDigit = (net: DigitNet, input: Float32Array): Float64Array => forward(net, input).pop()!;

/** The likeliest digit a cut of ink (1 ink, 0 paper) reads as by the shipped network, and its probability; null for no ink to read. */
export function readDigit(ink: Float32Array, width: number, height: number): { digit: number; p: number } | null {
  const input = normalizeDigit(ink, width, height);
  if (!input) return null;
  const p = classifyDigit(digitNet(), input);
  const digit = p.indexOf(Math.max(...p));
  return { digit, p: p[digit]! };
}

export const DIGITS_MODEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dictionaries/digits.json');

let shipped: DigitNet | null = null;
/** The shipped network, read once. */
export function digitNet(): DigitNet {
  if (!shipped) {
    const { sizes, weights } = JSON.parse(readFileSync(DIGITS_MODEL, 'utf8')) as { sizes: number[]; weights: string };
    const bytes = Buffer.from(weights, 'base64');
    // Copied out: a decoded Buffer may sit at an offset a Float32Array cannot start at.
    shipped = { sizes, weights: new Float32Array(new Uint8Array(bytes).buffer) };
  }
  return shipped;
}
