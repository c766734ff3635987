// The dash OCR read, by its width: tesseract's Vietnamese model reads a printed en dash ("2019 – 2023", the
// range of a plan's years) as an em dash. An em dash is a letter-height and more wide (an em); an en dash half
// of that. A standalone "—" narrower than EN_AT most is an en dash.
import type { OcrWord } from '../types.js';
import { withWordTexts } from './figures.js';
import { letterWordHeight } from './order.js';

/**
 * In the page's median word height: an em dash is about 1.25 of it, an en dash about 0.6; on the real dev pages
 * the en dashes read "—" were 0.52 and 0.61 wide, and no em dash was printed.
 */
const EN_AT_MOST = 0.9;

/** The page's words with each "—" as narrow as an en dash read "–", in `text` too. */
export function withEnDashes(words: readonly OcrWord[], text: string): { words: OcrWord[]; text: string } {
  const lineHeight = letterWordHeight(words);
  return withWordTexts(words, text, (w) => (w.text === '—' && lineHeight && w.box.x1 - w.box.x0 <= EN_AT_MOST * lineHeight ? '–' : null));
}
