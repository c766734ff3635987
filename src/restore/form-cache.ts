// A document's own evidence: the forms already chosen for a folded word earlier in the same text. A document
// repeats its names and topic words ("Hùng", "Đắk Lắk"), and a form it keeps choosing is likelier there than
// the language model's counts say. As a cache model interpolated into the prior: each candidate's prior gains
// log10((1 - μ) + μ s / q), where s is the document's share of that form among the word's candidates so far and
// q the training text's share; a form the document has not chosen loses at most log10(1 - μ).
import type { Candidate } from './candidates.js';
import type { LanguageModel } from './lm/model.js';

/** Weight of the document's shares (μ), tuned on the dev splits (bench/restore-dev.ts). */
const CACHE_WEIGHT = 0.2;
/** Pseudo-count of the training text's shares in the document's, so that one sighting is weak evidence. */
const CACHE_SMOOTHING = 4;

export class FormCache {
  private readonly chosen: Float64Array;
  private readonly touched: number[] = [];

  constructor(private readonly model: LanguageModel) {
    this.chosen = new Float64Array(model.vocab.length);
  }

  /** Forgets the previous document. */
  clear(): void {
    for (const id of this.touched) this.chosen[id] = 0;
    this.touched.length = 0;
    this.document++;
  }

  /** The document being restored, so that an adjustment made for another is not reused. */
  private document = 0;

  /** The decoder chose this form. */
  add(id: number): void {
    if (this.chosen[id] === 0) this.touched.push(id);
    this.chosen[id]!++;
  }

  /**
   * The candidates' adjusted copy, with the document and count it was made at: counts only grow, so while their
   * sum is the same in one document, so is every count, and a word met again reuses its adjustment. A later
   * count rewrites the copy's priors in place instead of allocating another.
   */
  private readonly adjusted = new WeakMap<Candidate[], { document: number; seen: number; candidates: Candidate[] }>();

  /**
   * The candidates with the document's evidence in their priors; the same array when it has none. The copy
   * holds until the same candidates are adjusted at another count.
   */
  adjust(candidates: Candidate[]): Candidate[] {
    const { chosen } = this;
    let seen = 0;
    for (let i = 0; i < candidates.length; i++) seen += chosen[candidates[i]!.id]!;
    if (seen === 0) return candidates;
    let last = this.adjusted.get(candidates);
    if (last?.seen === seen && last.document === this.document) return last.candidates;
    if (!last) {
      last = { document: 0, seen: 0, candidates: candidates.map((c) => ({ id: c.id, prior: 0 })) };
      this.adjusted.set(candidates, last);
    }
    last.document = this.document;
    last.seen = seen;
    const counts = this.model.counts;
    let base = 0;
    for (let i = 0; i < candidates.length; i++) base += counts[candidates[i]!.id]! + 1;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      const q = (counts[c.id]! + 1) / base;
      const s = (chosen[c.id]! + CACHE_SMOOTHING * q) / (seen + CACHE_SMOOTHING);
      last.candidates[i]!.prior = c.prior + Math.log10(1 - CACHE_WEIGHT + (CACHE_WEIGHT * s) / q);
    }
    return last.candidates;
  }
}
