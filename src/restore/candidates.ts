// Which syllables an observed word may stand for, with the log10 prior of each (the channel model).
import { foldKey, hasDiacritics } from '../text/fold.js';
import { applyToneStyle, isValidSyllable } from '../text/syllable.js';
import type { LanguageModel } from './lm/model.js';

export interface Candidate {
  /** Vocabulary id in the language model. */
  id: number;
  /** log10 P(observed | this syllable), up to a constant shared by the word's candidates. */
  prior: number;
}

/** How strongly the observed form itself is believed, and the OCR channel for OCR'd text. */
export interface ChannelSettings {
  ocr?: { lang: string; candidates(observed: string): Candidate[] };
  /** Text that reads as correct: the Vietnamese-model OCR channel for its syllables, the word as written strongly favoured. */
  residual?: { lang: string; candidates(observed: string): Candidate[]; hasMisreadLetter?(observed: string): boolean };
  /** log10 bonus for keeping an unaccented word unaccented (0 in unaccented text, high in correct text). */
  keepUnaccented: number;
  /** Candidates per word at most, most frequent first. */
  maxCandidates: number;
  /** Text stripped of its marks: codes and acronyms get the bar of Đ back where their parts always have it. */
  stripped?: boolean;
}

/** Uses, and share of them capitalised, that make a word no syllable spells a name ("đắk": 2,533, 96%). */
const NAME_WORD_COUNT = 200;
const NAME_WORD_SHARE = 0.5;

/** log10 penalty for re-accenting a word whose diacritics make it unknown ("hoách"). */
const CHANGE_ACCENTED_UNKNOWN = 0.5;

/** A form seen under 0.05% as often as the commonest form of its key is dropped (tuned on the dev splits: "đẽ" of đẹp đẽ stays). */
const RARE_FORM_SHARE = 0.0005;
/** A form seen fewer times than this share of all syllables is dropped too (about 24 in the shipped model's 80 million). */
const RARE_FORM_FLOOR = 3e-7;

export class CandidateIndex {
  /** Every vocabulary id by folded key, in id order; filtered into `prepared` when the key is first asked for. */
  private readonly byFold = new Map<string, number[]>();
  private readonly prepared = new Map<string, readonly number[]>();
  private readonly minCount: number;

  constructor(private readonly model: LanguageModel) {
    const vocab = model.vocab;
    for (let id = 0; id < vocab.length; id++) {
      if (vocab[id]!.startsWith('<')) continue;
      const key = foldKey(vocab[id]!);
      const list = this.byFold.get(key);
      if (list) list.push(id);
      else this.byFold.set(key, [id]);
    }
    // A form seen a handful of times in tens of millions of syllables is mostly debris of the general corpus
    // ("kù", "gười"): it would make OCR damage read as a word. A small model of the user's keeps every form.
    let total = 0;
    for (const c of model.counts) total += c;
    this.minCount = total * RARE_FORM_FLOOR;
  }

  /**
   * Whether a word no Vietnamese syllable spells is one the training text writes often, mostly capitalised and
   * with Vietnamese marks: a place or person of a minority language (Đắk Lắk, Krông Pắc), not a typo, nor a
   * foreign word ("Email", which OCR would then read as "Mail").
   */
  private isNameWord(id: number): boolean {
    const { counts, names, vocab } = this.model;
    return counts[id]! >= NAME_WORD_COUNT && names[id]! >= NAME_WORD_SHARE * counts[id]! && hasDiacritics(vocab[id]!);
  }

  /** Whether a lower-case word is a syllable, or a name the model knows that no syllable spells ("đắk"). */
  isWord(lower: string): boolean {
    return isValidSyllable(lower) || (this.model.has(lower) && this.isNameWord(this.model.id(lower)));
  }

  /** Vocabulary ids of every accented form of a folded key, most frequent first. */
  forms(key: string): readonly number[] {
    let list = this.prepared.get(key);
    if (!list) this.prepared.set(key, (list = this.prepare(key)));
    return list;
  }

  /** A key's forms, sorted and filtered: done on first use, as a text asks for a small part of the vocabulary. */
  private prepare(key: string): readonly number[] {
    const { counts, vocab } = this.model;
    // Only real syllables and names are offered: the training text has its own typos and OCR debris.
    const list = (this.byFold.get(key) ?? []).filter((id) => isValidSyllable(vocab[id]!) || this.isNameWord(id));
    if (list.length === 0) return list;
    list.sort((a, b) => counts[b]! - counts[a]!);
    // Forms far rarer than the commonest one of their key are mostly typos in the training text.
    const floor = Math.max(counts[list[0]!]! * RARE_FORM_SHARE, this.minCount);
    return list.filter((id) => counts[id]! >= floor);
  }

  /** Candidates of a lower-case observed word (already in canonical tone style); empty when nothing fits. */
  candidates(observed: string, settings: ChannelSettings): Candidate[] {
    const self = this.model.has(observed) ? this.model.id(observed) : -1;
    const forms = this.forms(foldKey(observed)).slice(0, settings.maxCandidates);
    if (hasDiacritics(observed)) {
      if (self >= 0) return [{ id: self, prior: 0 }];
      return forms.map((id) => ({ id, prior: -CHANGE_ACCENTED_UNKNOWN }));
    }
    const list = forms.map((id) => ({ id, prior: id === self ? settings.keepUnaccented : 0 }));
    if (self >= 0 && !forms.includes(self)) list.push({ id: self, prior: settings.keepUnaccented });
    return list;
  }
}

/** Canonical form used inside the model: lower case, old tone style. */
export function canonical(word: string): string {
  return applyToneStyle(word.toLowerCase(), 'old');
}
