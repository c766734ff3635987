// Whether the language model reads a field's words otherwise. OCR that misreads one mark in a title ("thị trần"
// for thị trấn, "Ất Ty" for Ất Tỵ) reads the word with full confidence, and a real syllable read with confidence is
// kept as read: the field's own evidence says nothing is wrong. Read again from its letters alone, the field shows
// where the model is sure the page says something else.
import { canonical } from './candidates.js';
import type { Restorer } from './restorer.js';

/** log10 by which the model must prefer its own reading of a syllable in its context for the syllable to be doubted. */
const DOUBT_MARGIN = 2;

const syllables = (text: string) => text.match(/\p{L}+/gu) ?? [];
/** Tone and vowel marks dropped, the letter đ kept: the letters OCR read, without the marks it may have misread. */
const unmarked = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');

/**
 * For each field, the syllables the language model, reading the field's letters alone, is sure are other
 * syllables in their context. The fields are read in one call, a line each (a line break ends every context).
 */
export function doubtedSyllables(restorer: Restorer, fields: readonly string[]): string[][] {
  const one = fields.map((f) => f.replace(/\s+/g, ' '));
  const read = restorer.restore(unmarked(one.join('\n')), { mode: 'unaccented', textOnly: true }).text.split('\n');
  return one.map((field, k) => doubtedIn(restorer, syllables(field), syllables(read[k] ?? '')));
}

function doubtedIn(restorer: Restorer, written: string[], read: string[]): string[] {
  if (read.length !== written.length) return [];
  const model = restorer.model;
  const ids = written.map((w) => model.id(canonical(w)));
  // The log10 of the words around position i with `id` there.
  const around = (i: number, id: number) => {
    const at = (k: number) => (k === i ? id : k < 0 ? model.bos : k >= ids.length ? model.eos : ids[k]!);
    let sum = 0;
    for (let k = i; k <= i + 2 && k <= ids.length; k++) sum += model.logProb3(at(k - 2), at(k - 1), at(k));
    return sum;
  };
  return written.filter((w, i) => {
    const own = canonical(w);
    const other = canonical(read[i]!);
    return own !== other && model.has(other) && around(i, model.id(other)) - around(i, ids[i]!) >= DOUBT_MARGIN;
  });
}
