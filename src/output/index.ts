// Outputs rendered from the document model (txt, md and json are the report's, in src/structure).
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { DocumentModel, OutputPart } from '../types.js';
import { renderAlto } from './alto.js';
import { renderHocr } from './hocr.js';

export const MODEL_FORMATS = ['pdf', 'alto', 'hocr'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** The file name ending each format is written with. */
export const FORMAT_EXTENSIONS: Record<ModelFormat, string> = { pdf: 'pdf', alto: 'alto.xml', hocr: 'hocr' };

/** Why a format has no output for an input, said once per input at the start of a run; undefined when it has one. */
export function noOutputReason(format: string, file: string): string | undefined {
  if (format === 'pdf' && path.extname(file).toLowerCase() === '.txt') return 'no .pdf written: a .txt input has no page image to lay the text over (its other formats are written)';
  return undefined;
}

/**
 * The searchable PDF of a document in parts written one after the other; undefined for a .txt input, which has
 * no page to show. pdf-lib and the font are loaded on the first PDF: a run without one never pays for them.
 */
export async function renderPdf(doc: DocumentModel): Promise<OutputPart[] | undefined> {
  return (await import('./pdf.js')).renderPdf(doc);
}

/** The format's output of a document in parts (the ALTO and hOCR one a page, in UTF-8); undefined where the input has none (a PDF of a .txt). */
export async function renderModel(format: ModelFormat, doc: DocumentModel): Promise<OutputPart[] | undefined> {
  if (format === 'alto') return renderAlto(doc);
  if (format === 'hocr') return renderHocr(doc);
  return renderPdf(doc);
}

/** An output's parts as one buffer, a copied file's bytes read (for reading an output in memory rather than writing it). */
export async function joinParts(parts: OutputPart[]): Promise<Buffer> {
  return Buffer.concat(await Promise.all(parts.map(async (p) => (p instanceof Uint8Array ? p : (await readFile(p.copyOf)).subarray(0, p.bytes)))));
}

export { renderAlto, renderHocr };
