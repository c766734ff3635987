// The text a PDF page already prints (a digital stamp's "TRUNG TÂM CÔNG BÁO", typed over the scan): an OCR word
// that reads what the page prints where it prints it is not laid again in the invisible layer, or a search finds
// it twice and a copy gives both ("TRUNGTÂM TÂMCÔNG").
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { annotationTexts } from '../ingest/annotations.js';
import { foldKey } from '../text/fold.js';
import type { PlacedWord } from './pdf-layer.js';

/** A run of the page's own text: its letters and digits folded, and its box in the upright page (points, origin bottom left). */
interface PrintedRun {
  letters: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const lettersOf = (text: string) => foldKey(text.toLowerCase()).replace(/[^\p{L}\p{N}]/gu, '');

/** The runs of text page `n` of `pdf` draws, its annotations' too, in the upright view OCR read (pdf.js's viewport: /Rotate applied). */
export async function printedRuns(pdf: PDFDocumentProxy, n: number): Promise<PrintedRun[]> {
  const page = await pdf.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  // A box between two corners in user space, in the upright view; viewport points have their origin top left.
  const run = (letters: string, [x0, y0, x1, y1]: number[]): PrintedRun => {
    const corners = [viewport.convertToViewportPoint(x0!, y0!), viewport.convertToViewportPoint(x1!, y1!)];
    const xs = corners.map((c) => c[0]!);
    const ys = corners.map((c) => viewport.height - c[1]!);
    return { letters, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  };
  const runs: PrintedRun[] = [];
  for (const item of (await page.getTextContent()).items) {
    if (!('str' in item) || !lettersOf(item.str)) continue;
    const [x, y] = [item.transform[4] as number, item.transform[5] as number];
    const height = item.height || Math.hypot(item.transform[2] as number, item.transform[3] as number);
    // The run's baseline box, a fifth of its height below for descenders.
    runs.push(run(lettersOf(item.str), [x, y - height * 0.2, x + item.width, y + height]));
  }
  // A digital signature's stamp (the Công báo box, the number and day signed in) is drawn by an annotation.
  for (const { rect, lines } of await annotationTexts(page)) runs.push(run(lettersOf(lines.join(' ')), rect));
  return runs;
}

/**
 * The lines without the words a run of the page's own text already says: the word's middle inside the run's box
 * and its letters among the run's. A word that reads otherwise than the text under it (an old layer the page
 * prints, garbled) stays.
 */
export function withoutPrinted(lines: readonly PlacedWord[][], runs: readonly PrintedRun[]): PlacedWord[][] {
  if (!runs.length) return [...lines];
  const said = (w: PlacedWord) => {
    const [cx, cy] = [w.x + w.width / 2, w.y + w.height / 2];
    const letters = lettersOf(w.text);
    return letters.length > 0 && runs.some((r) => cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1 && r.letters.includes(letters));
  };
  return lines.map((l) => l.filter((w) => !said(w))).filter((l) => l.length);
}
