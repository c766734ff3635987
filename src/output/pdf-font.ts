// The text layer's font (fonts/NotoSerif-vi.ttf, a Vietnamese subset of Noto Serif), embedded whole as a CID
// font (Identity-H) with its widths and a ToUnicode map. Its streams are made and compressed once per process and
// then only registered in each document: pdf-lib's own embedding re-read the font (with fontkit) and deflated it
// in JavaScript for every document, 40-250 ms each.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFRef, PDFString } from '@cantoo/pdf-lib';
import type { GlyphSource } from './pdf-layer.js';
import { readTrueType } from './ttf.js';

const FONT_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fonts/NotoSerif-vi.ttf');

/** The font as a document's text layer uses it: its resource reference and where its glyphs are read. */
export interface LayerFont {
  ref: PDFRef;
  name: string;
  glyphs: GlyphSource;
}

interface FontParts {
  name: string;
  glyphs: GlyphSource;
  file: Buffer;
  fileLength: number;
  toUnicode: Buffer;
  /** The W array: first glyph id, then the widths (1/1000 em) of the glyphs from it on. */
  widths: (number | number[])[];
  metrics: { ascent: number; descent: number; capHeight: number; bbox: number[] };
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const utf16 = (codePoint: number) => Buffer.from(String.fromCodePoint(codePoint), 'utf16le').swap16().toString('hex');

/** The ToUnicode CMap: each glyph id to the character it was drawn for (the first in code point order when several share it). */
function toUnicodeCmap(pairs: [number, number][]): string {
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const chunk = pairs.slice(i, i + 100);
    chunks.push(`${chunk.length} beginbfchar\n${chunk.map(([gid, cp]) => `<${hex4(gid)}> <${utf16(cp)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

async function buildParts(): Promise<FontParts> {
  const bytes = await readFile(FONT_FILE);
  const font = readTrueType(bytes);
  const glyphs: GlyphSource = {
    unitsPerEm: font.unitsPerEm,
    glyphForCodePoint: (cp) => {
      const id = font.glyphs.get(cp) ?? 0;
      return { id, advanceWidth: font.advances[id]! };
    },
  };
  const scale = 1000 / font.unitsPerEm;
  // Each glyph's first character in code point order, for ToUnicode.
  const byGlyph = new Map<number, number>();
  for (const [cp, id] of [...font.glyphs].sort((x, y) => x[0] - y[0])) if (id > 0 && !byGlyph.has(id)) byGlyph.set(id, cp);
  const widths = font.advances.map((w) => Math.round(w * scale));
  return {
    name: font.name,
    glyphs,
    file: deflateSync(bytes),
    fileLength: bytes.length,
    toUnicode: deflateSync(toUnicodeCmap([...byGlyph].sort((a, b) => a[0] - b[0]))),
    widths: [0, widths],
    metrics: { ascent: font.ascent * scale, descent: font.descent * scale, capHeight: font.capHeight * scale, bbox: font.bbox.map((v) => v * scale) },
  };
}

let parts: Promise<FontParts> | undefined;

/** Adds the font's objects to the document (made on the first call of the process) and returns its reference. */
export async function embedLayerFont(pdf: PDFDocument): Promise<LayerFont> {
  const p = await (parts ??= buildParts());
  const { context } = pdf;
  const file = context.register(context.stream(p.file, { Filter: 'FlateDecode', Length1: p.fileLength }));
  const toUnicode = context.register(context.stream(p.toUnicode, { Filter: 'FlateDecode' }));
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: p.name,
      Flags: 4,
      FontBBox: p.metrics.bbox,
      ItalicAngle: 0,
      Ascent: p.metrics.ascent,
      Descent: p.metrics.descent,
      CapHeight: p.metrics.capHeight,
      StemV: 0,
      FontFile2: file,
    }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: p.name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      CIDToGIDMap: 'Identity',
      W: p.widths,
    }),
  );
  const ref = context.register(context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: p.name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
  return { ref, name: p.name, glyphs: p.glyphs };
}
