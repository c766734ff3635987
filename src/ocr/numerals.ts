// Roman numerals with a stroke too few: tesseract reads a heading's "III." as "II." and "khóa XII" as "XI". Each
// of a numeral's capitals is a glyph of its own in print, an I a narrow one, a V or an X a wide one; a numeral
// whose narrow glyphs are more than the I's read gets its I's back, the V's and X's kept as read.
import type { GreyImage, OcrWord } from '../types.js';
import { withWordTexts } from './figures.js';
import { glyphsIn } from './glyphs.js';

/** A word read as a numeral of I, V and X, a stop, comma or bracket after it. */
const NUMERAL = /^([IVX]{1,7})([.,;:)]?)$/;
const VALID = /^X{0,3}(?:IX|IV|V?I{0,3})$/;
/** A capital's glyph is at least this share of the word box's height; a stop or comma is well under it. */
const TALL = 0.7;
/** An I's glyph is at most this share as wide as tall (0.47 in a serif face), a V's or an X's about 0.9. */
const NARROW = 0.65;

/** The numeral `word` shows, or null when its glyphs do not tell one apart from its reading. */
export function numeralShown(image: GreyImage, word: OcrWord): string | null {
  const read = NUMERAL.exec(word.text);
  if (!read) return null;
  const { x0, y0, x1, y1 } = word.box;
  const height = y1 - y0;
  if (x0 < 0 || y0 < 0 || x1 > image.width || y1 > image.height || height <= 0) return null;
  const tall = glyphsIn(image, x0, y0, x1, y1).filter((g) => g.bottom - g.top + 1 >= TALL * height);
  const wide = [...read[1]!].filter((c) => c !== 'I');
  const shapes = tall.map((g) => (g.x1 - g.x0 <= NARROW * (g.bottom - g.top + 1) ? 'I' : 'wide'));
  if (shapes.filter((s) => s === 'wide').length !== wide.length) return null;
  let k = 0;
  const shown = shapes.map((s) => (s === 'I' ? 'I' : wide[k++]!)).join('');
  return shown !== read[1] && shown.length > read[1]!.length && VALID.test(shown) ? shown + read[2] : null;
}

/** The page's words with each numeral read a stroke short given as printed ("II." → "III."), in `text` too. */
export function withNumeralsShown(words: readonly OcrWord[], text: string, image: GreyImage): { words: OcrWord[]; text: string } {
  return withWordTexts(words, text, (w) => numeralShown(image, w));
}
