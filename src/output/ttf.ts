// What the text layer needs of a TrueType font, read straight from its tables: the glyph of each character (cmap
// format 4 or 12), every glyph's advance width (hmtx), the metrics a PDF font descriptor states, and its PostScript
// name. fontkit read the same, but loading it was a third of a second of the first PDF of every run.

export interface TrueTypeFont {
  name: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
  /** Advance widths by glyph id, in font units. */
  advances: number[];
  /** Glyph id of each character the font maps. */
  glyphs: Map<number, number>;
}

function tables(data: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const count = data.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const offset = data.readUInt32BE(at + 8);
    out.set(data.toString('latin1', at, at + 4), data.subarray(offset, offset + data.readUInt32BE(at + 12)));
  }
  return out;
}

/** Format 12 (full Unicode) or 4 (the Basic Multilingual Plane) of the Windows Unicode cmap. */
function characterMap(cmap: Buffer): Map<number, number> {
  const glyphs = new Map<number, number>();
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => ({ platform: cmap.readUInt16BE(4 + i * 8), encoding: cmap.readUInt16BE(6 + i * 8), table: cmap.subarray(cmap.readUInt32BE(8 + i * 8)) }));
  const unicode = subtables.filter((s) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10)));
  const full = unicode.find((s) => s.table.readUInt16BE(0) === 12);
  if (full) {
    const t = full.table;
    for (let g = 0, n = t.readUInt32BE(12); g < n; g++) {
      const [start, end, first] = [t.readUInt32BE(16 + g * 12), t.readUInt32BE(20 + g * 12), t.readUInt32BE(24 + g * 12)];
      for (let cp = start; cp <= end; cp++) glyphs.set(cp, first + cp - start);
    }
    return glyphs;
  }
  const bmp = unicode.find((s) => s.table.readUInt16BE(0) === 4);
  if (!bmp) throw new Error('font has no Unicode character map (cmap format 4 or 12)');
  const t = bmp.table;
  const segments = t.readUInt16BE(6) / 2;
  const ends = 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const ranges = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const [start, end, delta, range] = [t.readUInt16BE(starts + s * 2), t.readUInt16BE(ends + s * 2), t.readInt16BE(deltas + s * 2), t.readUInt16BE(ranges + s * 2)];
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      // idRangeOffset counts bytes from its own place in the table to the glyph id.
      const id = range === 0 ? (cp + delta) & 0xffff : t.readUInt16BE(ranges + s * 2 + range + (cp - start) * 2);
      const glyph = range !== 0 && id !== 0 ? (id + delta) & 0xffff : id;
      if (glyph !== 0) glyphs.set(cp, glyph);
    }
  }
  return glyphs;
}

/** The PostScript name (name id 6): UTF-16 in Windows records, single bytes in Macintosh ones. */
function postscriptName(name: Buffer): string {
  const strings = name.readUInt16BE(4);
  for (let i = 0, n = name.readUInt16BE(2); i < n; i++) {
    const at = 6 + i * 12;
    if (name.readUInt16BE(at + 6) !== 6) continue;
    const text = name.subarray(strings + name.readUInt16BE(at + 10), strings + name.readUInt16BE(at + 10) + name.readUInt16BE(at + 8));
    return name.readUInt16BE(at) === 1 ? text.toString('latin1') : Buffer.from(text).swap16().toString('utf16le');
  }
  return 'Font';
}

export function readTrueType(data: Buffer): TrueTypeFont {
  const t = tables(data);
  const need = (tag: string) => t.get(tag) ?? (() => { throw new Error(`font has no ${tag} table`); })();
  const [head, hhea, hmtx, maxp, os2] = [need('head'), need('hhea'), need('hmtx'), need('maxp'), t.get('OS/2')];
  const metrics = hhea.readUInt16BE(34);
  const advances = Array.from({ length: maxp.readUInt16BE(4) }, (_, id) => hmtx.readUInt16BE(Math.min(id, metrics - 1) * 4));
  const ascent = hhea.readInt16BE(4);
  return {
    name: postscriptName(need('name')),
    unitsPerEm: head.readUInt16BE(18),
    ascent,
    descent: hhea.readInt16BE(6),
    capHeight: os2 && os2.readUInt16BE(0) >= 2 ? os2.readInt16BE(88) : ascent,
    bbox: [head.readInt16BE(36), head.readInt16BE(38), head.readInt16BE(40), head.readInt16BE(42)],
    advances,
    glyphs: characterMap(need('cmap')),
  };
}
