// Text a PDF page shows in its annotations' appearances, which its text layer lacks. A digitally signed
// document's signing software stamps the number and the day into the printed form as signature widgets ("11" after
// "Số:", "08" after "ngày"), and the Công báo box as another: pdf.js's text content is the page's own content only,
// so the layer read "Số: /TB-UBND … ngày tháng 01" where the page (and pdftotext) show "Số: 11 /TB-UBND … ngày 08".
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** An annotation's text: its rectangle (PDF user space, [x0, y0, x1, y1]) and its lines. */
export interface AnnotationText {
  rect: number[];
  lines: string[];
}

/** The text each visible annotation's appearance draws, line by line; none when the page has no such annotation. */
export async function annotationTexts(page: PDFPageProxy): Promise<AnnotationText[]> {
  const annotations = await page.getAnnotations();
  if (!annotations.some((a) => a.hasAppearance)) return [];
  const { AnnotationMode, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const list = await page.getOperatorList({ annotationMode: AnnotationMode.ENABLE });
  const out: AnnotationText[] = [];
  let current: AnnotationText | null = null;
  let lineY: number | null = null;
  const newLine = () => {
    if (current && current.lines[current.lines.length - 1] !== '') current.lines.push('');
  };
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.beginAnnotation) (current = { rect: args[1] as number[], lines: [''] }), (lineY = null);
    else if (fn === OPS.endAnnotation && current) {
      const lines = current.lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if (lines.length) out.push({ rect: current.rect, lines });
      current = null;
    } else if (!current) return;
    else if (fn === OPS.showText || fn === OPS.showSpacedText) {
      for (const glyph of args[0] as unknown[]) {
        // A glyph carries its text; a number is a shift, a word space when wide (thousandths of the font size).
        if (glyph && typeof glyph === 'object' && 'unicode' in glyph) current.lines[current.lines.length - 1] += (glyph as { unicode: string }).unicode;
        else if (typeof glyph === 'number' && glyph < -200) current.lines[current.lines.length - 1] += ' ';
      }
    } else if (fn === OPS.nextLine || fn === OPS.nextLineShowText || fn === OPS.nextLineSetSpacingShowText) newLine();
    else if (fn === OPS.moveText || fn === OPS.setLeadingMoveText) {
      if ((args[1] as number) !== 0) newLine();
    } else if (fn === OPS.setTextMatrix) {
      const y = (args[0] as number[] | undefined)?.[5] ?? (args[5] as number);
      if (lineY !== null && y !== lineY) newLine();
      lineY = y;
    }
  });
  return out;
}

/** A text content item as the layer is built from it: its text, where it starts, and whether a line ends after it. */
export interface LayerItem {
  str: string;
  x: number;
  y: number;
  height: number;
  hasEOL: boolean;
}

/**
 * The page's lines from its text items, with each annotation's text put where it is drawn: a one-line text on the
 * line its rectangle sits on, after the items left of it ("Số:" + "11" + "/TB-UBND"); a longer one (a box of
 * several lines) as lines of its own, before the first line below it.
 */
export function layerWithAnnotations(items: readonly LayerItem[], annotations: readonly AnnotationText[]): string {
  const lines: { items: LayerItem[]; y: number; height: number; joined?: boolean }[] = [];
  let open: LayerItem[] = [];
  const closeLine = () => {
    if (open.length) lines.push({ items: open, y: open[0]!.y, height: Math.max(...open.map((o) => o.height)) });
    open = [];
  };
  for (const item of items) {
    open.push(item);
    if (item.hasEOL) closeLine();
  }
  closeLine();
  const before = new Map<number, string[]>();
  for (const { rect, lines: text } of annotations) {
    const [x0, y0, , y1] = rect as [number, number, number, number];
    const on = text.length === 1 ? lines.find((l) => l.y >= y0 - l.height / 2 && l.y <= y1) : undefined;
    if (on) {
      const at = on.items.findIndex((it) => it.x >= x0 && it.str.trim());
      const inserted: LayerItem = { str: ` ${text[0]} `, x: x0, y: on.y, height: on.height, hasEOL: false };
      on.items.splice(at < 0 ? on.items.length : at, 0, inserted);
      on.joined = true;
      continue;
    }
    // Lines run down the page (y falls): the box goes before the first line that starts below its top.
    let k = lines.findIndex((l) => l.y < y1);
    if (k < 0) k = lines.length;
    before.set(k, [...(before.get(k) ?? []), ...text]);
  }
  const out: string[] = [];
  lines.forEach((l, k) => {
    out.push(...(before.get(k) ?? []));
    const text = l.items.map((it) => it.str).join('');
    // The spaces around an inserted text, where the line had its own: one.
    out.push(l.joined ? text.replace(/ {2,}/g, ' ') : text);
  });
  out.push(...(before.get(lines.length) ?? []));
  return out.join('\n');
}
