// A name OCR misread once among its repeats takes the document's spelling; typed text is never touched.
import { describe, expect, it } from 'vitest';
import { LanguageModel } from '../src/restore/lm/model.js';
import { trainModel } from '../src/restore/index.js';
import { harmoniseNames } from '../src/restore/doc-names.js';
import { Restorer } from '../src/restore/restorer.js';
import { tokenize } from '../src/text/tokenize.js';

const repeat = (lines: string[], n: number) => Array.from({ length: n }, () => lines).flat();
const TEXT = repeat(['ủy ban nhân dân tỉnh Quảng Ngãi họp.', 'huyện Đức Phổ và xã Đức Phú.', 'em ngồi ngõ nhỏ.', 'tỉnh Quảng Ngãi.', 'ông Quảng Ngài.'], 3);
const model = LanguageModel.fromBuffer(trainModel(() => TEXT, { minWordCount: 1, minTrigramCount: 1 }));

const harmonised = (text: string) => {
  const tokens = tokenize(text);
  const output = tokens.map((t) => t.text);
  const changed = harmoniseNames(tokens, output, model);
  return { text: output.join(''), changed };
};

describe('document names', () => {
  it('gives a capitalised pair read once the spelling the document repeats, in its own case', () => {
    const { text, changed } = harmonised('TỈNH QUẢNG NGÕI\nQuảng Ngãi, ngày 5. Tỉnh Quảng Ngãi họp.');
    expect(text).toBe('TỈNH QUẢNG NGÃI\nQuảng Ngãi, ngày 5. Tỉnh Quảng Ngãi họp.');
    expect(changed).toEqual([{ at: 4, repeats: 2 }]);
  });

  it('keeps a pair the model knows, a pair repeated only once, and lower-case words', () => {
    // "Đức Phú" is a place of its own beside Đức Phổ.
    expect(harmonised('Đức Phổ, Đức Phổ và Đức Phú.').changed).toEqual([]);
    expect(harmonised('Quảng Ngãi và Quảng Ngõi.').changed).toEqual([]);
    expect(harmonised('Quảng Ngãi, Quảng Ngãi, quảng ngõi.').changed).toEqual([]);
  });

  it('leaves a pair alone when two repeated spellings are one letter from it', () => {
    expect(harmonised('Quảng Ngãi, Quảng Ngãi, Quảng Ngài, Quảng Ngài, Quảng Ngải.').text).toContain('Quảng Ngải.');
  });

  it('runs on OCR text only, and records its change', () => {
    const restorer = new Restorer(model, 'old', new Set());
    const text = 'Quảng Ngõi họp. Tỉnh Quảng Ngãi. Tỉnh Quảng Ngãi.';
    const ocr = restorer.restore(text, { source: 'ocr' });
    expect(ocr.text.startsWith('Quảng Ngãi họp.')).toBe(true);
    expect(ocr.changes).toContainEqual({ line: 0, column: 6, from: 'Ngõi', to: 'Ngãi', confidence: 0.667 });
    expect(restorer.restore(text, { mode: 'correct' }).text).toBe(text);
  });
});
