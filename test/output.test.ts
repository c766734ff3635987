import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { joinParts, renderAlto, renderHocr, renderPdf } from '../src/output/index.js';
import { withoutInvisibleText } from '../src/output/pdf-content.js';
import { ocrBlocks } from '../src/ocr/layout.js';
import { openPdf, renderPdfPage } from '../src/ingest/pdf.js';
import { textBlocks } from '../src/text/lines.js';
import type { DocumentModel, OcrWord, PageText } from '../src/types.js';
import { writePdf } from '../scripts/lib/pdf.js';
import { projectRoot } from './helpers/cli.js';

const schemas = path.join(projectRoot, 'test/schemas');

async function altoErrors(xml: string): Promise<string[]> {
  const [alto, xlink] = await Promise.all([readFile(path.join(schemas, 'alto-4-4.xsd'), 'utf8'), readFile(path.join(schemas, 'xlink.xsd'), 'utf8')]);
  const result = await validateXML({ xml: [{ fileName: 'out.alto.xml', contents: xml }], schema: [alto], preload: [{ fileName: 'xlink.xsd', contents: xlink }] });
  return result.errors.map((e) => e.rawMessage);
}

/** The text of every page of a PDF as pdf.js extracts it, with the words' left and right edges in points. */
async function pdfText(file: string): Promise<{ pages: string[]; items: { str: string; x0: number; x1: number }[][] }> {
  const doc = await openPdf(file);
  try {
    const pages: string[] = [];
    const items: { str: string; x0: number; x1: number }[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const runs = content.items.filter((i) => 'str' in i);
      pages.push(runs.map((i) => i.str + (i.hasEOL ? '\n' : '')).join(''));
      items.push(runs.filter((i) => i.str.trim()).map((i) => ({ str: i.str, x0: i.transform[4], x1: i.transform[4] + i.width })));
    }
    return { pages, items };
  } finally {
    await doc.destroy();
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** An output written in UTF-8 parts, as one string. */
const utf8 = (parts: Uint8Array[]) => Buffer.concat(parts).toString('utf8');
const altoText = (doc: DocumentModel) => utf8(renderAlto(doc));

const word = (text: string, x0: number, line: number, restored?: string): OcrWord => ({
  text,
  confidence: 71.5,
  page: 1,
  line,
  block: 1,
  paragraph: 1,
  box: { x0, y0: 100 + line * 60, x1: x0 + 40 * text.length, y1: 140 + line * 60 },
  ...(restored === undefined ? {} : { restored, ...(restored !== text ? { alternatives: [text], restoredConfidence: 0.875 } : {}) }),
});

/** A one-page OCR'd document of fixtures/pages/line.png with restored words at made-up boxes. */
function lineDocument(): DocumentModel {
  const words = [word('Sở', 40, 0, 'Sở'), word('Khoa', 200, 0, 'Khoa'), word('hoc', 420, 0, 'học'), word('<&>', 40, 1, '<&>'), word('tinh', 240, 1, 'tỉnh')];
  const page: PageText = { page: 1, text: 'Sở Khoa hoc\n<&> tinh\n', source: 'ocr', words, blocks: ocrBlocks(words), width: 1654, height: 420, dpi: 200 };
  return { file: path.join(projectRoot, 'fixtures/pages/line.png'), pages: [page] };
}

describe('ALTO 4.4', () => {
  it('is valid against the schema, with restored CONTENT, WC and the OCR reading as ALTERNATIVE', async () => {
    const xml = altoText(lineDocument());
    expect(await altoErrors(xml)).toEqual([]);
    expect(xml).toContain('<String ID="P1_B1_L1_S3" HPOS="420" VPOS="100" WIDTH="120" HEIGHT="40" CONTENT="học" WC="0.875">');
    expect(xml).toContain('<ALTERNATIVE PURPOSE="OCR">hoc</ALTERNATIVE>');
    expect(xml).toContain('CONTENT="Khoa" WC="0.715"/>');
    expect(xml).toContain('CONTENT="&lt;&amp;&gt;"');
  });

  it('stays valid for text pages, which have lines without positions, and for blank pages', async () => {
    const text = 'Sở Khoa học\n\ntrien khai';
    const doc: DocumentModel = {
      file: 'notes.txt',
      pages: [
        { page: 1, text, source: 'text', words: [], blocks: textBlocks(text) },
        { page: 2, text: '', source: 'ocr', words: [], blocks: [], skipped: 'blank', width: 100, height: 100 },
      ],
    };
    const xml = altoText(doc);
    expect(await altoErrors(xml)).toEqual([]);
    expect(xml.match(/<TextBlock /g)).toHaveLength(2);
    expect(xml).toContain('<String ID="P1_B2_L1_S1" CONTENT="trien"/>');
  });

  it('fails validation when it should: a String without CONTENT', async () => {
    const broken = altoText(lineDocument()).replace(' CONTENT="Khoa"', '');
    expect((await altoErrors(broken)).join('\n')).toMatch(/CONTENT/);
  });
});

describe('hOCR 1.2', () => {
  it('holds the restored words in ocr_page, ocr_carea, ocr_par, ocr_line and ocrx_word, with bbox and x_wconf', () => {
    const html = utf8(renderHocr(lineDocument()));
    for (const cls of ['ocr_page', 'ocr_carea', 'ocr_par', 'ocr_line', 'ocrx_word']) expect(html).toContain(`class="${cls}"`);
    expect(html).toContain('title="image &quot;line.png&quot;; bbox 0 0 1654 420; ppageno 0; scan_res 200 200"');
    const words = [...html.matchAll(/<span class="ocrx_word" id="[^"]+" title="bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)">(.*?)<\/span>\n/g)];
    expect(words.map((m) => m[6])).toEqual([
      'Sở',
      'Khoa',
      '<span class="alternatives"><ins class="alt" title="nlp 0.134">học</ins><del class="alt" title="nlp 2.079">hoc</del></span>',
      '&lt;&amp;&gt;',
      '<span class="alternatives"><ins class="alt" title="nlp 0.134">tỉnh</ins><del class="alt" title="nlp 2.079">tinh</del></span>',
    ]);
    expect(html).toContain('ocrp_nlp');
    expect(words[2]!.slice(1, 6)).toEqual(['420', '100', '540', '140', '88']);
    expect(words[1]![5]).toBe('72');
  });
});

describe('TrueType tables read for the text layer', () => {
  it('give the glyphs, advance widths and metrics fontkit reads from the same font', async () => {
    const { readTrueType } = await import('../src/output/ttf.js');
    const fontkit = (await import('@pdf-lib/fontkit')).default;
    const bytes = await readFile(path.join(projectRoot, 'fonts/NotoSerif-vi.ttf'));
    const font = readTrueType(bytes);
    const reference = fontkit.create(bytes) as unknown as { characterSet: number[]; postscriptName: string; unitsPerEm: number; ascent: number; descent: number; numGlyphs: number; glyphForCodePoint(cp: number): { id: number; advanceWidth: number } };
    const chars = reference.characterSet.filter((cp) => cp !== 0xffff);
    expect(chars.length).toBeGreaterThan(400);
    expect(chars.map((cp) => [cp, font.glyphs.get(cp), font.advances[font.glyphs.get(cp)!]])).toEqual(chars.map((cp) => [cp, reference.glyphForCodePoint(cp).id, reference.glyphForCodePoint(cp).advanceWidth]));
    expect([font.name, font.unitsPerEm, font.ascent, font.descent, font.advances.length]).toEqual([reference.postscriptName, reference.unitsPerEm, reference.ascent, reference.descent, reference.numGlyphs]);
    // Vietnamese letters the layer must be able to set: ự (U+1EF1), đ, ỗ.
    for (const ch of 'ựđỗ') expect(font.glyphs.get(ch.codePointAt(0)!)).toBeGreaterThan(0);
  });
});

describe('searchable PDF', () => {
  it('puts the restored words over the unchanged image, at their boxes, and reads as PDF/A-2b metadata says', async () => {
    const doc = lineDocument();
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-pdf-')), 'line.pdf');
    await writeFile(file, await joinParts((await renderPdf(doc))!));
    const { pages, items } = await pdfText(file);
    expect(pages).toHaveLength(1);
    expect(squash(pages[0]!)).toBe('Sở Khoa học <&> tỉnh');
    // 1654 px at 200 DPI is 595.44 pt: a box at 420..540 px lies at 151.2..194.4 pt, within 2 px (0.72 pt).
    const hoc = items[0]!.find((i) => i.str.startsWith('học'))!;
    expect(Math.abs(hoc.x0 - 151.2)).toBeLessThan(0.72);
    expect(Math.abs(hoc.x1 - 194.4)).toBeLessThan(0.72);
    const bytes = await readFile(file);
    const text = bytes.toString('latin1');
    expect(text).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(text).toMatch(/\/OutputIntents/);
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toMatch(/\/ToUnicode/);
    expect(text).toMatch(/\/ID \[/);
  });

  it("sets a line's words at its height and on its baseline, a thin dash's box too", async () => {
    const words = [word('tế', 40, 0, 'tế'), { ...word('-', 140, 0, '-'), box: { x0: 140, y0: 118, x1: 160, y1: 122 } }, word('xã', 200, 0, 'xã')];
    const doc: DocumentModel = { ...lineDocument(), pages: [{ ...lineDocument().pages[0]!, words, blocks: ocrBlocks(words) }] };
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-dash-')), 'dash.pdf');
    await writeFile(file, await joinParts((await renderPdf(doc))!));
    const pdf = await openPdf(file);
    try {
      const items = (await (await pdf.getPage(1)).getTextContent()).items.filter((i) => 'str' in i && i.str.trim());
      const placed = (s: string) => items.find((i) => 'str' in i && i.str.includes(s)) as { transform: number[]; height: number };
      // A word sized to its own 4 px box would be a 1.4 pt glyph 8 px above the others.
      expect(placed('-').transform[5]).toBeCloseTo(placed('xã').transform[5]!, 2);
      expect(placed('-').height).toBeCloseTo(placed('tế').height, 2);
      expect(placed('-').height).toBeGreaterThan(10);
    } finally {
      await pdf.destroy();
    }
  });

  it("passes a PNG's compressed pixels through, and they decode to the same page", async () => {
    const png = path.join(projectRoot, 'fixtures/pages/line.png');
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-png-')), 'line.pdf');
    const pdf = await joinParts((await renderPdf(lineDocument()))!);
    await writeFile(file, pdf);
    const bytes = await readFile(png);
    const idat = bytes.indexOf('IDAT');
    expect(pdf.includes(bytes.subarray(idat + 4, idat + 4 + 4096))).toBe(true);
    const doc = await openPdf(file);
    try {
      const page = await renderPdfPage(doc, 1, file);
      const original = await sharp(png).greyscale().resize(page.width, page.height, { fit: 'fill' }).raw().toBuffer();
      const mean = (d: Uint8Array) => d.reduce((a, b) => a + b, 0) / d.length;
      expect(Math.abs(mean(page.data) - mean(original))).toBeLessThan(2);
    } finally {
      await doc.destroy();
    }
  });

  it('passes a JPEG through unchanged, at its own size', async () => {
    const jpeg = path.join(projectRoot, 'fixtures/pages/line-tilted.jpg');
    const meta = await sharp(jpeg).metadata();
    const doc: DocumentModel = { file: jpeg, pages: [{ ...lineDocument().pages[0]!, width: meta.width, height: meta.height }] };
    const pdf = await joinParts((await renderPdf(doc))!);
    expect(pdf.includes(await readFile(jpeg))).toBe(true);
    const size = pdf.toString('latin1').match(/\/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]/)!;
    const dpi = meta.density && meta.density > 72 ? meta.density : 300;
    expect(Number(size[1])).toBeCloseTo((meta.width! / dpi) * 72, 1);
    expect(Number(size[2])).toBeCloseTo((meta.height! / dpi) * 72, 1);
  });

  it('replaces a garbled invisible layer with the repaired text, and copies a born-digital page through', async () => {
    const { data, info } = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-repair-'));
    const garbled = 'So Khoa hoc va Cong nghe';
    const file = path.join(dir, 'garbled.pdf');
    await writeFile(file, writePdf([{ jpeg: data, width: info.width, height: info.height, dpi: 200, textLines: [garbled] }, { jpeg: data, width: info.width, height: info.height, dpi: 200, textLines: ['Born digital'] }]));
    const restoredForms = ['Sở', 'Khoa', 'học', 'và', 'Công', 'nghệ'];
    const words = garbled.split(' ').map((text, i) => ({ text, restored: restoredForms[i]!, ...(restoredForms[i] !== text ? { alternatives: [text] } : {}) }));
    const doc: DocumentModel = {
      file,
      pages: [
        { page: 1, text: garbled, source: 'text-layer', words: [], blocks: [{ lines: [{ words }] }] },
        { page: 2, text: 'Born digital', source: 'text-layer', words: [], blocks: textBlocks('Born digital').map((b) => ({ lines: b.lines.map((l) => ({ words: l.words.map((w) => ({ ...w, restored: w.text })) })) })) },
      ],
    };
    const out = path.join(dir, 'out.pdf');
    await writeFile(out, await joinParts((await renderPdf(doc))!));
    const { pages, items } = await pdfText(out);
    expect(squash(pages[0]!)).toBe('Sở Khoa học và Công nghệ');
    expect(squash(pages[1]!)).toBe('Born digital');
    // The repaired words sit where the old layer had its text (60 pt from the left).
    expect(items[0]![0]!.x0).toBeCloseTo(60, 0);
  });

  /**
   * The PDF's first page shows `words` in its upright view (pdf.js's, /Rotate applied) where their boxes are,
   * running left to right: the view `width` pixels wide, as OCR read it.
   */
  async function expectUpright(out: string, words: readonly OcrWord[], width: number, label: string, upright?: string): Promise<void> {
    const pdf = await openPdf(out);
    try {
      if (upright) {
        // The page shows the image as OCR read it: nearer the upright image than that image turned over.
        const shown = await renderPdfPage(pdf, 1, out);
        const like = async (angle: number) => {
          const image = await sharp(upright).rotate(angle).greyscale().resize(shown.width, shown.height, { fit: 'fill' }).raw().toBuffer();
          return image.reduce((sum, v, i) => sum + Math.abs(v - shown.data[i]!), 0) / image.length;
        };
        expect(shown.width, label).toBeGreaterThan(shown.height);
        expect(await like(0), label).toBeLessThan(await like(180));
      }
      const page = await pdf.getPage(1);
      const view = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
      const [va, vb, vc, vd, ve] = view.transform as number[];
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.trim());
      expect(items.map((i) => ('str' in i ? i.str.trim() : ''))).toEqual(words.map((w) => w.restored));
      items.forEach((item, n) => {
        if (!('str' in item)) return;
        const [a, b, , , e, f] = item.transform as number[];
        // Where the word starts, and which way it runs, in the pixels of the upright view.
        const x = va! * e + vc! * f + ve!;
        const direction = [va! * a + vc! * b, vb! * a + vd! * b];
        expect(Math.abs(x - words[n]!.box.x0), `${label} ${item.str}`).toBeLessThan(2);
        expect(direction[0]).toBeGreaterThan(0);
        expect(Math.abs(direction[1]!)).toBeLessThan(1e-6);
      });
    } finally {
      await pdf.destroy();
    }
  }

  it('lines the layer up with a page turned by /Rotate, as OCR saw it upright', async () => {
    const { PDFDocument, degrees } = await import('@cantoo/pdf-lib');
    const { data, info } = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-rotate-'));
    for (const rotate of [90, 180, 270]) {
      const source = await PDFDocument.load(writePdf([{ jpeg: data, width: info.width, height: info.height, dpi: 200 }]));
      source.getPage(0).setRotation(degrees(rotate));
      const file = path.join(dir, `turned-${rotate}.pdf`);
      await writeFile(file, await source.save());
      // The page as pdf.js renders it for OCR: turned, so a quarter turn swaps its sides.
      const [width, height] = rotate === 180 ? [info.width, info.height] : [info.height, info.width];
      const words = [word('Sở', 20, 0, 'Sở'), word('học', 150, 1, 'học')];
      const doc: DocumentModel = { file, pages: [{ page: 1, text: 'Sở\nhọc\n', source: 'ocr', words, blocks: ocrBlocks(words), width, height, dpi: 200 }] };
      const out = path.join(dir, `out-${rotate}.pdf`);
      await writeFile(out, await joinParts((await renderPdf(doc))!));
      await expectUpright(out, words, width, `${rotate}°`);
    }
  });

  it('shows a page OCR turned upright (scanned sideways or upside down) upright, its layer lined up', async () => {
    const { PDFDocument, degrees } = await import('@cantoo/pdf-lib');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-turned-'));
    const words = [word('Sở', 20, 0, 'Sở'), word('học', 150, 1, 'học')];
    // OCR read the page upright, 1654 × 420 px as line.png is, turned by `turned` from the view it was given.
    const page = (turned: number): PageText => ({ page: 1, text: 'Sở\nhọc\n', source: 'ocr', words, blocks: ocrBlocks(words), width: 1654, height: 420, dpi: 200, turned });
    for (const angle of [90, 180, 270]) {
      const scanned = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).rotate(angle).greyscale().jpeg().toBuffer({ resolveWithObject: true });
      const image = path.join(dir, `scan-${angle}.jpg`);
      await writeFile(image, scanned.data);
      await writeFile(`${image}.pdf`, await joinParts((await renderPdf({ file: image, pages: [page(360 - angle)] }))!));
      await expectUpright(`${image}.pdf`, words, 1654, `${angle}° image`, path.join(projectRoot, 'fixtures/pages/line.png'));
    }
    // A PDF page with a /Rotate of its own, shown by it a quarter turn from upright: OCR turned it the rest of the way.
    const scanned = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).rotate(180).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    const source = await PDFDocument.load(writePdf([{ jpeg: scanned.data, width: scanned.info.width, height: scanned.info.height, dpi: 200 }]));
    source.getPage(0).setRotation(degrees(90));
    const file = path.join(dir, 'rotated.pdf');
    await writeFile(file, await source.save());
    await writeFile(`${file}.out.pdf`, await joinParts((await renderPdf({ file, pages: [page(90)] }))!));
    await expectUpright(`${file}.out.pdf`, words, 1654, '/Rotate 90 then 90°', path.join(projectRoot, 'fixtures/pages/line.png'));
  });

  it('cuts only invisible text objects out of a content stream', () => {
    const content = Buffer.from('q 10 0 0 10 0 0 cm /Im0 Do Q\nBT 3 Tr /F1 11 Tf (old \\) ET) Tj ET\nBT 0 Tr (seen) Tj ET\nBI /W 1 /H 1 ID \x00BT\x01 EI\n');
    const cleaned = Buffer.from(withoutInvisibleText(content)!).toString('latin1');
    expect(cleaned).not.toContain('old');
    expect(cleaned).toContain('BT 0 Tr (seen) Tj ET');
    expect(cleaned).toContain('/Im0 Do');
    expect(cleaned).toContain('ID \x00BT\x01 EI');
    expect(withoutInvisibleText(Buffer.from('BT (seen) Tj ET'))).toBeUndefined();
  });
});

describe('vnocr run --formats txt,json,pdf,alto,hocr', () => {
  it('writes each from the same restored words: the PDF text and the hOCR words are the .txt, the ALTO is valid', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const out = await mkdtemp(path.join(os.tmpdir(), 'vnocr-formats-'));
    const input = path.join(projectRoot, 'fixtures/pages/text-layer.pdf');
    const run = await runCli(['run', input, '-o', out, '--formats', 'txt,json,pdf,alto,hocr', '--text-layer', 'never', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const txt = await readFile(path.join(out, 'text-layer.txt'), 'utf8');
    const json = JSON.parse(await readFile(path.join(out, 'text-layer.json'), 'utf8')) as { words: OcrWord[] };
    const restored = json.words.map((w) => w.restored).filter((w) => w?.trim());
    expect(restored.join(' ')).toBe(squash(txt));
    const { pages } = await pdfText(path.join(out, 'text-layer.pdf'));
    expect(pages).toHaveLength(1);
    expect(squash(pages[0]!)).toBe(squash(txt));
    const hocr = await readFile(path.join(out, 'text-layer.hocr'), 'utf8');
    // A word restoration changed holds the restored reading first (<ins>), the OCR's after it (<del>).
    const hocrWords = [...hocr.matchAll(/class="ocrx_word"[^>]*>(?:<span class="alternatives"><ins[^>]*>)?([^<]*)</g)].map((m) => m[1]);
    expect(hocrWords).toEqual(restored);
    expect(await altoErrors(await readFile(path.join(out, 'text-layer.alto.xml'), 'utf8'))).toEqual([]);
  });

  it('says in one line why a .txt input gets no PDF, and writes its other formats', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const { readdir } = await import('node:fs/promises');
    const out = await mkdtemp(path.join(os.tmpdir(), 'vnocr-txt-pdf-'));
    const input = path.join(projectRoot, 'fixtures/text/line.txt');
    const run = await runCli(['run', input, '-o', out, '--formats', 'txt,pdf,hocr']);
    expect(run.code, run.stderr).toBe(0);
    const lines = (run.stdout + run.stderr).split('\n').filter((l) => l.includes('no .pdf written'));
    expect(lines).toEqual([`vnocr: ${input}: no .pdf written: a .txt input has no page image to lay the text over (its other formats are written)`]);
    const written = (await readdir(out)).filter((f) => !f.startsWith('.'));
    expect(written).toContain('line.txt');
    expect(written).toContain('line.hocr');
    expect(written.some((f) => f.endsWith('.pdf'))).toBe(false);
  });
});
