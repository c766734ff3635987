import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { numeralShown, withNumeralsShown } from '../src/ocr/numerals.js';
import type { Box, GreyImage, OcrWord } from '../src/types.js';

/** A cut of a preprocessed page the bench's renderer drew, the word's box 10 pixels in from its corner. */
async function cut(name: string): Promise<GreyImage> {
  const { data, info } = await sharp(path.join(import.meta.dirname, '../fixtures/pages', name)).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}
const word = (text: string, box: Box, line = 1): OcrWord => ({ text, confidence: 64, page: 1, line, block: 1, box });

describe('roman numerals read a stroke short', () => {
  it('gives a heading\'s "III." read "II." its third I, in the words and the text', async () => {
    const image = await cut('numeral-iii.png');
    const read = word('II.', { x0: 10, y0: 10, x1: 81, y1: 47 });
    expect(numeralShown(image, read)).toBe('III.');
    const out = withNumeralsShown([read, word('TỔ', { x0: 90, y0: 10, x1: 99, y1: 47 })], 'II. TỔ\n', image);
    expect(out.text).toBe('III. TỔ\n');
    expect(out.words[0]!.box).toEqual(read.box);
  });

  it('keeps the V\'s and X\'s as read: "XI," read for "XII,"', async () => {
    expect(numeralShown(await cut('numeral-xii.png'), word('XI,', { x0: 10, y0: 10, x1: 89, y1: 53 }))).toBe('XII,');
  });

  it('leaves a numeral read as printed, and a word that is none', async () => {
    const image = await cut('numeral-ii.png');
    expect(numeralShown(image, word('II.', { x0: 10, y0: 10, x1: 61, y1: 47 }))).toBeNull();
    expect(numeralShown(image, word('Il.', { x0: 10, y0: 10, x1: 61, y1: 47 }))).toBeNull();
  });
});
