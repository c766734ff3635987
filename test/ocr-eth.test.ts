import { describe, expect, it } from 'vitest';
import { withDForEth } from '../src/ocr/eth.js';
import type { OcrWord } from '../src/types.js';

const word = (text: string, line: number): OcrWord => ({ text, confidence: 80, page: 1, line, block: 1, box: { x0: 0, y0: 10 * line, x1: 50, y1: 10 * line + 9 } });

describe("the eth OCR reads for Đ", () => {
  it('reads a Đ read twice, or read as an eth, as the page\'s Đ, in the words and the text', () => {
    const words = [word('Số:', 1), word('84/QĐÐ-UBND', 1), word('174/HÐĐND-VH', 2), word('TT-ÐT', 3), word('ðã', 3)];
    const out = withDForEth(words, 'Số: 84/QĐÐ-UBND\n174/HÐĐND-VH\nTT-ÐT ðã\n');
    expect(out.words.map((w) => w.text)).toEqual(['Số:', '84/QĐ-UBND', '174/HĐND-VH', 'TT-ĐT', 'đã']);
    expect(out.words[1]!.box).toEqual(words[1]!.box);
    expect(out.text).toBe('Số: 84/QĐ-UBND\n174/HĐND-VH\nTT-ĐT đã\n');
  });

  it('leaves a page without an eth as it was', () => {
    const words = [word('QĐ-UBND', 1)];
    expect(withDForEth(words, 'QĐ-UBND\n')).toEqual({ words, text: 'QĐ-UBND\n' });
  });
});
