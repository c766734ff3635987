import { describe, expect, it } from 'vitest';
import { withEnDashes } from '../src/ocr/dashes.js';
import type { OcrWord } from '../src/types.js';

const word = (text: string, x0: number, width: number, height = 40): OcrWord => ({ text, confidence: 90, page: 1, line: 1, block: 1, box: { x0, y0: 100, x1: x0 + width, y1: 100 + height } });

describe('dashes told by their width', () => {
  it('reads a "—" as narrow as an en dash as "–", in the words and the text', () => {
    // Letter words 40 high: an en dash about 24 wide, an em dash about 50.
    const words = [word('giai', 0, 70), word('đoạn', 80, 90), word('2019', 180, 80), word('—', 270, 24, 3), word('2023.', 300, 95)];
    const out = withEnDashes(words, 'giai đoạn 2019 — 2023.\n');
    expect(out.text).toBe('giai đoạn 2019 – 2023.\n');
    expect(out.words[3]!.text).toBe('–');
    expect(out.words[3]!.box).toEqual(words[3]!.box);
  });

  it('keeps a "—" an em wide, and hyphens as read', () => {
    const words = [word('Hà', 0, 50), word('—', 60, 50, 3), word('Nội', 120, 60), word('-', 190, 24, 3), word('Huế', 220, 70)];
    const text = 'Hà — Nội - Huế\n';
    expect(withEnDashes(words, text).text).toBe(text);
  });
});
