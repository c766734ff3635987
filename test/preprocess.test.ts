import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { preprocessPage } from '../src/preprocess/index.js';
import { stretchLevels } from '../src/preprocess/levels.js';
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
  });

  it('resamples a 200 DPI page to about 300 DPI and binarises it', async () => {
    const prepared = await preprocessPage(await tiltedPage(0), { enabled: true, dpi: 200 });
    expect(prepared.width).toBeGreaterThan(1654 * 1.4);
    const { channels } = await sharp(prepared.image).metadata();
    expect(channels).toBe(1);
  });

  it('calls a blank page blank, and a page of text not blank', async () => {
    const blank = await preprocessPage(await readFile(fixture('pages/blank.png')), { enabled: true });
    expect(blank.blank).toBe(true);
    expect(blank.image.length).toBe(0);
    const text = await preprocessPage(await readFile(fixture('pages/line.png')), { enabled: true });
    expect(text.blank).toBe(false);
  });
});

describe('contrast stretch', () => {
  it('maps the lower and upper percentiles to black and white and keeps the order of levels', () => {
    // Grey levels 50..149, a hundred pixels each: the 1st percentile is 50, the 99th is 148.
    const data = Uint8Array.from({ length: 10_000 }, (_, i) => 50 + (i % 100));
    const out = stretchLevels({ data, width: 100, height: 100 }, 1, 99);
    expect(out.data[0]).toBe(0);
    expect(out.data[98]).toBe(255);
    expect(out.data[99]).toBe(255);
    expect(out.data[49]).toBeGreaterThan(120);
    expect(out.data[49]).toBeLessThan(135);
    for (let i = 1; i < 99; i++) expect(out.data[i]!).toBeGreaterThanOrEqual(out.data[i - 1]!);
    expect(data[0]).toBe(50);
  });
});
