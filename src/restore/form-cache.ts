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
    this.adjusted = new WeakMap();
  }

  /** The decoder chose this form. */
  add(id: number): void {
    if (this.chosen[id] === 0) this.touched.push(id);
    this.chosen[id]!++;
  }

  /**
   * The candidates' last adjustment, by their array, with the count it was made at: counts only grow, so while
   * their sum is the same, so is every count, and a word met again reuses its adjustment.
   */
  private adjusted = new WeakMap<Candidate[], { seen: number; candidates: Candidate[] }>();

  /** The candidates with the document's evidence in their priors; the same array when it has none. */
  adjust(candidates: Candidate[]): Candidate[] {
    let seen = 0;
    for (const c of candidates) seen += this.chosen[c.id]!;
    if (seen === 0) return candidates;
    const last = this.adjusted.get(candidates);
    if (last?.seen === seen) return last.candidates;
    let base = 0;
    for (const c of candidates) base += this.model.counts[c.id]! + 1;
    const result = candidates.map((c) => {
      const q = (this.model.counts[c.id]! + 1) / base;
      const s = (this.chosen[c.id]! + CACHE_SMOOTHING * q) / (seen + CACHE_SMOOTHING);
      return { id: c.id, prior: c.prior + Math.log10(1 - CACHE_WEIGHT + (CACHE_WEIGHT * s) / q) };
    });
    this.adjusted.set(candidates, { seen, candidates: result });
    return result;
  }
}
