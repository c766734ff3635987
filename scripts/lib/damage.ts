// Synthetic scans drawn at random per page: a report's layout (two-column header, bold title, justified body
// with an italic paragraph, a table, "Nơi nhận" beside the signature, a footnote) in one of several fonts, and
// one class of damage with its parameters drawn from a wide range. A seed fixes the page; tuning and reporting
// use different seeds (DAMAGE_SEEDS).
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { A4_INCHES, mulberry32, wrapWords } from './render.js';

const require = createRequire(import.meta.url);
const FONTS = ['Tinos', 'Noto Serif', 'Arimo'] as const;
for (const [family, pkg, prefix] of [
  ['Tinos', 'tinos', 'Tinos'],
  ['Noto Serif', 'noto-serif', 'NotoSerif'],
  ['Arimo', 'arimo', 'Arimo'],
] as const) {
  const dir = path.dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`));
  for (const [style, file] of [['', '400Regular'], [' Bold', '700Bold'], [' Italic', '400Regular_Italic'], [' Bold Italic', '700Bold_Italic']] as const) {
    GlobalFonts.registerFromPath(path.join(dir, `${file}/${prefix}_${file}.ttf`), `${family}${style}`);
  }
}

export const DAMAGE_CLASSES = ['low-res', 'lighting', 'border', 'skew-blur', 'noise-jpeg', 'one-bit', 'bleed-through', 'low-contrast', 'stamps', 'mixed'] as const;
export type DamageClass = (typeof DAMAGE_CLASSES)[number];
/** First seed of the pages tuned on and of the pages reported. */
export const DAMAGE_SEEDS = { dev: 10_000, test: 1 } as const;

export interface DamagedPage {
  image: Buffer;
  ext: 'png' | 'jpg';
  /** Whether the image is in colour (RGB) rather than grey. */
  colour: boolean;
  width: number;
  height: number;
  dpi: number;
  /** The page's text in reading order (left header block, right block, body, table rows, Nơi nhận, signature, footnote). */
  lines: string[];
  /** What was drawn, for the record. */
  spec: string;
}


/** A line stretched to `width` by widening its spaces (justified), or drawn as it is. */
function drawJustified(ctx: SKRSContext2D, line: string, x: number, y: number, width: number, justify: boolean): void {
  const words = line.split(' ');
  if (!justify || words.length < 2) return void ctx.fillText(line, x, y);
  const inked = words.reduce((s, w) => s + ctx.measureText(w).width, 0);
  const space = (width - inked) / (words.length - 1);
  let at = x;
  for (const w of words) {
    ctx.fillText(w, at, y);
    at += ctx.measureText(w).width + space;
  }
}

const PROVINCES = ['QUẢNG NGÃI', 'THANH HÓA', 'NGHỆ AN', 'BÌNH ĐỊNH', 'HÀ TĨNH'];
const TITLES = ['BÁO CÁO', 'KẾ HOẠCH', 'CHỈ THỊ', 'THÔNG BÁO'];

/** Draws the report's layout in black on white and returns its lines in reading order. */
function drawLayout(ctx: SKRSContext2D, paragraphs: string[], dpi: number, font: string, rand: () => number): string[] {
  const pt = (size: number) => (size / 72) * dpi;
  const W = A4_INCHES.width * dpi;
  const H = A4_INCHES.height * dpi;
  const margin = { left: 1.2 * dpi, right: 0.8 * dpi, top: 0.7 * dpi, bottom: 0.8 * dpi };
  const size = 12.5 + rand() * 1.5;
  const lh = pt(size) * 1.45;
  const set = (style: string, s = size) => (ctx.font = `${pt(s)}px "${font}${style}"`);
  ctx.fillStyle = '#111111';
  ctx.textBaseline = 'top';
  const out: string[] = [];
  const centred = (text: string, cx: number, y: number) => ctx.fillText(text, cx - ctx.measureText(text).width / 2, y);
  // Header: issuing body, number (left); national header, motto, place and date (right).
  const province = PROVINCES[Math.floor(rand() * PROVINCES.length)]!;
  const number = `Số: ${1 + Math.floor(rand() * 300)}/BC-UBND`;
  const date = `${province === 'QUẢNG NGÃI' ? 'Quảng Ngãi' : 'Thành phố'}, ngày ${1 + Math.floor(rand() * 28)} tháng ${1 + Math.floor(rand() * 12)} năm 202${Math.floor(rand() * 6)}`;
  const leftX = margin.left + 1.0 * dpi;
  const rightX = W - margin.right - 2.3 * dpi;
  let y = margin.top;
  const left: [string, string][] = [['', 'ỦY BAN NHÂN DÂN'], [' Bold', `TỈNH ${province}`], ['', number]];
  const right: [string, string][] = [[' Bold', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], [' Bold', 'Độc lập - Tự do - Hạnh phúc'], [' Italic', date]];
  left.forEach(([style, text], i) => (set(style, size - 0.5), centred(text, leftX, y + i * lh)));
  right.forEach(([style, text], i) => (set(style, size - 0.5), centred(text, rightX, y + i * lh)));
  out.push(...left.map(([, t]) => t), ...right.map(([, t]) => t));
  y += 4 * lh;
  // Title and subject, bold, centred.
  const title = TITLES[Math.floor(rand() * TITLES.length)]!;
  set(' Bold', size + 1);
  centred(title, W / 2, y);
  out.push(title);
  y += lh * 1.2;
  set(' Bold');
  const subject = wrapWords(ctx, `Về việc ${paragraphs[0]!.split(/\s+/).slice(0, 14).join(' ')}`, W - margin.left - margin.right - 2 * dpi);
  for (const l of subject.slice(0, 2)) (centred(l, W / 2, y), out.push(l), (y += lh));
  y += lh * 0.6;
  // Body: justified paragraphs with a first-line indent, one of them italic; a table and the bottom block below.
  const width = W - margin.left - margin.right;
  const withTable = rand() < 0.6;
  const bottomBlock = 6 * lh;
  const footnote = rand() < 0.5;
  const bodyEnd = H - margin.bottom - bottomBlock - (withTable ? 4 * lh : 0) - (footnote ? 2 * lh : 0);
  const justify = rand() < 0.7;
  const italicAt = Math.floor(rand() * 3) + 1;
  for (const [k, paragraph] of paragraphs.slice(1).entries()) {
    set(k === italicAt ? ' Italic' : '');
    const indent = 0.5 * dpi;
    const lines = wrapWords(ctx, paragraph, width - indent);
    if (y + lh > bodyEnd) break;
    for (const [i, l] of lines.entries()) {
      if (y + lh > bodyEnd) break;
      const x = margin.left + (i === 0 ? indent : 0);
      drawJustified(ctx, l, x, y, width - (i === 0 ? indent : 0), justify && i < lines.length - 1);
      out.push(l);
      y += lh;
    }
  }
  if (withTable) {
    y += lh * 0.4;
    set('', size - 1);
    const cols = [margin.left, margin.left + 0.6 * dpi, margin.left + width - 1.4 * dpi, margin.left + width];
    const rows = [['STT', 'Nội dung', 'Số lượng'], ['1', 'Hồ sơ tiếp nhận', String(10 + Math.floor(rand() * 900))], ['2', 'Hồ sơ đã giải quyết', String(10 + Math.floor(rand() * 900))]];
    ctx.lineWidth = Math.max(1, dpi / 150);
    ctx.strokeStyle = '#111111';
    rows.forEach((cells, r) => {
      const top = y + r * lh;
      cells.forEach((c, i) => ctx.fillText(c, cols[i]! + 0.1 * dpi, top + lh * 0.15));
      ctx.strokeRect(cols[0]!, top, width, lh);
      for (const x of cols.slice(1, -1)) (ctx.beginPath(), ctx.moveTo(x, top), ctx.lineTo(x, top + lh), ctx.stroke());
      out.push(cells.join(' '));
    });
    y += rows.length * lh + lh * 0.5;
  }
  // Bottom block: "Nơi nhận" on the left, the signature block on the right.
  y = Math.max(y + lh * 0.5, H - margin.bottom - bottomBlock - (footnote ? 2 * lh : 0));
  const recipients = ['Nơi nhận:', '- Như trên;', '- Thường trực Tỉnh ủy;', '- Lưu: VT.'];
  recipients.forEach((t, i) => (set(i === 0 ? ' Bold Italic' : '', size - 2), ctx.fillText(t, margin.left, y + i * lh * 0.85)));
  const signature = ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'];
  signature.forEach((t, i) => (set(' Bold'), centred(t, rightX, y + i * lh)));
  const name = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Nam'][Math.floor(rand() * 3)]!;
  set(' Bold');
  centred(name, rightX, y + 5 * lh);
  out.push(...recipients, ...signature, name);
  if (footnote) {
    const fy = H - margin.bottom - lh;
    ctx.fillRect(margin.left, fy - lh * 0.2, 2 * dpi, Math.max(1, dpi / 200));
    set('', size - 3);
    const note = `Ghi chú: ${paragraphs.at(-1)!.split(/\s+/).slice(0, 12).join(' ')}`;
    ctx.fillText(note, margin.left, fy);
    out.push(note);
  }
  return out;
}

/** A red seal (ring, star, text around) or a blue signature scribble drawn over the page. */
function drawStamps(ctx: SKRSContext2D, dpi: number, rand: () => number): void {
  const W = A4_INCHES.width * dpi;
  const H = A4_INCHES.height * dpi;
  // Seal over the signer's title, bottom right.
  const cx = W - 2.6 * dpi + (rand() - 0.5) * dpi * 0.5;
  const cy = H - 1.9 * dpi + (rand() - 0.5) * dpi * 0.4;
  const r = (0.6 + rand() * 0.3) * dpi;
  const red = `rgba(${200 + Math.floor(rand() * 50)}, ${20 + Math.floor(rand() * 60)}, ${30 + Math.floor(rand() * 60)}, ${0.6 + rand() * 0.35})`;
  ctx.strokeStyle = red;
  ctx.fillStyle = red;
  ctx.lineWidth = dpi / 40;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(cx, cy, r * 0.72, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.font = `${dpi / 9}px "Arimo Bold"`;
  const ring = 'ỦY BAN NHÂN DÂN TỈNH * ';
  for (let i = 0; i < ring.length; i++) {
    const a = (i / ring.length) * 2 * Math.PI - Math.PI / 2;
    ctx.save();
    ctx.translate(cx + Math.cos(a) * r * 0.86, cy + Math.sin(a) * r * 0.86);
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(ring[i]!, 0, 0);
    ctx.restore();
  }
  // A "HỎA TỐC"-like box stamp near the top, and a blue signature and handwritten strokes.
  ctx.lineWidth = dpi / 60;
  const bx = (1 + rand() * 4) * dpi;
  const by = (0.3 + rand() * 2) * dpi;
  ctx.strokeRect(bx, by, 1.6 * dpi, 0.45 * dpi);
  ctx.font = `${dpi / 4.5}px "Arimo Bold"`;
  ctx.fillText('HỎA TỐC', bx + 0.15 * dpi, by + 0.08 * dpi);
  ctx.strokeStyle = `rgba(${20 + Math.floor(rand() * 40)}, ${40 + Math.floor(rand() * 60)}, ${150 + Math.floor(rand() * 100)}, 0.85)`;
  ctx.lineWidth = dpi / 80;
  for (let s = 0; s < 3; s++) {
    const x0 = s === 0 ? cx - 0.8 * dpi : rand() * (W - 2 * dpi) + dpi;
    const y0 = s === 0 ? cy : rand() * (H - 2 * dpi) + dpi;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    for (let k = 0; k < 4; k++) ctx.bezierCurveTo(x0 + rand() * dpi, y0 - rand() * dpi * 0.4, x0 + rand() * dpi * 1.4, y0 + rand() * dpi * 0.4, x0 + (k + 1) * dpi * 0.35, y0 + (rand() - 0.5) * dpi * 0.3);
    ctx.stroke();
  }
}

interface Damage {
  dpi: number;
  rotation: number;
  blur: number;
  noise: number;
  jpeg: number;
  /** Sides with a copier border and its width in inches. */
  border: { sides: string; width: number } | null;
  /** Lighting: a gradient's darkest factor, vignetting, a shadow along one side. */
  lighting: { gradient: number; vignette: number; spine: number } | null;
  threshold: number;
  bleed: number;
  contrast: { ink: number; paper: number } | null;
  stamps: boolean;
}

const range = (rand: () => number, a: number, b: number) => a + rand() * (b - a);

function drawDamage(cls: DamageClass, rand: () => number): Damage {
  const d: Damage = { dpi: Math.round(range(rand, 200, 300)), rotation: range(rand, -0.4, 0.4), blur: 0, noise: range(rand, 0, 6), jpeg: Math.round(range(rand, 75, 95)), border: null, lighting: null, threshold: 0, bleed: 0, contrast: null, stamps: false };
  const apply = (c: DamageClass) => {
    if (c === 'low-res') (d.dpi = Math.round(range(rand, 100, 150))), (d.jpeg = Math.round(range(rand, 50, 90)));
    if (c === 'lighting') d.lighting = { gradient: range(rand, 0.5, 0.9), vignette: range(rand, 0, 0.35), spine: range(rand, 0, 0.6) };
    if (c === 'border') d.border = { sides: ['l', 'r', 't', 'b'].filter(() => rand() < 0.5).join('') || 'l', width: range(rand, 0.05, 0.6) };
    if (c === 'skew-blur') (d.rotation = range(rand, -4, 4)), (d.blur = range(rand, 0.5, 1.6));
    if (c === 'noise-jpeg') (d.noise = range(rand, 10, 35)), (d.jpeg = Math.round(range(rand, 20, 70)));
    if (c === 'one-bit') (d.threshold = Math.round(range(rand, 110, 170))), (d.dpi = Math.round(range(rand, 200, 400)));
    if (c === 'bleed-through') d.bleed = range(rand, 0.1, 0.35);
    if (c === 'low-contrast') d.contrast = { ink: Math.round(range(rand, 100, 165)), paper: Math.round(range(rand, 195, 235)) };
    if (c === 'stamps') d.stamps = true;
  };
  if (cls === 'mixed') for (const c of DAMAGE_CLASSES.filter((c) => c !== 'mixed' && c !== 'one-bit').sort(() => rand() - 0.5).slice(0, 3)) apply(c);
  else apply(cls);
  return d;
}

/** A page of `paragraphs` with damage of class `cls`, drawn at random from `seed`. */
export async function damagedPage(paragraphs: string[], cls: DamageClass, seed: number): Promise<DamagedPage> {
  const rand = mulberry32(seed * 7919 + DAMAGE_CLASSES.indexOf(cls));
  const d = drawDamage(cls, rand);
  const font = FONTS[Math.floor(rand() * FONTS.length)]!;
  const width = Math.round(A4_INCHES.width * d.dpi);
  const height = Math.round(A4_INCHES.height * d.dpi);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const lines = drawLayout(ctx, paragraphs, d.dpi, font, rand);
  if (d.bleed > 0) {
    // The other side's text shows through, mirrored and faint.
    const back = createCanvas(width, height);
    const bctx = back.getContext('2d');
    bctx.fillStyle = '#ffffff';
    bctx.fillRect(0, 0, width, height);
    drawLayout(bctx, [...paragraphs].reverse(), d.dpi, font, rand);
    ctx.save();
    ctx.globalAlpha = d.bleed;
    ctx.globalCompositeOperation = 'multiply';
    ctx.translate(width, 0);
    ctx.scale(-1, 1);
    ctx.drawImage(back, 0, 0);
    ctx.restore();
  }
  if (d.stamps) drawStamps(ctx, d.dpi, rand);
  const colour = d.stamps;
  let img = sharp(await canvas.encode('png'));
  if (!colour) img = img.greyscale();
  if (Math.abs(d.rotation) > 0.05) img = img.rotate(d.rotation, { background: '#ffffff' });
  if (d.blur > 0.3) img = img.blur(d.blur);
  const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const ch = info.channels;
  const w = info.width;
  const h = info.height;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let f = 1;
      if (d.lighting) {
        const { gradient, vignette, spine } = d.lighting;
        f *= gradient + (1 - gradient) * (x / w);
        const dx = x / w - 0.5;
        const dy = y / h - 0.5;
        f *= 1 - vignette * (dx * dx + dy * dy) * 2;
        f *= 1 - spine * Math.exp(-((w - x) / (0.04 * w)));
      }
      for (let c = 0; c < ch; c++) {
        const i = (y * w + x) * ch + c;
        let v = data[i]!;
        if (d.contrast) v = d.contrast.ink + ((d.contrast.paper - d.contrast.ink) * v) / 255;
        data[i] = Math.max(0, Math.min(255, v * f));
      }
    }
  }
  if (d.noise > 0) {
    for (let i = 0; i < data.length; i += 2) {
      const g = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
      data[i] = Math.max(0, Math.min(255, data[i]! + g * d.noise));
      data[i + 1] = Math.max(0, Math.min(255, data[i + 1]! + g * d.noise));
    }
  }
  if (d.border) {
    const bw = Math.round(d.border.width * d.dpi);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const on = (d.border.sides.includes('l') && x < bw) || (d.border.sides.includes('r') && x >= w - bw) || (d.border.sides.includes('t') && y < bw) || (d.border.sides.includes('b') && y >= h - bw);
        if (on) for (let c = 0; c < ch; c++) data[(y * w + x) * ch + c] = 30 + ((x * 7 + y * 13) % 40);
      }
  }
  if (d.threshold > 0) for (let i = 0; i < data.length; i++) data[i] = data[i]! < d.threshold ? 0 : 255;
  const out = sharp(data, { raw: { width: w, height: h, channels: ch } }).withMetadata({ density: d.dpi });
  const png = d.threshold > 0;
  const image = png ? await out.png({ palette: false }).toBuffer() : await out.jpeg({ quality: d.jpeg }).toBuffer();
  const spec = `${cls}: ${font}, ${JSON.stringify(d)}`;
  return { image, ext: png ? 'png' : 'jpg', colour, width: w, height: h, dpi: d.dpi, lines, spec };
}
