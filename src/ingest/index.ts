// One input file -> its pages: .txt as one page of text, PDF pages as their text layer or rendered pixels,
// image files' pages as pixels. Pages are read lazily, one when asked for; OCR (src/ocr) reads the pixels.
import path from 'node:path';
import { InputError } from '../errors.js';
import type { GreyImage } from '../types.js';
import { imagePage, imagePageCount } from './image.js';
import { openPdf, pdfTextLayer, renderPdfPage } from './pdf.js';
import { readTextFile } from './text.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp']);

/** An opened input: the pages selected, each read on demand. */
export interface InputPages {
  kind: 'text' | 'image' | 'pdf';
  /** 1-based numbers of the pages to read. */
  pages: number[];
  /** The whole text of a .txt input (its only page). */
  text?: string;
  /** A PDF page's text layer; empty when it holds fewer than minLetters letters (by default: no real text) or for non-PDF input. */
  layer(page: number, minLetters?: number): Promise<string>;
  /** The page's pixels: an image file's page, or a PDF page rendered at 300 DPI; with `dropColour`, red and blue ink made paper. */
  image(page: number, dropColour?: boolean): Promise<GreyImage>;
  close(): Promise<void>;
}

function selectPages(count: number, wanted: number[] | undefined, file: string): number[] {
  const all = Array.from({ length: count }, (_, i) => i + 1);
  if (!wanted) return all;
  const beyond = wanted.filter((p) => p > count);
  if (beyond.length > 0) throw new InputError(file, `has ${count} page(s); asked for page ${beyond[0]}`);
  return wanted;
}

/** Opens an input file; `wanted` selects 1-based pages (all when absent). Unsupported or unreadable files are InputErrors. */
export async function openInput(file: string, wanted?: number[]): Promise<InputPages> {
  const ext = path.extname(file).toLowerCase();
  const noLayer = async () => '';
  if (ext === '.txt') {
    const text = await readTextFile(file);
    const noImage = () => Promise.reject(new InputError(file, 'a text file has no page image'));
    return { kind: 'text', pages: [1], text, layer: noLayer, image: noImage, close: async () => {} };
  }
  if (IMAGE_EXTENSIONS.has(ext)) {
    const pages = selectPages(await imagePageCount(file), wanted, file);
    return { kind: 'image', pages, layer: noLayer, image: (n, dropColour) => imagePage(file, n, dropColour), close: async () => {} };
  }
  if (ext === '.pdf') {
    const doc = await openPdf(file);
    try {
      const pages = selectPages(doc.numPages, wanted, file);
      return {
        kind: 'pdf',
        pages,
        layer: (n, minLetters) => pdfTextLayer(doc, n, minLetters),
        image: (n, dropColour) => renderPdfPage(doc, n, file, dropColour),
        close: () => doc.destroy(),
      };
    } catch (error) {
      await doc.destroy();
      throw error;
    }
  }
  throw new InputError(file, `unsupported file type "${ext || '(none)'}"`);
}
