// An invisible text layer (render mode 3) of words at their boxes, as OCR software draws one: each word set in
// the embedded Unicode font, sized to its box's height and stretched (Tz) to its width, so that selecting,
// copying and searching find the words where the page image shows them.
import { beginText, endText, PDFFont, PDFPage, setCharacterSqueeze, setFontAndSize, setTextMatrix, setTextRenderingMode, showText, TextRenderingMode } from '@cantoo/pdf-lib';

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

/** Draws the lines of words, each line's words apart by a space so that extracted text keeps the word breaks. */
export function drawInvisibleLines(page: PDFPage, font: PDFFont, lines: PlacedWord[][]): void {
  const key = page.node.newFontDictionary(font.name, font.ref);
  const ops = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of lines) {
    line.forEach((word, i) => {
      const text = i < line.length - 1 ? `${word.text} ` : word.text;
      const size = Math.max(word.height, 1);
      const natural = font.widthOfTextAtSize(word.text, size);
      const squeeze = natural > 0 ? (100 * word.width) / natural : 100;
      ops.push(setFontAndSize(key, size), setCharacterSqueeze(Math.round(squeeze * 100) / 100), setTextMatrix(1, 0, 0, 1, word.x, word.y + word.height * DESCENT), showText(font.encodeText(text)));
    });
  }
  ops.push(endText());
  page.pushOperators(...ops);
}
