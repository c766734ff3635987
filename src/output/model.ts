// What every output of the document model shares: the form a word is written in, and its confidence.
import type { Box, TextLine, Word } from '../types.js';

/** The word as the .txt has it: restored when restoration ran, else as read. */
export const wordText = (word: Word): string => word.restored ?? word.text;

/** The words a line shows: empty ones (OCR noise, or a word whose text a restored neighbour took) are left out. */
export const shownWords = (line: TextLine): Word[] => line.words.filter((w) => wordText(w).trim() !== '');

/** Confidence (0..1) of the form shown: the restorer's where it changed the word, else OCR's; undefined when neither is known. */
export function wordConfidence(word: Word): number | undefined {
  if (word.restoredConfidence !== undefined) return word.restoredConfidence;
  return word.confidence === undefined ? undefined : Math.min(Math.max(word.confidence, 0), 100) / 100;
}

/** The OCR reading where restoration changed the word. */
export const readingIfChanged = (word: Word): string | undefined => (word.restored !== undefined && word.restored !== word.text && word.text.trim() ? word.text : undefined);

export const boxWidth = (box: Box) => box.x1 - box.x0;
export const boxHeight = (box: Box) => box.y1 - box.y0;
