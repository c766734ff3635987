import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, setTextRenderingMode, StandardFonts, TextRenderingMode } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openPdf, renderPdfPage } from '../src/ingest/pdf.js';
import { joinParts, renderPdf } from '../src/output/index.js';
import { readWithoutImageData } from '../src/output/pdf-input.js';
import { ocrBlocks } from '../src/ocr/layout.js';
import type { OcrWord } from '../src/types.js';
import { writePdf } from '../scripts/lib/pdf.js';

/** A grey noise JPEG: large enough (over 64 KB) that its data is left unread. */
const noise = (side: number) => sharp({ create: { width: side, height: side, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).greyscale().jpeg({ quality: 95 }).toBuffer();

async function twoImagePdf(dir: string): Promise<{ file: string; bytes: Buffer; large: Buffer; small: Buffer }> {
  const [large, small] = [await noise(700), await noise(40)];
  const bytes = writePdf([
    { jpeg: large, width: 700, height: 700, dpi: 200 },
    { jpeg: small, width: 40, height: 40, dpi: 200 },
  ]);
  const file = path.join(dir, 'scan.pdf');
  await writeFile(file, bytes);
  return { file, bytes, large, small };
}

describe('a PDF input read for its incremental update', () => {
  it('leaves only a large image’s data out, as zeros, and reads every other byte as it is', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-sparse-'));
    const { file, bytes, large, small } = await twoImagePdf(dir);
    expect(large.length).toBeGreaterThan(64 * 1024);
    const read = await readWithoutImageData(file);
    expect(read.length).toBe(bytes.length);
    const at = bytes.indexOf(large);
    expect(read.subarray(at, at + large.length).every((b) => b === 0)).toBe(true);
    expect(read.subarray(0, at).equals(bytes.subarray(0, at))).toBe(true);
    expect(read.subarray(at + large.length).equals(bytes.subarray(at + large.length))).toBe(true);
    expect(read.indexOf(small)).toBe(bytes.indexOf(small));
  });

  it('reads an image whose /Length is an indirect object, or does not end where its endstream is, as it is', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-sparse-'));
    const { bytes, large } = await twoImagePdf(dir);
    const length = `/Length ${large.length}`;
    for (const [name, replacement] of [['indirect', '/Length 99 0 R'], ['wrong', `/Length ${large.length - 7}`]] as const) {
      const edited = Buffer.from(bytes.toString('latin1').replace(length, replacement.padEnd(length.length)), 'latin1');
      const file = path.join(dir, `${name}.pdf`);
      await writeFile(file, edited);
      expect((await readWithoutImageData(file)).equals(edited)).toBe(true);
    }
  });

  it('gives a searchable PDF that begins with the input unchanged and shows the same page', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-sparse-'));
    const { file, bytes } = await twoImagePdf(dir);
    const words: OcrWord[] = [{ text: 'Sở', restored: 'Sở', confidence: 90, page: 1, line: 0, block: 1, paragraph: 1, box: { x0: 100, y0: 100, x1: 300, y1: 160 } }];
    const page = (n: number) => ({ page: n, text: 'Sở\n', source: 'ocr' as const, words: n === 1 ? words : [], blocks: n === 1 ? ocrBlocks(words) : [], width: 1050, height: 1050, dpi: 300 });
    const out = path.join(dir, 'out.pdf');
    await writeFile(out, await joinParts((await renderPdf({ file, pages: [page(1), page(2)] }))!));
    const written = await readFile(out);
    expect(written.subarray(0, bytes.length).equals(bytes)).toBe(true);
    const [before, after] = [await openPdf(file), await openPdf(out)];
    try {
      expect(((await (await after.getPage(1)).getTextContent()).items as { str: string }[]).map((i) => i.str.trim()).filter(Boolean)).toEqual(['Sở']);
      const [a, b] = [await renderPdfPage(before, 1, file), await renderPdfPage(after, 1, out)];
      expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
    } finally {
      await before.destroy();
      await after.destroy();
    }
  });
});

describe('the layer over a PDF page that prints text of its own', () => {
  /** A 252-point page (1050 px at 300 DPI) with a white image and "TRUNG TAM" printed at (50, 200), visibly or as an old invisible layer. */
  async function printedPdf(dir: string, invisible: boolean): Promise<string> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([252, 252]);
    const white = await doc.embedJpg(await sharp({ create: { width: 1050, height: 1050, channels: 3, background: '#ffffff' } }).jpeg().toBuffer());
    page.drawImage(white, { x: 0, y: 0, width: 252, height: 252 });
    if (invisible) page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
    page.drawText('TRUNG TAM', { x: 50, y: 200, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
    const file = path.join(dir, invisible ? 'old-layer.pdf' : 'stamped.pdf');
    await writeFile(file, await doc.save());
    return file;
  }

  const word = (text: string, x0: number, y0: number, line: number): OcrWord => ({ text, restored: text, confidence: 90, page: 1, line, block: 1, paragraph: 1, box: { x0, y0, x1: x0 + 160, y1: y0 + 40 } });
  // "TRUNG" where the page prints it (x 50 pt = 208 px, baseline 52 pt from the top = 217 px), "Kính" below.
  const words = [word('TRUNG', 208, 180, 0), word('Kính', 208, 600, 1)];
  const layerOf = async (file: string) => {
    const out = `${file}.out.pdf`;
    await writeFile(out, await joinParts((await renderPdf({ file, pages: [{ page: 1, text: 'TRUNG\nKính\n', source: 'ocr', words, blocks: ocrBlocks(words), width: 1050, height: 1050, dpi: 300 }] }))!));
    const pdf = await openPdf(out);
    try {
      return ((await (await pdf.getPage(1)).getTextContent()).items as { str: string }[]).map((i) => i.str.trim()).filter(Boolean);
    } finally {
      await pdf.destroy();
    }
  };

  it('lays no word the page prints where it prints it, so that it is found once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-printed-'));
    expect(await layerOf(await printedPdf(dir, false))).toEqual(['TRUNG TAM', 'Kính']);
  });

  it('lays every word over an old invisible layer it replaces, whatever that layer said', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-printed-'));
    expect(await layerOf(await printedPdf(dir, true))).toEqual(['TRUNG', 'Kính']);
  });
});
