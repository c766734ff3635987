// An invisible text layer (render mode 3) of words at their boxes, as OCR software draws one: each word set in
// the embedded Unicode font at its line's height and on its line's baseline, stretched (Tz) to its own box's
// width, so that selecting, copying and searching find the words where the page image shows them. The content
// stream is written as text and compressed at once: pdf-lib's operator objects for a 200-page document's
// words took some 100 MB until it was saved.
import { deflateSync } from 'node:zlib';
import { PDFName, PDFPage, PDFRef } from '@cantoo/pdf-lib';

/** A word's box in PDF user space (points, origin bottom left). */
export interface PlacedWord {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Share of a line box's height below the baseline (descenders): Noto Serif's descender is 0.29 of its 1.36 em height. */
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
function shape(source: GlyphSource, text: string): { glyphs: string; width: number } {
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
  return { glyphs: hex, width };
}

/** An affine map [a b c d e f] from the frame the words are placed in to the page's user space. */
export type Frame = [number, number, number, number, number, number];
const UPRIGHT: Frame = [1, 0, 0, 1, 0, 0];

/** A number as a content stream writes it: at most 2 decimals, no trailing zeros. */
const num = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Draws the lines of words, each line's words apart by a space so that extracted text keeps the word breaks.
 * A line's words share its font size and baseline (the tallest word's box, the lowest box bottom): sized to its
 * own thin box, the dash of "kinh tế - xã hội" was a 1 pt glyph above the line's baseline, which pdftotext read as
 * a block of its own and gave at the end of the page. `frame` maps the words' coordinates onto the page: a page shown turned
 * (/Rotate) has its words placed as it is seen, and drawn turned with it.
 */
export function drawInvisibleLines(page: PDFPage, font: { name: string; ref: PDFRef }, source: GlyphSource, lines: PlacedWord[][], frame: Frame = UPRIGHT): void {
  if (!lines.length) return;
  const [a, b, c, d, e, f] = frame;
  const key = page.node.newFontDictionary(font.name, font.ref).asString();
  const ops = ['BT', '3 Tr'];
  for (const line of lines) {
    const height = Math.max(...line.map((w) => w.height), 1);
    const bottom = Math.min(...line.map((w) => w.y));
    const baseline = bottom + height * DESCENT;
    ops.push(`${key} ${num(height)} Tf`);
    line.forEach((word, i) => {
      const natural = shape(source, word.text).width * height;
      const squeeze = natural > 0 ? (100 * word.width) / natural : 100;
      const { glyphs } = shape(source, i < line.length - 1 ? `${word.text} ` : word.text);
      const x = a * word.x + c * baseline + e;
      const y = b * word.x + d * baseline + f;
      ops.push(`${num(squeeze)} Tz ${[a, b, c, d, x, y].map(num).join(' ')} Tm <${glyphs}> Tj`);
    });
  }
  ops.push('ET');
  const { context } = page.doc;
  page.node.addContentStream(context.register(context.stream(deflateSync(Buffer.from(ops.join('\n'), 'latin1')), { Filter: PDFName.of('FlateDecode') })));
}
