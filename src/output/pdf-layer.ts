// An invisible text layer (render mode 3) of words at their boxes, as OCR software draws one: each word set in
// the embedded Unicode font, sized to its box's height and stretched (Tz) to its width, so that selecting,
// copying and searching find the words where the page image shows them.
import { beginText, endText, PDFFont, PDFHexString, PDFPage, setCharacterSqueeze, setFontAndSize, setTextMatrix, setTextRenderingMode, showText, TextRenderingMode } from '@cantoo/pdf-lib';

/** A word's box in PDF user space (points, origin bottom left). */
export interface PlacedWord {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Share of a word box's height below the baseline (descenders): Noto Serif's descender is 0.29 of its 1.36 em height. */
const DESCENT = 0.2;

/**
 * Each distinct word's glyphs and width at size 1, per font: laying text out (fontkit's shaping) was nine tenths of
 * writing a PDF, and a document repeats its words.
 */
const shaped = new WeakMap<PDFFont, Map<string, { glyphs: PDFHexString; width: number }>>();

function shape(font: PDFFont, text: string): { glyphs: PDFHexString; width: number } {
  let cache = shaped.get(font);
  if (!cache) shaped.set(font, (cache = new Map()));
  let known = cache.get(text);
  if (!known) cache.set(text, (known = { glyphs: font.encodeText(text), width: font.widthOfTextAtSize(text, 1) }));
  return known;
}

/** Draws the lines of words, each line's words apart by a space so that extracted text keeps the word breaks. */
export function drawInvisibleLines(page: PDFPage, font: PDFFont, lines: PlacedWord[][]): void {
  const key = page.node.newFontDictionary(font.name, font.ref);
  const ops = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of lines) {
    line.forEach((word, i) => {
      const size = Math.max(word.height, 1);
      const natural = shape(font, word.text).width * size;
      const squeeze = natural > 0 ? (100 * word.width) / natural : 100;
      const { glyphs } = shape(font, i < line.length - 1 ? `${word.text} ` : word.text);
      ops.push(setFontAndSize(key, size), setCharacterSqueeze(Math.round(squeeze * 100) / 100), setTextMatrix(1, 0, 0, 1, word.x, word.y + word.height * DESCENT), showText(glyphs));
    });
  }
  ops.push(endText());
  page.pushOperators(...ops);
}
