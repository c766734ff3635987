// Beam search over a stretch of syllables: each position has candidates with priors; the language model
// scores every path. States that end in the same two syllables are merged (the trigram sees only those).
import type { Candidate } from './candidates.js';
import type { LanguageModel } from './lm/model.js';

export const DEFAULT_BEAM = 6;

/**
 * Best candidate index per position. Hypotheses live in parallel arrays, and back-pointers in one
 * array per position, so the hot loop allocates almost nothing.
 */
export function decode(model: LanguageModel, positions: readonly Candidate[][], beam = DEFAULT_BEAM): number[] {
  let us = [model.bos];
  let vs = [model.bos];
  let scores = [0];
  const backPrev: Int32Array[] = [];
  const backChoice: Int32Array[] = [];
  for (const cands of positions) {
    const nu: number[] = [];
    const nv: number[] = [];
    const ns: number[] = [];
    const prev: number[] = [];
    const choice: number[] = [];
    for (let j = 0; j < cands.length; j++) {
      const c = cands[j]!;
      const first = nu.length;
      for (let h = 0; h < scores.length; h++) {
        const score = scores[h]! + c.prior + model.logProb3(us[h]!, vs[h]!, c.id);
        // Extensions by the same candidate of hypotheses ending in the same syllable meet in one state.
        let k = first;
        while (k < nu.length && nu[k] !== vs[h]) k++;
        if (k === nu.length) {
          nu.push(vs[h]!);
          nv.push(c.id);
          ns.push(score);
          prev.push(h);
          choice.push(j);
        } else if (score > ns[k]!) {
          ns[k] = score;
          prev[k] = h;
        }
      }
    }
    let keep = ns.map((_, i) => i);
    if (keep.length > beam) keep = keep.sort((a, b) => ns[b]! - ns[a]!).slice(0, beam);
    us = keep.map((i) => nu[i]!);
    vs = keep.map((i) => nv[i]!);
    scores = keep.map((i) => ns[i]!);
    backPrev.push(Int32Array.from(keep, (i) => prev[i]!));
    backChoice.push(Int32Array.from(keep, (i) => choice[i]!));
  }
  let best = 0;
  let bestScore = -Infinity;
  for (let h = 0; h < scores.length; h++) {
    const s = scores[h]! + model.logProb3(us[h]!, vs[h]!, model.eos);
    if (s > bestScore) [best, bestScore] = [h, s];
  }
  const choices = new Array<number>(positions.length);
  for (let i = positions.length - 1; i >= 0; i--) {
    choices[i] = backChoice[i]![best]!;
    best = backPrev[i]![best]!;
  }
  return choices;
}

/**
 * How sure the choice at position i is, 0..1: the chosen candidate's share of probability among the
 * position's candidates, with its neighbours fixed to the best path.
 */
export function confidenceAt(model: LanguageModel, positions: readonly Candidate[][], ids: readonly number[], i: number): number {
  const at = (k: number) => (k < 0 ? model.bos : k >= ids.length ? model.eos : ids[k]!);
  const scores = positions[i]!.map((c) => {
    let s = c.prior + model.logProb3(at(i - 2), at(i - 1), c.id);
    if (i + 1 <= ids.length) s += model.logProb3(at(i - 1), c.id, at(i + 1));
    if (i + 2 <= ids.length) s += model.logProb3(c.id, at(i + 1), at(i + 2));
    return s;
  });
  const max = Math.max(...scores);
  const total = scores.reduce((a, s) => a + 10 ** (s - max), 0);
  const chosen = positions[i]!.findIndex((c) => c.id === ids[i]);
  return 10 ** (scores[chosen]! - max) / total;
}
