// The eth tesseract's Vietnamese model reads for Đ: "QĐÐ-UBND" and "HÐĐND" (the letter read twice), "TT-ÐT" and
// "ð" (for it). Vietnamese has no eth, so on a page read by OCR each is the page's Đ or đ.
import type { OcrWord } from '../types.js';
import { withWordTexts } from './figures.js';

const ETH = /ĐÐ|ÐĐ|đð|ðđ|Ð|ð/g;
const asD = (s: string) => s.replace(ETH, (m) => (/[ĐÐ]/.test(m) ? 'Đ' : 'đ'));

/** The page's words with each eth read as Đ (an eth beside a Đ as that Đ read twice), in `text` too. */
export function withDForEth(words: readonly OcrWord[], text: string): { words: OcrWord[]; text: string } {
  return withWordTexts(words, text, (w) => (/[Ðð]/.test(w.text) ? asD(w.text) : null));
}
