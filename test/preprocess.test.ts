import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { preprocessPage } from '../src/preprocess/index.js';
import { binarise } from '../src/preprocess/binarise.js';
import { withoutBorders } from '../src/preprocess/borders.js';
import { analyseLayout } from '../src/preprocess/deskew.js';
import { levelOf, levelRange } from '../src/preprocess/levels.js';
import { encodePnm } from '../src/ocr/pnm.js';
import { flatten, isEven, paperLevels } from '../src/preprocess/background.js';
import type { GreyImage } from '../src/types.js';
import { projectRoot } from './helpers/cli.js';

const fixture = (p: string) => path.join(projectRoot, 'fixtures', p);

/** The clean fixture line (200 DPI), pasted a few times onto a white A4-shaped page, then turned. */
async function tiltedPage(angle: number): Promise<Buffer> {
  const line = await readFile(fixture('pages/line.png'));
  const { height = 0 } = await sharp(line).metadata();
  const page = await sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#ffffff' } })
    .composite([0, 1, 2, 3, 4].map((i) => ({ input: line, left: 0, top: 300 + i * (height + 40) })))
    .png()
    .toBuffer();
  return sharp(page).rotate(angle, { background: '#ffffff' }).png().toBuffer();
}

describe('preprocessing', () => {
  it.each([-8, -2.5, 4, 9.5])('finds a skew of %d degrees (and rotates it back)', async (angle) => {
    // Said to be 300 DPI so the test does not pay for resampling.
    const prepared = await preprocessPage(await tiltedPage(angle), { enabled: true, dpi: 300 });
    expect(prepared.blank).toBe(false);
    expect(prepared.sideways).toBe(false);
    // sharp turns clockwise for positive angles; the page reports the angle it undid.
    expect(Math.abs(Math.abs(prepared.deskewDeg) - Math.abs(angle))).toBeLessThanOrEqual(0.3);
    expect(Math.sign(prepared.deskewDeg)).toBe(Math.sign(angle));
    // Turned the right way: the page that comes out is level.
    const { data, info } = await sharp(prepared.image.data, { raw: { width: prepared.width, height: prepared.height, channels: 1 } })
      .resize({ width: 1000 })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(Math.abs(analyseLayout({ data, width: info.width, height: info.height }).skew)).toBeLessThanOrEqual(0.2);
  });

  it('resamples a 200 DPI page to 250 DPI and binarises it', async () => {
    const prepared = await preprocessPage(await tiltedPage(0), { enabled: true, dpi: 200 });
    expect(prepared.width / 1654).toBeCloseTo(1.25, 2);
    expect(prepared.image.data.length).toBe(prepared.width * prepared.height);
    expect(prepared.bilevel).toBe(true);
    expect(new Set(prepared.image.data)).toEqual(new Set([0, 255]));
  });

  it('calls a blank page blank, and a page of text not blank', async () => {
    const blank = await preprocessPage(await readFile(fixture('pages/blank.png')), { enabled: true });
    expect(blank.blank).toBe(true);
    expect(blank.image.data.length).toBe(0);
    const text = await preprocessPage(await readFile(fixture('pages/line.png')), { enabled: true });
    expect(text.blank).toBe(false);
  });
});

describe('pages preprocessing only enhanced', () => {
  const grey = async (buffer: Buffer) => {
    const { data, info } = await sharp(buffer).greyscale().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  };
  /** The page with its grey levels squeezed between `ink` and `paper`. */
  const faded = (page: GreyImage, ink: number, paper: number): GreyImage => ({ ...page, data: page.data.map((v) => ink + ((paper - ink) * v) / 255) });

  it('says so of a low-resolution scan, loose or painted in a PDF page rendered finer, and of a low-contrast one', async () => {
    const page = await grey(await tiltedPage(0));
    expect((await preprocessPage(page, { enabled: true, dpi: 150 })).onlyEnhanced).toBe(true);
    expect((await preprocessPage({ ...page, dpi: 300, scanDpi: 120 }, { enabled: true })).onlyEnhanced).toBe(true);
    expect((await preprocessPage(faded(page, 140, 225), { enabled: true, dpi: 300 })).onlyEnhanced).toBe(true);
  });

  it('does not say so of an ordinary page, nor of one whose paper, border or coloured ink it corrected', async () => {
    const page = await grey(await tiltedPage(0));
    expect((await preprocessPage({ ...page, dpi: 300, scanDpi: 300 }, { enabled: true })).onlyEnhanced).toBe(false);
    const bordered = Uint8Array.from(page.data);
    for (let y = 0; y < page.height; y++) bordered.fill(0, y * page.width, y * page.width + 40);
    expect((await preprocessPage({ ...page, data: bordered }, { enabled: true, dpi: 150 })).onlyEnhanced).toBe(false);
    expect((await preprocessPage({ ...page, asScanned: page.data }, { enabled: true, dpi: 150 })).onlyEnhanced).toBe(false);
    const shaded = page.data.map((v, i) => (v * (0.35 + (0.65 * (i % page.width)) / page.width)) | 0);
    expect((await preprocessPage({ ...page, data: shaded }, { enabled: true, dpi: 150 })).onlyEnhanced).toBe(false);
  });
});

describe('contrast levels', () => {
  it('finds the levels at the lower and upper percentiles and maps stretched levels back between them', () => {
    // Grey levels 50..149, a hundred pixels each: the 1st percentile is 50, the 99th is 148.
    const data = Uint8Array.from({ length: 10_000 }, (_, i) => 50 + (i % 100));
    const range = levelRange({ data, width: 100, height: 100 }, 1, 99);
    expect(range).toEqual({ low: 50, high: 148 });
    expect(levelOf(range, 0)).toBe(50);
    expect(levelOf(range, 255)).toBe(148);
    expect(levelOf(range, 128)).toBeCloseTo(99.2, 1);
  });
});

describe('binarise', () => {
  const grey = { data: Uint8Array.from([10, 200, 120, 250, 0, 130]), width: 3, height: 2 };

  it('thresholds each pixel when there is nothing to resample or turn', () => {
    expect([...binarise(grey, { scale: 1, skewDeg: 0, threshold: 125 }).data]).toEqual([0, 255, 0, 255, 0, 255]);
  });

  it('scales the page and keeps ink where the input had it', () => {
    const out = binarise(grey, { scale: 2, skewDeg: 0, threshold: 125 });
    expect([out.width, out.height]).toEqual([6, 4]);
    // (0, 0) reads the dark first pixel; (3, 0) falls between the light second and the grey third.
    expect(out.data[0]).toBe(0);
    expect(out.data[3]).toBe(255);
  });

  it('grows the canvas to hold a turned page and fills what lies outside the input with paper', () => {
    const black = { data: new Uint8Array(100 * 100), width: 100, height: 100 };
    const out = binarise(black, { scale: 1, skewDeg: 10, threshold: 128 });
    expect(out.width).toBeGreaterThan(100);
    expect(out.data[0]).toBe(255);
    expect(out.data[Math.floor(out.height / 2) * out.width + Math.floor(out.width / 2)]).toBe(0);
  });

  it('gives a box of the page alone, pixel for pixel as the whole page has it, turned or not', () => {
    const data = Uint8Array.from({ length: 60 * 40 }, (_, i) => (i * 37) % 256);
    const page = { data, width: 60, height: 40 };
    const region = { x0: 7, y0: 5, x1: 31, y1: 22 };
    for (const options of [{ scale: 1, skewDeg: 0, threshold: 128 }, { scale: 1.5, skewDeg: 3, threshold: 100 }]) {
      const whole = binarise(page, options);
      const box = binarise(page, { ...options, region });
      expect([box.width, box.height]).toEqual([24, 17]);
      const expected = Array.from({ length: 17 }, (_, y) => [...whole.data.subarray((5 + y) * whole.width + 7, (5 + y) * whole.width + 31)]).flat();
      expect([...box.data]).toEqual(expected);
    }
  });
});

describe('copier borders', () => {
  it('whitens a dark band along an edge in a copy, leaving the caller\'s pixels as they were', () => {
    const data = new Uint8Array(100 * 100).fill(255);
    data.fill(0, 0, 200); // the top two rows
    data[50 * 100 + 50] = 0; // ink inside the page
    const cleared = withoutBorders({ data, width: 100, height: 100 });
    expect(cleared.data[0]).toBe(255);
    expect(cleared.data[150]).toBe(255);
    expect(cleared.data[50 * 100 + 50]).toBe(0);
    expect(data[0]).toBe(0);
    const clean = { data: new Uint8Array(100).fill(255), width: 10, height: 10 };
    expect(withoutBorders(clean)).toBe(clean);
  });
});

describe('PNM for the OCR worker', () => {
  it('packs a bilevel page into one bit a pixel, ink set, rows padded to whole bytes', () => {
    const page = { data: Uint8Array.from([0, 255, 255, 255, 255, 255, 255, 255, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0]), width: 9, height: 2 };
    const pbm = encodePnm(page, true);
    const header = 'P4\n9 2\n';
    expect(pbm.subarray(0, header.length).toString()).toBe(header);
    expect([...pbm.subarray(header.length)]).toEqual([0b1000_0000, 0b1000_0000, 0b0111_1111, 0b1000_0000]);
  });

  it('keeps grey pages at eight bits', () => {
    const pgm = encodePnm({ data: Uint8Array.from([1, 2, 3, 4]), width: 2, height: 2 }, false);
    expect(pgm.toString('latin1')).toBe('P5\n2 2\n255\n\x01\x02\x03\x04');
  });
});

describe('uneven paper', () => {
  /** A page of "text" (dark 6×6 squares on a grid) on paper that darkens from 250 at the right to `left` at the left. */
  function shadedPage(left: number, ink = 40): GreyImage {
    const width = 800;
    const height = 1000;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const paper = left + ((250 - left) * x) / width;
        data[y * width + x] = x % 20 < 6 && y % 20 < 6 ? ink : paper;
      }
    return { data, width, height };
  }

  it('leaves even paper as it is and divides shaded paper by its level, so ink stays ink and paper turns white', () => {
    expect(isEven(paperLevels(shadedPage(245)))).toBe(true);
    const page = shadedPage(90);
    const paper = paperLevels(page);
    expect(isEven(paper)).toBe(false);
    const flat = flatten(page, paper);
    // Paper on the dark side and the light side, and ink on both.
    for (const x of [12, 412, 792]) expect(flat.data[510 * 800 + x]!, `paper at x=${x}`).toBeGreaterThan(225);
    for (const x of [2, 782]) expect(flat.data[500 * 800 + x]!, `ink at x=${x}`).toBeLessThan(140);
  });

  it('takes a cell of solid dark (a copier border) for ink, not for paper', () => {
    const page = shadedPage(250);
    for (let y = 0; y < page.height; y++) page.data.fill(30, y * page.width, y * page.width + 100);
    const flat = flatten(page, paperLevels(page));
    expect(flat.data[500 * 800 + 20]!).toBeLessThan(60);
  });

  it('reads a shaded page whose dark side a single threshold would turn into solid ink', async () => {
    const prepared = await preprocessPage(shadedPage(90), { enabled: true, dpi: 300 });
    // Paper pixels in the darkest column band are paper once binarised.
    const { data, width } = prepared.image;
    let paper = 0;
    for (let y = 0; y < 1000; y++) for (let x = 6; x < 20; x++) if (data[y * width + x] === 255) paper++;
    expect(paper / (1000 * 14)).toBeGreaterThan(0.6);
  });

  it('does not call a low-contrast page blank', async () => {
    const prepared = await preprocessPage(shadedPage(205, 150), { enabled: true, dpi: 300 });
    expect(prepared.blank).toBe(false);
  });
});
