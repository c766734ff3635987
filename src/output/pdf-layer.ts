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
 * Glyphs straight from the font's character map, not laid out by fontkit: shaping was nine tenths of writing a
 * PDF, and an invisible layer needs neither kerning nor ligatures (one glyph per character also keeps ToUnicode
 * exact). The embedded font is the whole font file, so its widths and ToUnicode cover every glyph used here.
 */
export interface GlyphSource {
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number };
}

const glyphCache = new WeakMap<GlyphSource, Map<number, { hex: string; width: number }>>();

/** A text's glyph ids (hex, as the Identity-H encoded font takes them) and its width at size 1. */
function shape(source: GlyphSource, text: string): { glyphs: PDFHexString; width: number } {
  let cache = glyphCache.get(source);
  if (!cache) glyphCache.set(source, (cache = new Map()));
  let hex = '';
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    let glyph = cache.get(cp);
    if (!glyph) {
      const g = source.glyphForCodePoint(cp);
      cache.set(cp, (glyph = { hex: g.id.toString(16).padStart(4, '0'), width: g.advanceWidth / source.unitsPerEm }));
    }
    hex += glyph.hex;
    width += glyph.width;
  }
  return { glyphs: PDFHexString.of(hex), width };
}

/** Draws the lines of words, each line's words apart by a space so that extracted text keeps the word breaks. */
export function drawInvisibleLines(page: PDFPage, font: PDFFont, source: GlyphSource, lines: PlacedWord[][]): void {
  const key = page.node.newFontDictionary(font.name, font.ref);
  const ops = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of lines) {
    line.forEach((word, i) => {
      const size = Math.max(word.height, 1);
      const natural = shape(source, word.text).width * size;
      const squeeze = natural > 0 ? (100 * word.width) / natural : 100;
      const { glyphs } = shape(source, i < line.length - 1 ? `${word.text} ` : word.text);
      ops.push(setFontAndSize(key, size), setCharacterSqueeze(Math.round(squeeze * 100) / 100), setTextMatrix(1, 0, 0, 1, word.x, word.y + word.height * DESCENT), showText(glyphs));
    });
  }
  ops.push(endText());
  page.pushOperators(...ops);
}
