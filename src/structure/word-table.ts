// A document's OCR words as the structure stage reads them: columns of typed arrays, filled once a parse. The
// words reach the stage as objects of many shapes (restored or not, changed or not), and the passes over them
// (the page rebuilt from their boxes, each field's evidence) read them thousands of times.
import type { OcrWord } from '../types.js';

export interface WordTable {
  readonly length: number;
  readonly page: Float64Array;
  /** The OCR line each word was read in, numbered within its page. */
  readonly line: Float64Array;
  readonly x0: Float64Array;
  readonly y0: Float64Array;
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  /** OCR confidence, 0..100. */
  readonly confidence: Float64Array;
  /** The word as restored, or as read where restoration left it. */
  readonly restored: readonly string[];
  /** 1 for a word OCR read as blank (tesseract boxes a picture as one): no word of the text. */
  readonly blank: Uint8Array;
}

export function wordTable(words: readonly OcrWord[]): WordTable {
  const n = words.length;
  const t = {
    length: n,
    page: new Float64Array(n),
    line: new Float64Array(n),
    x0: new Float64Array(n),
    y0: new Float64Array(n),
    x1: new Float64Array(n),
    y1: new Float64Array(n),
    confidence: new Float64Array(n),
    restored: new Array<string>(n),
    blank: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    const { box } = w;
    t.page[i] = w.page;
    t.line[i] = w.line;
    t.x0[i] = box.x0;
    t.y0[i] = box.y0;
    t.x1[i] = box.x1;
    t.y1[i] = box.y1;
    t.confidence[i] = w.confidence;
    t.restored[i] = w.restored ?? w.text;
    t.blank[i] = w.text.trim() ? 0 : 1;
  }
  return t;
}
