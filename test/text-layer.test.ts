import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractPages } from '../src/ocr/index.js';
import type { OcrEngine } from '../src/ocr/engine.js';
import { preferLayer } from '../src/pipeline/text-layer.js';
import { loadRestorer } from '../src/restore/index.js';
import { writePdf } from '../scripts/lib/pdf.js';
import { projectRoot } from './helpers/cli.js';

const CORRECT = 'Ban Thường vụ Tỉnh ủy chỉ đạo đẩy mạnh công tác tuyên truyền, phổ biến giáo dục pháp luật trên địa bàn tỉnh.';
/** A layer whose producer lost every letter outside ASCII: beyond repair. */
const LOST = 'Ban Th ng v T nh y ch  o  y m nh c ng t c tuy n truy n, ph  bi n gi o d c ph p lu t c a  ng b  v  ch nh quy n c c c p tr n  a b n t nh.';
/** English-model OCR in the layer (Latin-1, as a PDF's standard fonts can carry it): repairable. */
const ENGLISH_OCR = 'Ban Tuyén gido va Dan van Tinh iy bao céo két qua trién khai Ké hoach s6 265-KH/TU ciia tinh.';

const noOcr = () => Promise.reject(new Error('a correct layer needs no OCR'));

describe('choosing between a text layer and OCR (auto)', async () => {
  const restorer = await loadRestorer();
  it('keeps a layer of correct Vietnamese without OCR', async () => {
    expect(await preferLayer(restorer, CORRECT, noOcr)).toBe(true);
  });

  it('takes OCR over a layer that restoration cannot repair, and a repairable layer over poor OCR', async () => {
    expect(await preferLayer(restorer, LOST, async () => CORRECT)).toBe(false);
    expect(await preferLayer(restorer, ENGLISH_OCR, async () => 'Ban Tuy gi Dn v Tnh b co k q trn kh K hch s 265-KH/TU c tnh.')).toBe(true);
  });
});

describe('PDF text layers', async () => {
  const { data, info } = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vnocr-layer-')), 'garbled.pdf');
  const page = (line: string) => ({ jpeg: data, width: info.width, height: info.height, dpi: 200, textLines: [line, line] });
  await writeFile(file, writePdf([page(LOST), page(LOST)]));
  let calls = 0;
  const engine: OcrEngine = {
    recognize: async () => {
      calls++;
      return { text: CORRECT, words: [], confidence: 90 };
    },
    terminate: async () => {},
  };
  const restorer = await loadRestorer();

  it('auto: judged once on a sample page; OCR wins for every page, the sample read once', async () => {
    calls = 0;
    let judged = 0;
    const pages = await extractPages(file, async () => engine, {
      textLayer: 'auto',
      preprocess: false,
      judgeLayer: async (layer, ocr) => (judged++, preferLayer(restorer, layer, ocr)),
    });
    expect(judged).toBe(1);
    expect(pages.map((p) => p.source)).toEqual(['ocr', 'ocr']);
    expect(calls).toBe(2);
  });

  it('always: the garbled layer is taken, and restoration repairs English-model OCR in it', async () => {
    const ocrFile = file.replace('garbled', 'english');
    await writeFile(ocrFile, writePdf([page(ENGLISH_OCR)]));
    const [only] = await extractPages(ocrFile, async () => engine, { textLayer: 'always', preprocess: false });
    expect(only!.source).toBe('text-layer');
    const restored = restorer.restore(only!.text);
    expect(restored.mode).toBe('ocr-eng');
    expect(restored.text).toContain('báo cáo kết quả triển khai Kế hoạch số 265-KH/TU của tỉnh.');
  });
});
