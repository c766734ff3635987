import { describe, expect, it } from 'vitest';
import { alignChars } from '../src/restore/channel/align.js';
import { ocrWordTokens } from '../src/restore/channel/ocr-tokens.js';
import { loadRestorer, loadModel } from '../src/restore/index.js';
import { detectMode } from '../src/restore/detect.js';
import { CandidateIndex } from '../src/restore/candidates.js';
import { OcrChannel } from '../src/restore/channel/ocr-channel.js';
import { DEFAULT_MODEL } from '../src/restore/index.js';
import { tokenize } from '../src/text/tokenize.js';
import path from 'node:path';

const model = loadModel(DEFAULT_MODEL);
const index = new CandidateIndex(model);
const channel = OcrChannel.load(path.join(path.dirname(DEFAULT_MODEL), 'channel-eng.json'), model, index);
const names = (seen: string) => channel.candidates(seen).map((c) => model.vocab[c.id]);

describe('character alignment', () => {
  it('pairs substitutions, insertions and deletions', () => {
    const pairs = alignChars('của', 'ciia');
    expect(pairs).toHaveLength(4);
    expect(pairs).toContainEqual(['ủ', 'i']);
    expect(pairs).toContainEqual(['', 'i']);
    expect(pairs[0]).toEqual(['c', 'c']);
    expect(pairs[3]).toEqual(['a', 'a']);
    expect(alignChars('số', 's')).toEqual([['s', 's'], ['ố', '']]);
  });
});

describe('learned English-model OCR channel', () => {
  it.each([
    ['s6', 'số'],
    ['ciia', 'của'],
    ['vé', 'về'],
    ['thué', 'thuế'],
    ['uiy', 'ủy'],
  ])('offers %s -> %s among the candidates', (seen, truth) => {
    expect(names(seen)).toContain(truth);
  });

  it('scores a likely confusion above an unlikely one', () => {
    expect(channel.logProb('số', 's6')).toBeGreaterThan(channel.logProb('số', 'sx'));
    expect(channel.logProb('của', 'của')).toBeGreaterThan(channel.logProb('của', 'ciia'));
  });
});

describe('OCR tokens', () => {
  it('turns damaged words into words and keeps codes and numbers protected', () => {
    const tokens = ocrWordTokens(tokenize('Ké hoach s6 265-KH/TU, S& Tinh @y nam 2025'));
    const words = tokens.filter((t) => t.kind === 'word').map((t) => t.text);
    expect(words).toEqual(['Ké', 'hoach', 's6', 'S&', 'Tinh', '@y', 'nam']);
    expect(tokens.filter((t) => t.kind === 'protected').map((t) => t.text)).toEqual(['265-KH/TU', '2025']);
    expect(tokens.map((t) => t.text).join('')).toBe('Ké hoach s6 265-KH/TU, S& Tinh @y nam 2025');
  });
});

describe('input detection', () => {
  const known = (key: string) => index.forms(key).length > 0;
  it.each([
    ['Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo tình hình triển khai kế hoạch trên địa bàn tỉnh.', 'correct'],
    ['Ban Tuyen giao va Dan van Tinh uy bao cao tinh hinh trien khai ke hoach tren dia ban tinh.', 'unaccented'],
    ['Ban Tuyén gido va Dan van Tinh iy bao céo tinh hinh trién khai Ké hoach s6 ciia tinh.', 'ocr-eng'],
  ])('%s -> %s', (text, mode) => {
    expect(detectMode(tokenize(text), known).mode).toBe(mode);
  });
});

describe('restoring English-model OCR', async () => {
  const restorer = await loadRestorer();
  it('repairs a garbled line written for this test', () => {
    const result = restorer.restore('Ban Tuyén gido va Dan van Tinh iy bao céo két qua trién khai Ké hoach s6 265-KH/TU ciia tinh.');
    expect(result.mode).toBe('ocr-eng');
    expect(result.text).toBe('Ban Tuyên giáo và Dân vận Tỉnh ủy báo cáo kết quả triển khai Kế hoạch số 265-KH/TU của tỉnh.');
  });

  it('takes words that are also names of object properties', () => {
    const result = restorer.restore('Ké hoach s6 ciia Tinh iy: constructor __proto__ toString.', { mode: 'ocr-eng' });
    expect(result.text).toMatch(/^Kế hoạch số của Tỉnh ủy: /);
  });

  it('leaves correct text alone even when told it was OCR', () => {
    const text = 'Sở Khoa học và Công nghệ tổ chức tập huấn chuyển đổi số cho cán bộ, công chức trên địa bàn tỉnh.';
    expect(restorer.restore(text, { source: 'ocr' }).text).toBe(text);
  });
});
