// Whether the language model reads a field's words otherwise. OCR that misreads one mark in a title ("thị trần"
// for thị trấn, "Ất Ty" for Ất Tỵ) reads the word with full confidence, and a real syllable read with confidence is
// kept as read: the field's own evidence says nothing is wrong. The language model, given the field's other words,
// can be sure the same letters with other marks were printed.
import { foldKey } from '../text/fold.js';
import { applyCase, caseOf } from '../text/syllable.js';
import { canonical } from './candidates.js';
import type { Restorer } from './restorer.js';

/** log10 by which the model must prefer its own reading of a syllable in its context for the syllable to be doubted. */
const DOUBT_MARGIN = 2;

const syllables = (text: string) => text.match(/\p{L}+/gu) ?? [];
/** Tone and vowel marks dropped, the letter đ kept: the letters OCR read, without the marks it may have misread. */
const unmarked = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');

/** A vocabulary entry's letters without tone and vowel marks, worked out once per entry of a model. */
const lettersByModel = new WeakMap<Restorer['model'], Map<number, string>>();
function lettersOf(model: Restorer['model']): (id: number) => string {
  let known = lettersByModel.get(model);
  if (!known) lettersByModel.set(model, (known = new Map()));
  return (id) => {
    let letters = known.get(id);
    if (letters === undefined) known.set(id, (letters = unmarked(model.vocab[id]!)));
    return letters;
  };
}

/** How many times more often another syllable of a given name's letters must be a name for the name to be doubted. */
const NAME_RATIO = 3;

/**
 * For each field, the syllables the language model is sure are other syllables of the same letters (other marks),
 * in the context of the field's own words. With `unseen`, for a field whose words the model has all seen when read
 * right (a place: "Quảng Ngõi" for Quảng Ngãi), a syllable the model never saw is doubted too. With `givenName`,
 * for a person's name, its last syllable is doubted where another of its letters is a name NAME_RATIO times as
 * often in the training text ("Hiện", "Hiên" for Hiền): context says nothing about a name.
 */
export function doubtedSyllables(restorer: Restorer, fields: readonly string[], { unseen = false, givenName = false } = {}): Doubted[][] {
  return fields.map((field) => (givenName ? doubtedGivenName(restorer, syllables(field)) : doubtedIn(restorer, syllables(field), unseen)));
}

/** A syllable doubted: its place among the field's syllables, and the reading the model is sure of in context, if any. */
export interface Doubted {
  syllable: string;
  index: number;
  likelier?: string;
}

function doubtedGivenName(restorer: Restorer, written: string[]): Doubted[] {
  const index = written.length - 1;
  const given = written[index];
  return given && isRarerName(restorer, given) ? [{ syllable: given, index }] : [];
}

/** Whether another syllable of the word's letters, other marks only, is a name NAME_RATIO times as often ("Hiên": Hiền). */
export function isRarerName(restorer: Pick<Restorer, 'model' | 'index'>, word: string): boolean {
  const model = restorer.model;
  const form = canonical(word);
  if (!form || !model.has(form)) return false;
  const id = model.id(form);
  const letters = lettersOf(model);
  const own = letters(id);
  const enough = NAME_RATIO * Math.max(1, model.names[id]!);
  return restorer.index.forms(foldKey(word)).some((other) => other !== id && letters(other) === own && model.names[other]! >= enough);
}

function doubtedIn(restorer: Restorer, written: string[], unseen: boolean): Doubted[] {
  const model = restorer.model;
  const own = written.map((w) => canonical(w));
  const ids = own.map((w) => model.id(w));
  // The log10 of the words around position i with `id` there.
  const around = (i: number, id: number) => {
    const at = (k: number) => (k === i ? id : k < 0 ? model.bos : k >= ids.length ? model.eos : ids[k]!);
    let sum = 0;
    for (let k = i; k <= i + 2 && k <= ids.length; k++) sum += model.logProb3(at(k - 2), at(k - 1), at(k));
    return sum;
  };
  const letters = lettersOf(model);
  // A syllable the model never saw is a person's name, and no evidence against itself, unless no name is asked.
  const doubted: Doubted[] = [];
  written.forEach((syllable, i) => {
    if (!model.has(own[i]!)) {
      if (unseen) doubted.push({ syllable, index: i });
      return;
    }
    const same = letters(ids[i]!);
    const here = around(i, ids[i]!);
    let best = -1;
    let margin = DOUBT_MARGIN;
    for (const id of restorer.index.forms(foldKey(own[i]!))) {
      if (id === ids[i] || letters(id) !== same) continue;
      const gain = around(i, id) - here;
      if (gain >= margin) (best = id), (margin = gain);
    }
    if (best >= 0) doubted.push({ syllable, index: i, likelier: applyCase(model.vocab[best]!, caseOf(syllable)) });
  });
  return doubted;
}
