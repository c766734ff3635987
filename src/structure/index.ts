// Public entry of the structure stage.
import type { OcrWord } from '../types.js';
import { parseReport } from './parse.js';
import type { Report } from './types.js';

export { renderReport, REPORT_FORMATS, type ReportFormat } from './render.js';
export { reflow } from './reflow.js';
export type { Report, Header, Section, Signature, Reference, Period } from './types.js';

/**
 * Parses a report's text. OCR words are accepted for the layout-aware header split; text patterns already
 * separate merged two-column lines, so they are not needed for the fields.
 */
export function structureReport(text: string, _opts: { words?: OcrWord[] } = {}): Report {
  return parseReport(text);
}
