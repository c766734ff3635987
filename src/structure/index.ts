// Public entry of the structure stage.
import type { OcrWord } from '../types.js';
import { splitColumns } from './columns.js';
import { parseReport } from './parse.js';
import type { Report } from './types.js';

export { renderReport, REPORT_FORMATS, type ReportFormat } from './render.js';
export { reflow } from './reflow.js';
export type { Report, Header, Section, Signature, Reference, Period } from './types.js';

/**
 * Parses a report's text. With the OCR words of that text, lines read across both columns of the header or the
 * signature block are split at the column gap first; without them, text patterns take merged lines apart.
 */
export function structureReport(text: string, opts: { words?: readonly OcrWord[] } = {}): Report {
  return parseReport(opts.words?.length ? splitColumns(text, opts.words) : text);
}
