import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/eval/index.js';
import { extractPages } from '../src/ocr/index.js';
import { bandCuts, recognizeInBands } from '../src/ocr/bands.js';
import { encodePnm } from '../src/ocr/pnm.js';
import { SCHEMA_VERSION } from '../src/structure/types.js';
import { CACHE_DIR, createOcrEngine, withoutLeptonica, type OcrEngine } from '../src/ocr/engine.js';
import { ocrImage } from '../src/ocr/page.js';
import { decodeGrey } from '../src/preprocess/index.js';
import { writePdf } from '../scripts/lib/pdf.js';
import { projectRoot, runCli } from './helpers/cli.js';

const fixture = (p: string) => path.join(projectRoot, 'fixtures', p);
const engine = createOcrEngine({ jobs: 1, recycleAfter: 2 });
const getEngine = async () => engine;
afterAll(() => engine.terminate());

describe('OCR with the Vietnamese model', () => {
  it('reads a clean page almost exactly, with words, boxes and confidences', async () => {
    const truth = await readFile(fixture('text/line.txt'), 'utf8');
    const [page] = await extractPages(fixture('pages/line.png'), getEngine, { textLayer: 'auto', preprocess: true });
    expect(evaluate(truth, page!.text).cer).toBeLessThan(0.03);
    expect(page!.source).toBe('ocr');
    const word = page!.words.find((w) => w.text === 'Khoa')!;
    expect(word.confidence).toBeGreaterThan(50);
    expect(word.box.x1).toBeGreaterThan(word.box.x0);
    expect(word.page).toBe(1);
  });

  it('levels a tilted JPEG before reading it, and reads TIFF', async () => {
    const truth = await readFile(fixture('text/line.txt'), 'utf8');
    for (const file of ['pages/line-tilted.jpg', 'pages/line.tiff']) {
      const [page] = await extractPages(fixture(file), getEngine, { textLayer: 'auto', preprocess: true });
      expect(evaluate(truth, page!.text).cer, file).toBeLessThan(0.05);
    }
  });

  it.each([90, 180, 270])('turns a page scanned at %i degrees the right way up', async (angle) => {
    const truth = await readFile(fixture('text/line.txt'), 'utf8');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-orient-'));
    const file = path.join(dir, `turned-${angle}.png`);
    const sharp = (await import('sharp')).default;
    await sharp(fixture('pages/line.png')).rotate(angle).toFile(file);
    const [page] = await extractPages(file, getEngine, { textLayer: 'auto', preprocess: true });
    expect(evaluate(truth, page!.text).cer).toBeLessThan(0.05);
    // Read upright, turned back the other way: the page's size and its words' boxes are the upright page's, lines
    // running across (tesseract alone reads a page at 90 degrees down its lines, boxes taller than wide).
    expect(page!.turned).toBe(360 - angle);
    expect(page!.width!).toBeGreaterThan(3 * page!.height!);
    const words = page!.words.filter((w) => w.text.length >= 3);
    expect(words.every((w) => w.box.x1 - w.box.x0 > w.box.y1 - w.box.y0 && w.box.x1 <= page!.width! && w.box.y1 <= page!.height!)).toBe(true);
  });

  it('skips blank pages and uses a real PDF text layer unless told not to', async () => {
    const [blank] = await extractPages(fixture('pages/blank.png'), getEngine, { textLayer: 'auto', preprocess: true });
    expect(blank!.skipped).toBe('blank');
    const [layer] = await extractPages(fixture('pages/text-layer.pdf'), getEngine, { textLayer: 'auto', preprocess: true });
    expect(layer!.source).toBe('text-layer');
    const [ocr] = await extractPages(fixture('pages/text-layer.pdf'), getEngine, { textLayer: 'never', preprocess: true });
    expect(ocr!.source).toBe('ocr');
    expect(ocr!.text).toContain('Khoa học');
  });

  it('reads an image as one block when asked, and the next page with its own layout again', async () => {
    const truth = await readFile(fixture('text/line.txt'), 'utf8');
    const image = encodePnm(await decodeGrey(fixture('pages/line.png')), false);
    const before = await engine.recognize(image, 1);
    const block = await engine.recognize(image, 1, { block: true });
    expect(evaluate(truth, block.text).cer).toBeLessThan(0.05);
    expect(await engine.recognize(image, 1)).toEqual(before);
  });

  it('reads an image as one word when asked, and the next page with its own layout again', async () => {
    const image = encodePnm(await decodeGrey(fixture('pages/line.png')), false);
    const before = await engine.recognize(image, 1);
    // A whole line read as one word comes out as one word, its spaces lost or the line cut short.
    expect((await engine.recognize(image, 1, { word: true })).words).toHaveLength(1);
    expect(await engine.recognize(image, 1)).toEqual(before);
  });

  it('caches the language data in the project, not the current folder', () => {
    expect(existsSync(path.join(CACHE_DIR, 'fast', 'vie.traineddata'))).toBe(true);
    expect(existsSync(path.join(process.cwd(), 'vie.traineddata'))).toBe(false);
  });
});

describe('offline', () => {
  it('runs OCR, restoration and structure with every network connection refused', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-offline-'));
    const log = path.join(dir, 'network.log');
    const result = await runCli(['run', fixture('pages/line.png'), '-o', path.join(dir, 'out')], {
      NODE_OPTIONS: `--require ${path.join(projectRoot, 'test/helpers/no-network.cjs')}`,
      VNOCR_NETWORK_LOG: log,
    });
    expect(result.stderr).not.toMatch(/network access attempted/);
    expect(result.code).toBe(0);
    expect(existsSync(log)).toBe(false);
    expect(await readFile(path.join(dir, 'out', 'line.txt'), 'utf8')).toContain('Khoa học');
    const json = JSON.parse(await readFile(path.join(dir, 'out', 'line.json'), 'utf8'));
    expect(json.schemaVersion).toBe(SCHEMA_VERSION);
    expect(json.source.textSources).toEqual(['ocr']);
    expect(json.words.length).toBeGreaterThan(10);
    expect(json.words[0]).toMatchObject({ page: 1, box: { x0: expect.any(Number), y1: expect.any(Number) }, confidence: expect.any(Number) });
    expect(json.restoration.mode).toBe('ocr-vie');
  });

  it('the guard itself refuses connections (so the test above can fail)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-offline-'));
    const log = path.join(dir, 'network.log');
    const { spawnSync } = await import('node:child_process');
    const probe = spawnSync(process.execPath, ['--require', path.join(projectRoot, 'test/helpers/no-network.cjs'), '-e', "require('node:net').connect(80, '127.0.0.1')"], {
      env: { ...process.env, VNOCR_NETWORK_LOG: log },
    });
    expect(probe.status).not.toBe(0);
    expect(await readFile(log, 'utf8')).toMatch(/connect/);
  });
});

describe('vnocr ocr', () => {
  it('prints the raw text of the pages asked for and validates --pages', async () => {
    const ok = await runCli(['ocr', fixture('pages/line.png'), '--pages', '1']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Khoa học');
    const bad = await runCli(['ocr', fixture('pages/line.png'), '--pages', '3-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--pages must be page numbers and ranges/);
    const beyond = await runCli(['ocr', fixture('pages/line.png'), '--pages', '2']);
    expect(beyond.code).toBe(1);
    expect(beyond.stderr).toMatch(/line\.png: has 1 page\(s\); asked for page 2/);
  });

  it('prints every page of an image-only PDF in page order, separated by form feeds', async () => {
    const sharp = (await import('sharp')).default;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-pages-'));
    const file = path.join(dir, 'two.pdf');
    const page = async (input: Buffer) => {
      const { data, info } = await sharp(input).greyscale().jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
      return { jpeg: data, width: info.width, height: info.height, dpi: 200 };
    };
    // The fixture's two lines of text, one per page, so the order of the output can be checked.
    const line = await readFile(fixture('pages/line.png'));
    const band = (top: number, height: number) =>
      sharp(line).extract({ left: 0, top, width: 1654, height }).extend({ top: 150, bottom: 150, background: '#ffffff' }).toBuffer();
    // The first line's ink ends at row 222, the second's starts at 236.
    await writeFile(file, writePdf([await page(await band(150, 79)), await page(await band(229, 80))]));
    const result = await runCli(['ocr', file]);
    expect(result.code).toBe(0);
    const pages = result.stdout.split('\f\n');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Khoa học');
    expect(pages[0]).not.toContain('cán bộ');
    expect(pages[1]).toContain('cán bộ');
  });
});

describe('quiet', () => {
  it('vnocr ocr and vnocr run print no tesseract diagnostics', async () => {
    // Small dark specks beside the letters make tesseract report "Detected N diacritics" on stderr.
    const sharp = (await import('sharp')).default;
    const { data, info } = await sharp(fixture('sample/report-page1.jpg')).extract({ left: 0, top: 0, width: 1695, height: 600 }).greyscale().raw().toBuffer({ resolveWithObject: true });
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let k = 0; k < 1000; k++) {
      const x = Math.floor(random() * (info.width - 3));
      const y = Math.floor(random() * (info.height - 3));
      for (let dy = 0; dy < 3; dy++) data.fill(0, (y + dy) * info.width + x, (y + dy) * info.width + x + 3);
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-quiet-'));
    const file = path.join(dir, 'speckled.png');
    await sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toFile(file);
    const ocr = await runCli(['ocr', file]);
    expect(ocr.code).toBe(0);
    expect(ocr.stdout).toMatch(/\p{L}{3}/u);
    expect(ocr.stderr).toBe('');
    const run = await runCli(['run', file, '-o', path.join(dir, 'out'), '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(/diacritics|Estimating|Detected/);
  });
});

describe('one page spread over several workers', () => {
  it('cuts between lines, never through one, and reads the bands as one page', async () => {
    const sharp = (await import('sharp')).default;
    const line = await readFile(fixture('pages/line.png'));
    const { width = 0, height = 0 } = await sharp(line).metadata();
    const composed = await sharp({ create: { width, height: height * 4 + 120, channels: 3, background: '#ffffff' } })
      .composite([0, 1, 2, 3].map((i) => ({ input: line, left: 0, top: i * (height + 40) })))
      .threshold(128)
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const page = { data: composed.data, width: composed.info.width, height: composed.info.height };
    const cuts = bandCuts(page, 2);
    expect(cuts).toHaveLength(1);
    // The cut falls in the white gap after the second line, not inside a line.
    expect(cuts[0]).toBeGreaterThan(2 * height);
    expect(cuts[0]).toBeLessThan(2 * height + 80);

    const whole = await engine.recognize(encodePnm(page, true), 1);
    const spread = await recognizeInBands(engine, page, true, 1, 2);
    expect(spread.text.trim()).toBe(whole.text.trim());
    expect(spread.words.map((w) => w.text)).toEqual(whole.words.map((w) => w.text));
    // Boxes and line numbers are those of the whole page.
    for (const [i, w] of spread.words.entries()) expect(Math.abs(w.box.y0 - whole.words[i]!.box.y0)).toBeLessThanOrEqual(3);
    expect(new Set(spread.words.map((w) => w.line)).size).toBe(new Set(whole.words.map((w) => w.line)).size);
  });

  it('cuts where half the ink lies above, not at half the height', async () => {
    const sharp = (await import('sharp')).default;
    const line = await readFile(fixture('pages/line.png'));
    const { width = 0, height = 0 } = await sharp(line).metadata();
    // Three copies at the top, a wide blank stretch, one copy at the bottom: half the text ends with copy two.
    const tops = [0, height + 40, 2 * (height + 40), 12 * height];
    const composed = await sharp({ create: { width, height: 13 * height + 40, channels: 3, background: '#ffffff' } })
      .composite(tops.map((top) => ({ input: line, left: 0, top })))
      .threshold(128)
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const page = { data: composed.data, width: composed.info.width, height: composed.info.height };
    const inkRows = Array.from({ length: height }, (_, y) => y).filter((y) => page.data.subarray(y * width, (y + 1) * width).some((v) => v < 128));
    const cuts = bandCuts(page, 2);
    expect(cuts).toHaveLength(1);
    // Between the last text row of copy two and the first of copy three (half the height lies far below).
    expect(cuts[0]).toBeGreaterThan(tops[1]! + inkRows.at(-1)!);
    expect(cuts[0]).toBeLessThan(tops[2]! + inkRows[0]!);
  });
});

describe('preprocessed or as scanned', () => {
  /** An engine that reads bilevel (preprocessed) and grey (as scanned) pages with the confidences and word counts given. */
  function judgedEngine(preprocessed: { confidence: number; words: number }, scanned: { confidence: number; words: number }) {
    const reads: string[] = [];
    const engine: OcrEngine = {
      async recognize(image, page) {
        const kind = image.subarray(0, 2).toString() === 'P4' ? 'preprocessed' : 'scanned';
        reads.push(kind);
        const { confidence, words } = kind === 'preprocessed' ? preprocessed : scanned;
        // Boxes over the whole page: no ink is left unread for the missed-text step to read again.
        const list = Array.from({ length: words }, (_, i) => ({ text: kind, confidence, page, line: i, box: { x0: 0, y0: 0, x1: 100_000, y1: 100_000 } }));
        return { text: list.map((w) => w.text).join('\n'), words: list, confidence };
      },
      terminate: async () => {},
    };
    return { engine, reads };
  }
  const page = async () => decodeGrey(await readFile(fixture('pages/line.png')));

  it('reads a sure preprocessed page once', async () => {
    const { engine, reads } = judgedEngine({ confidence: 96, words: 10 }, { confidence: 99, words: 10 });
    // At 300 DPI: nothing for preprocessing to upsample.
    const result = await ocrImage({ ...(await page()), dpi: 300 }, 1, async () => engine, true, 1);
    expect(reads).toEqual(['preprocessed']);
    expect(result.text).toContain('preprocessed');
  });

  it('reads a page that preprocessing only upsampled as scanned too, however sure, and keeps the surer reading', async () => {
    for (const [scanned, kept] of [[97, 'scanned'], [95, 'preprocessed']] as const) {
      const { engine, reads } = judgedEngine({ confidence: 96, words: 10 }, { confidence: scanned, words: 10 });
      const result = await ocrImage({ ...(await page()), dpi: 150 }, 1, async () => engine, true, 1);
      expect(reads).toEqual(['preprocessed', 'scanned']);
      expect(result.text.split('\n')[0]).toBe(kept);
    }
  });

  it('keeps the page as scanned when preprocessing left it less sure, with its own size', async () => {
    const image = await page();
    const { engine, reads } = judgedEngine({ confidence: 85, words: 10 }, { confidence: 92, words: 9 });
    const result = await ocrImage(image, 1, async () => engine, true, 1);
    expect(reads).toEqual(['preprocessed', 'scanned']);
    expect(result.text).toContain('scanned');
    expect(result.text).not.toContain('preprocessed');
    expect([result.width, result.height]).toEqual([image.width, image.height]);
  });

  it('counts only confident words: many unsure words (bleed-through read as text) do not keep the preprocessed reading', async () => {
    const { engine } = judgedEngine({ confidence: 50, words: 30 }, { confidence: 90, words: 10 });
    expect((await ocrImage(await page(), 1, async () => engine, true, 1)).text).toContain('scanned');
  });

  it('keeps the preprocessed reading when the scan as it was is less sure, or lost words', async () => {
    for (const scanned of [{ confidence: 82, words: 10 }, { confidence: 95, words: 5 }]) {
      const { engine, reads } = judgedEngine({ confidence: 85, words: 10 }, scanned);
      const result = await ocrImage(await page(), 1, async () => engine, true, 1);
      expect(reads).toEqual(['preprocessed', 'scanned']);
      expect(result.text).toContain('preprocessed');
    }
  });
});

describe("tesseract's own diagnostics", () => {
  it("leaves leptonica's lines out of stderr and every other line as it is", () => {
    const chunk = 'Error in boxClipToRectangle: box outside rectangle\nvnocr: done a.pdf (1 page(s), 2.0 s)\nError in pixScanForForeground: invalid box\n';
    expect(withoutLeptonica(chunk)).toBe('vnocr: done a.pdf (1 page(s), 2.0 s)\n');
    expect(withoutLeptonica('vnocr: a.pdf: error in page 2: unreadable image\n')).toBe('vnocr: a.pdf: error in page 2: unreadable image\n');
  });

  it('does so for a process that has an OCR engine', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-leptonica-'));
    const script = path.join(dir, 'write.mts');
    const engineModule = path.join(path.resolve(import.meta.dirname, '..'), 'src/ocr/engine.ts');
    await writeFile(
      script,
      [
        `const { createOcrEngine } = await import(${JSON.stringify(engineModule)});`,
        'const engine = createOcrEngine({ jobs: 1 });',
        "process.stderr.write('Error in pixScanForForeground: invalid box\\n');",
        "process.stderr.write('kept\\n');",
        'await engine.terminate();',
      ].join('\n'),
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('kept\n');
    expect(child.status).toBe(0);
  }, 30_000);
});
