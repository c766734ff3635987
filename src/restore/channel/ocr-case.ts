// Case of a restored word in English-model OCR, where the observed case is itself damaged: capital Đ is read
// as "b" or "P" ("biéu" for "Điều"), "l" as "I" ("Iya" for "lựa"), and a short capitalised word as capitals
// ("BO" for "Bộ": the tall accented letter is taken for a capital).
import type { Casing } from '../../text/syllable.js';

/** Per line of a text: whether its letters are mostly capitals (a header). */
export function capsLines(text: string): boolean[] {
  return text.split('\n').map((line) => {
    const letters = line.match(/\p{L}/gu) ?? [];
    return letters.length > 0 && letters.filter((c) => c !== c.toLowerCase()).length / letters.length > 0.6;
  });
}

/** The casing a chosen syllable takes from its OCR'd original. */
export function ocrCasing(original: string, chosen: string, capsLine: boolean): Casing {
  const letters = original.replace(/[^\p{L}]/gu, '');
  const first = letters[0] ?? '';
  // Capitals OCR read right stay capitals ("VI", "TP").
  const misread = original.toLowerCase() !== chosen;
  if (letters.length > 1 && letters === letters.toUpperCase()) return letters.length <= 2 && !capsLine && misread ? 'title' : 'upper';
  if (chosen.startsWith('đ') && (first === 'b' || first === 'p')) return 'title';
  if (chosen.startsWith('l') && first === 'I') return 'lower';
  return first && first !== first.toLowerCase() ? 'title' : 'lower';
}
