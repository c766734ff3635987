// Renders Vietnamese text into synthetic scanned pages (PNG or JPEG buffers) with controllable damage,
// using Noto Serif from npm (full Vietnamese glyphs; no system fonts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-serif/package.json'));
GlobalFonts.registerFromPath(path.join(fontDir, '400Regular/NotoSerif_400Regular.ttf'), 'Noto Serif');
GlobalFonts.registerFromPath(path.join(fontDir, '700Bold/NotoSerif_700Bold.ttf'), 'Noto Serif Bold');

export interface RenderOptions {
  dpi: number;
  /** Degrees, positive clockwise. */
  rotationDeg: number;
  /** Standard deviation of grey-level noise, 0..255. */
  noise: number;
  /** Gaussian blur sigma in pixels; 0 for none. */
  blur: number;
  /** JPEG quality 1..100; 0 keeps a PNG. */
  jpegQuality: number;
  /** A dark copier border this many pixels wide. */
  border: number;
  fontSizePt: number;
  /** Seed of the noise, so a page renders the same every time. */
  seed: number;
}

export const PRESETS = {
  clean: { dpi: 300, rotationDeg: 0, noise: 0, blur: 0, jpegQuality: 0, border: 0, fontSizePt: 13, seed: 1 },
  office: { dpi: 300, rotationDeg: 1, noise: 12, blur: 0.4, jpegQuality: 75, border: 0, fontSizePt: 13, seed: 2 },
  poor: { dpi: 200, rotationDeg: 2.5, noise: 24, blur: 0.8, jpegQuality: 60, border: 12, fontSizePt: 13, seed: 3 },
} satisfies Record<string, RenderOptions>;

export type PresetName = keyof typeof PRESETS;

const A4_INCHES = { width: 8.27, height: 11.69 };
const MARGIN_INCHES = 0.9;

/** Lays text out on A4 pages: returns the lines of each page. */
export function layoutPages(text: string, options: RenderOptions): string[][] {
  const canvas = createCanvas(10, 10);
  const ctx = canvas.getContext('2d');
  const px = (options.fontSizePt / 72) * options.dpi;
  ctx.font = `${px}px "Noto Serif"`;
  const maxWidth = (A4_INCHES.width - 2 * MARGIN_INCHES) * options.dpi;
  const lineHeight = px * 1.45;
  const perPage = Math.floor(((A4_INCHES.height - 2 * MARGIN_INCHES) * options.dpi) / lineHeight);
  const lines: string[] = [];
  for (const paragraph of text.normalize('NFC').trim().split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));
  return pages;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function degrade(png: Buffer, options: RenderOptions, pageIndex: number): Promise<Buffer> {
  let img = sharp(png).greyscale();
  if (options.rotationDeg) img = img.rotate(options.rotationDeg * (pageIndex % 2 === 0 ? 1 : -1), { background: '#ffffff' });
  if (options.blur > 0.3) img = img.blur(options.blur);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (options.noise > 0) {
    const rand = mulberry32(options.seed + pageIndex);
    for (let i = 0; i < data.length; i++) {
      // Box-Muller: Gaussian noise of the given standard deviation.
      const g = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
      data[i] = Math.max(0, Math.min(255, data[i]! + g * options.noise));
    }
  }
  if (options.border > 0) {
    const { width, height } = info;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        if (x < options.border || y < options.border || x >= width - options.border || y >= height - options.border) data[y * width + x] = 40;
  }
  const out = sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).withMetadata({ density: options.dpi });
  return options.jpegQuality > 0 ? out.jpeg({ quality: options.jpegQuality }).toBuffer() : out.png().toBuffer();
}

/** Renders text into page images, the layout's lines of each page returned beside it as the page's truth. */
export async function renderPages(text: string, options: RenderOptions): Promise<{ image: Buffer; lines: string[] }[]> {
  const pages = layoutPages(text, options);
  const px = (options.fontSizePt / 72) * options.dpi;
  const width = Math.round(A4_INCHES.width * options.dpi);
  const height = Math.round(A4_INCHES.height * options.dpi);
  const out: { image: Buffer; lines: string[] }[] = [];
  for (const [i, lines] of pages.entries()) {
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#111111';
    ctx.font = `${px}px "Noto Serif"`;
    ctx.textBaseline = 'top';
    lines.forEach((line, k) => ctx.fillText(line, MARGIN_INCHES * options.dpi, MARGIN_INCHES * options.dpi + k * px * 1.45));
    out.push({ image: await degrade(canvas.toBuffer('image/png'), options, i), lines });
  }
  return out;
}
