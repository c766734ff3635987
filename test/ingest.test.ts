import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { bandsForPage } from '../src/ocr/page.js';
import { imagePage, imagePageCount } from '../src/ingest/image.js';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { layerWithAnnotations } from '../src/ingest/annotations.js';
import { openPdf, pdfTextLayer, renderPdfPage } from '../src/ingest/pdf.js';
import { readTextFile, textOf } from '../src/ingest/text.js';
import { preprocessPage } from '../src/preprocess/index.js';
import { writePdf } from '../scripts/lib/pdf.js';
import { projectRoot } from './helpers/cli.js';

const fixture = (p: string) => path.join(projectRoot, 'fixtures', p);
// Taken before any PDF is opened in this test file's process (pdfjs loads on the first PDF).
const engineBuiltins = { parse: JSON.parse, stringify: JSON.stringify, push: Array.prototype.push };

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('bad inputs get one clear reason', () => {
  it.each([
    ['bad/truncated.pdf', () => openPdf(fixture('bad/truncated.pdf')), /corrupt or truncated PDF/],
    ['bad/encrypted.pdf', () => openPdf(fixture('bad/encrypted.pdf')), /encrypted PDF: decrypt it first/],
    ['bad/corrupt.png', () => imagePageCount(fixture('bad/corrupt.png')).then(() => import('../src/ingest/image.js').then((m) => m.imagePage(fixture('bad/corrupt.png'), 1))), /unreadable/],
    ['bad/empty.jpg', () => imagePageCount(fixture('bad/empty.jpg')), /empty file \(0 bytes\)/],
    ['bad/tiny.png', () => imagePageCount(fixture('bad/tiny.png')), /too small .*1×1 px/],
    ['bad/binary.txt', () => readTextFile(fixture('bad/binary.txt')), /not a text file in UTF-8/],
  ])('%s', async (_name, run, message) => {
    const text = await reason(run());
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('refuses an image above the pixel limit without decoding it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-ingest-'));
    const file = path.join(dir, 'huge.png');
    // A blank 20000 x 20000 px PNG (small on disk): the limit is checked from its header, before decoding.
    const sharp = (await import('sharp')).default;
    await sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#ffffff' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toFile(file);
    expect(await reason(imagePageCount(file))).toMatch(/image too large \(20000×20000 px/);
  });
});

describe('text inputs', () => {
  it('reads UTF-16 with a BOM, UTF-8 with a BOM, and VNI files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-text-'));
    const text = 'Tỉnh ủy Thanh Hóa';
    await writeFile(path.join(dir, 'u16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await writeFile(path.join(dir, 'bom.txt'), `\ufeff${text}`);
    await writeFile(path.join(dir, 'vni.txt'), Buffer.from('Tænh uûy Thanh Hoùa baùo caùo keát quaû', 'latin1'));
    expect(await readTextFile(path.join(dir, 'u16.txt'))).toBe(text);
    expect(await readTextFile(path.join(dir, 'bom.txt'))).toBe(text);
    expect(await readTextFile(path.join(dir, 'vni.txt'))).toBe('Tỉnh ủy Thanh Hóa báo cáo kết quả');
  });

  it('decodes standard input as a file: a legacy encoding read, binary refused naming it', () => {
    expect(textOf('standard input', Buffer.from('B\xb8o c\xb8o k\xd5t qu\xb6 th\xf9c hi\xd6n', 'latin1'))).toBe('Báo cáo kết quả thực hiện');
    expect(() => textOf('standard input', Buffer.from([0xff, 0x00, 0x01, 0x02, 0x89]))).toThrow(expect.objectContaining({ file: 'standard input', message: expect.stringMatching(/not (plain text|a text file)/) }));
  });

  it('reads Windows-1258 (hatted letters in a byte, tones as marks after them), and no Latin-1 text as it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-text-'));
    // "Báo cáo kết quả thực hiện kế hoạch của Ủy ban" as Windows saves it in its Vietnamese code page.
    await writeFile(path.join(dir, 'cp1258.txt'), Buffer.from('42e16f2063e16f206beaec7420717561d2207468fdf263206869eaf26e206beaec20686f61f26368206375d2612055d2792062616e', 'hex'));
    expect(await readTextFile(path.join(dir, 'cp1258.txt'))).toBe('Báo cáo kết quả thực hiện kế hoạch của Ủy ban');
    // French in Latin-1 reads the same in both code pages: no Vietnamese is made of it.
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from('Résumé du café élégant à Hué', 'latin1'));
    await expect(readTextFile(path.join(dir, 'latin1.txt'))).rejects.toThrow(/not a text file in UTF-8, UTF-16, TCVN3, VNI or Windows-1258/);
  });
});

describe('PDF and image pages', () => {
  it('counts TIFF and PDF pages', async () => {
    expect(await imagePageCount(fixture('pages/line.tiff'))).toBe(1);
    expect((await openPdf(fixture('sample/report.pdf'))).numPages).toBe(1);
  });

  it("leaves the engine's JSON and Array push in place after opening a PDF (pdfjs polyfills would replace them)", async () => {
    const doc = await openPdf(fixture('sample/report.pdf'));
    await doc.destroy();
    expect({ parse: JSON.parse, stringify: JSON.stringify, push: Array.prototype.push }).toEqual(engineBuiltins);
    expect(JSON.parse === engineBuiltins.parse && JSON.stringify === engineBuiltins.stringify && Array.prototype.push === engineBuiltins.push).toBe(true);
  });

  it('reads each page of a multi-page TIFF', async () => {
    const text = await sharp(fixture('pages/line.png')).png().toBuffer();
    const blank = await sharp(fixture('pages/blank.png')).resize(1654, 420).png().toBuffer();
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-tiff-')), 'two.tiff');
    await sharp([blank, text], { join: { animated: true } }).tiff().toFile(file);
    expect(await imagePageCount(file)).toBe(2);
    const [first, second] = await Promise.all([imagePage(file, 1), imagePage(file, 2)]);
    expect((await preprocessPage(first, { enabled: true })).blank).toBe(true);
    expect((await preprocessPage(second, { enabled: true })).blank).toBe(false);
  });

  it('takes a stray text layer (a page number) as no text, unless any layer at all is wanted', async () => {
    const { data, info } = await sharp(fixture('pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-layer-')), 'numbered.pdf');
    await writeFile(file, writePdf([{ jpeg: data, width: info.width, height: info.height, dpi: 200, textLines: ['Page 1'] }]));
    const doc = await openPdf(file);
    expect(await pdfTextLayer(doc, 1)).toBe('');
    expect(await pdfTextLayer(doc, 1, 1)).toContain('Page 1');
  });

  it('knows the resolution of the scan a PDF page paints, which its rendering resamples', async () => {
    const { data, info } = await sharp(fixture('pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-ppi-')), 'scan.pdf');
    await writeFile(file, writePdf([{ jpeg: data, width: info.width, height: info.height, dpi: 120 }]));
    const page = await renderPdfPage(await openPdf(file), 1, file);
    expect(page.dpi).toBe(300);
    expect(page.scanDpi).toBe(120);
  });

  it('takes the scan resolution of an inline image too', async () => {
    // A 10×13 grey inline image (small enough for pdfjs to paint inline) stretched over a 72×93.6 pt page: 10 ppi.
    const pixels = Buffer.alloc(10 * 13, 0x80);
    const content = Buffer.concat([Buffer.from('q 72 0 0 93.6 0 0 cm BI /W 10 /H 13 /CS /G /BPC 8 ID '), pixels, Buffer.from(' EI Q\n')]);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-inline-')), 'inline.pdf');
    await writeFile(file, minimalPdf('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 93.6] /Contents 4 0 R >>', content));
    expect((await renderPdfPage(await openPdf(file), 1, file)).scanDpi).toBe(10);
  });

  it('reads a real text layer and treats an image-only page as having none', async () => {
    const withLayer = await openPdf(fixture('pages/text-layer.pdf'));
    expect(await pdfTextLayer(withLayer, 1)).toContain('So Khoa hoc va Cong nghe');
    expect(await pdfTextLayer(await openPdf(fixture('sample/report.pdf')), 1)).toBe('');
  });
});

describe('text a PDF page draws in its annotations', () => {
  it('puts the number a signing stamp drew into the form where it stands, and a box of lines above the header', () => {
    const at = (str: string, x: number, y: number, hasEOL = false) => ({ str, x, y, height: 12, hasEOL });
    const items = [at('ỦY BAN NHÂN DÂN', 50, 780, true), at('Số: ', 50, 720), at('/TB-UBND', 160, 720), at('   Quảng Ngãi, ngày ', 250, 720), at('tháng 01 năm 2025', 430, 720, true), at('THÔNG BÁO', 200, 680, true)];
    const text = layerWithAnnotations(items, [
      { rect: [137, 709, 335, 738], lines: ['11'] },
      { rect: [407, 709, 452, 738], lines: ['08'] },
      { rect: [406, 803, 555, 836], lines: ['TRUNG TÂM CÔNG BÁO', 'VÀ TIN HỌC', '09.01.2025 10:21:11 +07:00'] },
    ]);
    expect(text.split('\n')).toEqual(['TRUNG TÂM CÔNG BÁO', 'VÀ TIN HỌC', '09.01.2025 10:21:11 +07:00', 'ỦY BAN NHÂN DÂN', 'Số: 11 /TB-UBND Quảng Ngãi, ngày 08 tháng 01 năm 2025', 'THÔNG BÁO']);
  });

  it('reads the text of a form field\'s appearance into the page\'s text layer', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 200]);
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    page.drawText('So:', { x: 20, y: 120, size: 12, font });
    page.drawText('/TB-UBND thong bao ket qua hop', { x: 120, y: 120, size: 12, font });
    const field = pdf.getForm().createTextField('number');
    field.setText('11');
    field.addToPage(page, { x: 50, y: 112, width: 60, height: 24, borderWidth: 0 });
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-annot-')), 'signed.pdf');
    await writeFile(file, await pdf.save());
    const layer = await pdfTextLayer(await openPdf(file), 1, 1);
    expect(layer).toMatch(/So: ?11 ?\/TB-UBND/);
  });

  it('takes no signing stamp for the text layer of a page that has no text of its own (a scan signed digitally)', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 200]);
    const stamp = pdf.getForm().createTextField('stamp');
    stamp.setText('Ky boi: Uy ban nhan dan tinh Quang Ngai, Thoi gian ky: 24.01.2025 14:23:43');
    stamp.addToPage(page, { x: 10, y: 150, width: 380, height: 24, borderWidth: 0 });
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-stamp-')), 'scan.pdf');
    await writeFile(file, await pdf.save());
    const doc = await openPdf(file);
    expect(await pdfTextLayer(doc, 1)).toBe('');
    expect(await pdfTextLayer(doc, 1, 1)).toBe('');
  });
});

describe('pages shared between idle workers', () => {
  const bands = (pages: number, workers: number) => Array.from({ length: pages }, (_, i) => bandsForPage(i, pages, workers));

  it('cuts only the pages of the last, partial round', () => {
    expect(bands(1, 2)).toEqual([2]);
    expect(bands(3, 2)).toEqual([1, 1, 2]);
    expect(bands(4, 2)).toEqual([1, 1, 1, 1]);
    expect(bands(5, 4)).toEqual([1, 1, 1, 1, 4]);
    expect(bands(6, 4)).toEqual([1, 1, 1, 1, 2, 2]);
    expect(bands(2, 3)).toEqual([1, 1]);
  });

  it('never cuts when the file does not have the workers to itself', () => {
    expect(bands(3, 1)).toEqual([1, 1, 1]);
  });
});

/** A one-page PDF with the page dictionary (object 3) and content stream (object 4) given, offsets counted. */
function minimalPdf(pageDict: string, content: Buffer): Buffer {
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(pageDict),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    at += obj.length;
    parts.push(obj);
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}
