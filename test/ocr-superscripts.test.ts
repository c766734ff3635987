import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lostMarker, withLostMarkers } from '../src/ocr/superscripts.js';
import type { Box, GreyImage, OcrWord } from '../src/types.js';

/** A cut of a preprocessed page the bench's renderer drew, as the OCR stage holds it. */
async function cut(name: string): Promise<GreyImage> {
  const { data, info } = await sharp(path.join(import.meta.dirname, '../fixtures/pages', name)).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}
const word = (text: string, box: Box, confidence = 96): OcrWord => ({ text, confidence, page: 1, line: 1, block: 1, box });
/** The page's median word height the two cuts were read at. */
const LINE = 42;

describe('footnote markers the reading lost', () => {
  it('reads a superscript figure after the last letter, before the stop ("khăn³." read "khăn.")', async () => {
    const image = await cut('footnote-marker.png');
    const khan = word('khăn.', { x0: 60, y0: 40, x1: 211, y1: 83 }, 57);
    expect(lostMarker(image, khan, LINE, Infinity)).toBe('³');
    const out = withLostMarkers([word('khó', { x0: 0, y0: 44, x1: 44, y1: 83 }), khan], 'khó khăn.\n', image);
    expect(out.words.map((w) => w.text)).toEqual(['khó', 'khăn³.']);
    expect(out.words[1]!.box).toEqual(khan.box);
    expect(out.text).toBe('khó khăn³.\n');
  });

  it('takes no letter on the line for a marker: the "c" after the dot below "ụ" ends where the line is', async () => {
    const image = await cut('dot-below.png');
    expect(lostMarker(image, word('phục', { x0: 60, y0: 40, x1: 177, y1: 91 }), LINE, 194)).toBe('');
  });

  it('passes over a semicolon after the marker, and a letter of a figure\'s size before it ("dự¹;", "Gốc¹,")', async () => {
    // The next word's left edge bounds the cut.
    expect(lostMarker(await cut('semicolon-marker.png'), word('dự;', { x0: 20, y0: 20, x1: 112, y1: 72 }, 0), 44, 128)).toBe('¹');
    const goc = word('Gốc,', { x0: 20, y0: 20, x1: 137, y1: 70 }, 8);
    const out = withLostMarkers([goc], 'Gốc,\n', await cut('letter-before-marker.png'));
    expect(out.text).toBe('Gốc¹,\n');
  });

  it('reads a marker OCR misread as a mark, however sure, and leaves a true closing bracket', async () => {
    const image = await cut('misread-marks.png');
    const bracket = word('b/c);', { x0: 24, y0: 21, x1: 122, y1: 66 }, 33);
    const misread = { ...word('thể);', { x0: 296, y0: 233, x1: 402, y1: 283 }, 96), line: 2 };
    const out = withLostMarkers([bracket, misread], 'b/c);\nthể);\n', image);
    expect(out.words.map((w) => w.text)).toEqual(['b/c);', 'thể³;']);
    expect(out.text).toBe('b/c);\nthể³;\n');
    const marked = word('khăn!.', { x0: 60, y0: 40, x1: 211, y1: 83 });
    expect(withLostMarkers([marked], 'khăn!.\n', await cut('footnote-marker.png')).text).toBe('khăn³.\n');
  });

  it('reads a marker misread after a closing quote, as "Š", or as a digit on the line after letters or a year\'s four digits', async () => {
    // Cuts of the v4 layout-dev scans; each word's box and the next word's left edge in the cut.
    const read = async (file: string, text: string, box: Box, confidence: number, right: number) => {
      const w = word(text, box, confidence);
      return withLostMarkers([w, { ...w, text: 'x', box: { x0: right, y0: box.y0, x1: right + 30, y1: box.y1 } }], `${text} x\n`, await cut(file)).words[0]!.text;
    };
    expect(await read('quote-marker.png', 'tộc”?', { x0: 20, y0: 20, x1: 129, y1: 72 }, 74, 148)).toBe('tộc”¹');
    expect(await read('caron-marker.png', 'uốngŠ;', { x0: 20, y0: 20, x1: 169, y1: 75 }, 89, 187)).toBe('uống³;');
    expect(await read('digit-marker.png', 'tỉnh1,', { x0: 20, y0: 20, x1: 146, y1: 70 }, 79, 163)).toBe('tỉnh¹,');
    expect(await read('year-marker.png', '20251.', { x0: 20, y0: 20, x1: 159, y1: 63 }, 93, 176)).toBe('2025¹.');
  });

  it('sets back a marker lost after a closing bracket, and leaves a figure read sure as it is', async () => {
    const image = await cut('bracket-marker.png');
    const next = word('x', { x0: 138, y0: 20, x1: 160, y1: 70 });
    const at = (confidence: number) => withLostMarkers([word('06),', { x0: 20, y0: 20, x1: 121, y1: 70 }, confidence), next], '06), x\n', image).text;
    expect(at(41)).toBe('06)², x\n');
    expect(at(97)).toBe('06), x\n');
  });

  it('looks only after a lower-case letter: a code\'s capitals, whose end a blurred page gives as a marker, are left', async () => {
    const image = await cut('footnote-marker.png');
    const code = word('NĐ-CP.', { x0: 60, y0: 40, x1: 211, y1: 83 }, 51);
    expect(withLostMarkers([code], 'NĐ-CP.\n', image).text).toBe('NĐ-CP.\n');
  });
});
