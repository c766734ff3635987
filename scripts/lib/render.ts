// Renders Vietnamese text into synthetic scanned pages (PNG or JPEG buffers) with controllable damage,
// using Noto Serif from npm (full Vietnamese glyphs; no system fonts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
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

export const A4_INCHES = { width: 8.27, height: 11.69 };
const MARGIN_INCHES = 0.9;

/** Words of `text` laid into lines no wider than `width` (none for a text without words). */
export function wrapWords(ctx: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

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
    const wrapped = wrapWords(ctx, paragraph, maxWidth);
    lines.push(...(wrapped.length ? wrapped : [''])); // an empty paragraph stays a blank line
  }
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));
  return pages;
}

export function mulberry32(seed: number): () => number {
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

/** A piece of a laid-out line (pdftotext -layout style: columns placed with spaces) and the column it starts at. */
interface Piece {
  col: number;
  text: string;
}

function piecesOf(line: string): Piece[] {
  return [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ col: m.index, text: m[0] }));
}

/** Characters across the text block of a laid-out page: where a piece's column lands on the page. */
const LAYOUT_COLUMNS = 82;
const isCaps = (s: string) => {
  const letters = s.match(/\p{L}/gu) ?? [];
  return letters.length >= 3 && letters.filter((c) => /\p{Lu}/u.test(c)).length / letters.length > 0.8;
};
const SIGNATURE_BOX = /^(?:Ký bởi|Email|Cơ quan|Thời gian ký):/u;

/**
 * Renders a laid-out text as a real page looks: each piece of a line where its column puts it (two-column header,
 * "Nơi nhận" beside the signature), lines in capitals in bold, runs of three or more pieces as a ruled table, and a
 * frame around a digital-signature box ("Ký bởi:", "Email:", "Cơ quan:", "Thời gian ký:").
 */
export async function renderLayoutPages(text: string, options: RenderOptions): Promise<{ image: Buffer; lines: string[] }[]> {
  const px = (options.fontSizePt / 72) * options.dpi;
  const width = Math.round(A4_INCHES.width * options.dpi);
  const height = Math.round(A4_INCHES.height * options.dpi);
  const left = MARGIN_INCHES * options.dpi;
  const maxWidth = width - 2 * left;
  const charW = maxWidth / LAYOUT_COLUMNS;
  const lineHeight = px * 1.45;
  const perPage = Math.floor((height - 2 * left) / lineHeight);
  const all = text.normalize('NFC').replace(/\s+$/, '').split('\n');
  const out: { image: Buffer; lines: string[] }[] = [];
  for (let start = 0, page = 0; start < all.length; start += perPage, page++) {
    const lines = all.slice(start, start + perPage);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#111111';
    ctx.strokeStyle = '#111111';
    ctx.lineWidth = Math.max(1, options.dpi / 150);
    ctx.textBaseline = 'top';
    const placed: { x: number; y: number; w: number; piece: Piece }[][] = [];
    lines.forEach((line, k) => {
      const y = left + k * lineHeight;
      let end = -Infinity;
      const row: (typeof placed)[number] = [];
      for (const piece of piecesOf(line)) {
        ctx.font = `${px}px "${isCaps(piece.text) ? 'Noto Serif Bold' : 'Noto Serif'}"`;
        let w = ctx.measureText(piece.text).width;
        let x = Math.max(left + piece.col * charW, end + 1.5 * charW);
        // Too wide for what is left of the line: moved left, else squeezed.
        if (x + w > width - left) x = Math.max(end + 1.5 * charW, width - left - w);
        const squeeze = x + w > width - left ? (width - left - x) / w : 1;
        ctx.save();
        ctx.translate(x, y);
        ctx.scale(squeeze, 1);
        ctx.fillText(piece.text, 0, 0);
        ctx.restore();
        w *= squeeze;
        end = x + w;
        row.push({ x, y, w, piece });
      }
      placed.push(row);
    });
    // Tables: runs of lines of three pieces or more, ruled around every cell.
    for (let k = 0; k < placed.length; ) {
      if (placed[k]!.length < 3) {
        k++;
        continue;
      }
      let e = k;
      while (e < placed.length && placed[e]!.length >= 3) e++;
      const rows = placed.slice(k, e);
      const widest = rows.reduce((a, b) => (b.length > a.length ? b : a));
      const xs = widest.map((c) => c.x - 0.7 * charW);
      const right = Math.max(...rows.flatMap((r) => r.map((c) => c.x + c.w))) + 0.7 * charW;
      const top = rows[0]![0]!.y - 0.2 * lineHeight;
      const bottom = rows[rows.length - 1]![0]!.y + 0.85 * lineHeight;
      ctx.beginPath();
      for (let r = 0; r <= rows.length; r++) {
        const y = r === rows.length ? bottom : rows[r]![0]!.y - 0.2 * lineHeight;
        ctx.moveTo(xs[0]!, y);
        ctx.lineTo(right, y);
      }
      for (const x of [...xs, right]) {
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
      }
      ctx.stroke();
      k = e;
    }
    // The digital-signature box.
    const box = placed.flatMap((row) => row.filter((c) => SIGNATURE_BOX.test(c.piece.text)));
    if (box.length) {
      const x0 = Math.min(...box.map((c) => c.x)) - charW;
      const x1 = Math.max(...box.map((c) => c.x + c.w)) + charW;
      ctx.strokeRect(x0, box[0]!.y - 0.3 * lineHeight, x1 - x0, box[box.length - 1]!.y - box[0]!.y + 1.4 * lineHeight);
    }
    out.push({ image: await degrade(canvas.toBuffer('image/png'), options, page), lines: placed.map((row) => row.map((c) => c.piece.text).join(' ')) });
  }
  return out;
}
