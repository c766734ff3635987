// Public entry of the structure stage.
import type { OcrWord } from '../types.js';
import { assess, type Doubt } from './confidence.js';
import { layoutFromWords } from './page-rebuild.js';
import { parseReport } from './parse.js';
import { withFoldMemo } from './patterns.js';
import type { Report } from './types.js';
import { wordTable } from './word-table.js';

export { renderReport, REPORT_FORMATS, type ReportFormat } from './render.js';
export { reflow } from './reflow.js';
export type { Report, Header, Section, Signature, Reference, Period, Table, DigitalSignature, FootnoteLink, Uncertain } from './types.js';

export interface StructureOptions {
  /** The OCR words of the text, when it was OCR'd. */
  words?: readonly OcrWord[];
  /** For each field asked (the title), the syllables a language model is sure are other syllables (OCR's misread marks): such a field is flagged. */
  doubt?: Doubt;
}

/**
 * Parses a report's text. With the OCR words of that text, the page is first rebuilt from their boxes as laid-out
 * text (columns and table cells where they were printed); without them, the text's own spacing and patterns serve.
 */
export function structureReport(text: string, opts: StructureOptions = {}): Report {
  const words = opts.words?.length ? wordTable(opts.words) : undefined;
  return withFoldMemo(() => assess(parseReport(words ? layoutFromWords(text, words) : text), words, opts.doubt));
}
