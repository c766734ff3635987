// Beam search over a stretch of syllables: each position has candidates with priors; the language model
// scores every path. States that end in the same two syllables are merged (the trigram only sees those).
import type { Candidate } from './candidates.js';
import type { LanguageModel } from './lm/model.js';

interface Hypothesis {
  u: number;
  v: number;
  score: number;
  /** Chosen candidate index per position, shared tails kept as a linked list. */
  path: PathNode | null;
}

interface PathNode {
  choice: number;
  prev: PathNode | null;
}

export const DEFAULT_BEAM = 8;

/** Best candidate index per position. */
export function decode(model: LanguageModel, positions: readonly Candidate[][], beam = DEFAULT_BEAM): number[] {
  let hyps: Hypothesis[] = [{ u: model.bos, v: model.bos, score: 0, path: null }];
  for (const cands of positions) {
    const merged = new Map<number, Hypothesis>();
    for (const h of hyps) {
      for (let j = 0; j < cands.length; j++) {
        const c = cands[j]!;
        const score = h.score + c.prior + model.logProb3(h.u, h.v, c.id);
        const key = h.v * 65536 + c.id;
        const best = merged.get(key);
        if (!best || best.score < score) merged.set(key, { u: h.v, v: c.id, score, path: { choice: j, prev: h.path } });
      }
    }
    hyps = [...merged.values()];
    if (hyps.length > beam) hyps = hyps.sort((a, b) => b.score - a.score).slice(0, beam);
  }
  let best = hyps[0]!;
  let bestScore = -Infinity;
  for (const h of hyps) {
    const s = h.score + model.logProb3(h.u, h.v, model.eos);
    if (s > bestScore) [best, bestScore] = [h, s];
  }
  const choices = new Array<number>(positions.length);
  let node = best.path;
  for (let i = positions.length - 1; i >= 0; i--, node = node!.prev) choices[i] = node!.choice;
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
