// Beam search over a stretch of syllables: each position has candidates with priors; the language model
// scores every path. States that end in the same two syllables are merged (the trigram sees only those).
import type { Candidate } from './candidates.js';
import type { LanguageModel } from './lm/model.js';

/** Hypotheses kept per position: 6 lost 0.2-0.4 points on every dev split, more than 12 gains nothing. */
export const DEFAULT_BEAM = 12;
/**
 * log10 score behind the best beyond which a hypothesis is dropped before the beam is full: at 3 the dev splits
 * move by 0.1 point at most and restoration runs about 1.5x as fast as with no margin.
 */
const BEAM_MARGIN = 3;

/**
 * Best candidate index per position. Hypotheses and their extensions live in typed arrays, so the hot
 * loop allocates nothing. Each carries the model index of the bigram of its last two syllables, the context of the
 * next trigram: found once, as the bigram of the extension that made it, when that extension is kept.
 */
export function decode(model: LanguageModel, positions: readonly Candidate[][], beam = DEFAULT_BEAM): number[] {
  let width = 1;
  for (const cands of positions) width = Math.max(width, cands.length);
  const b = buffersFor(beam, beam * width, positions.length * beam, width);
  const { us, vs, ctxs, scores, nu, nv, nctx, ns, prev, choice, keep, backoffs, trigramsFrom, trigramsTo, sameV, stateOfV, trigrams, bigrams, backPrev, backChoice } = b;
  const { rowDone, ids, order } = b;
  let count = 1;
  us[0] = vs[0] = model.bos;
  ctxs[0] = model.bigramIndex(model.bos, model.bos);
  for (let i = 0; i < positions.length; i++) {
    const cands = positions[i]!;
    const n = cands.length;
    // The candidates in id order, for the lookups of a whole row at once.
    for (let j = 0; j < n; j++) {
      const id = cands[j]!.id;
      let k = j;
      for (; k > 0 && ids[k - 1]! > id; k--) {
        ids[k] = ids[k - 1]!;
        order[k] = order[k - 1]!;
      }
      ids[k] = id;
      order[k] = j;
    }
    for (let h = 0; h < count; h++) {
      let k = 0;
      while (vs[k] !== vs[h]) k++;
      sameV[h] = k;
      backoffs[h] = model.backoff(ctxs[h]!);
      // The context's trigrams, as an index range: found once for all the candidates.
      const t = model.trigramCount(ctxs[h]!);
      trigramsFrom[h] = t > 0 ? model.trigramsStart(ctxs[h]!) : 0;
      trigramsTo[h] = trigramsFrom[h]! + t;
      rowDone[h] = 0;
    }
    let m = 0;
    // The best extension so far: one that cannot come within the margin of it is dropped unscored (no
    // log probability is above 0), which changes nothing, as the beam cut would drop it.
    let best = -Infinity;
    for (let j = 0; j < n; j++) {
      const c = cands[j]!;
      for (let h = 0; h < count; h++) stateOfV[h] = -1;
      for (let h = 0; h < count; h++) {
        if (scores[h]! + c.prior < best - BEAM_MARGIN) continue;
        const v = vs[h]!;
        // Rows by hypothesis (trigrams) and by distinct last syllable (bigrams), each looked up whole when first needed.
        if ((rowDone[h]! & TRIGRAMS) === 0) trigramRow(model, b, h, n);
        let lp = trigrams[h * n + j]!;
        const r = sameV[h]! * n + j;
        if (lp !== lp) {
          if ((rowDone[sameV[h]!]! & BIGRAMS) === 0) bigramRow(model, b, sameV[h]!, v, n);
          lp = backoffs[h]! + model.logProb2At(bigrams[r]!, v, c.id);
        }
        const score = scores[h]! + c.prior + lp;
        if (score > best) best = score;
        // Extensions by the same candidate of hypotheses ending in the same syllable meet in one state.
        const k = stateOfV[sameV[h]!]!;
        if (k < 0) {
          stateOfV[sameV[h]!] = m;
          nu[m] = v;
          nv[m] = c.id;
          nctx[m] = r;
          ns[m] = score;
          prev[m] = h;
          choice[m] = j;
          m++;
        } else if (score > ns[k]!) {
          ns[k] = score;
          prev[k] = h;
        }
      }
    }
    count = selectBest(ns, m, keep, beam);
    // Hypotheses far behind the best are not worth extending.
    const floor = ns[keep[0]!]! - BEAM_MARGIN;
    while (count > 1 && ns[keep[count - 1]!]! < floor) count--;
    for (let t = 0; t < count; t++) {
      const k = keep[t]!;
      backPrev[i * beam + t] = prev[k]!;
      backChoice[i * beam + t] = choice[k]!;
      // The bigram (v, candidate) as the next context, from its row.
      const r = nctx[k]!;
      const row = (r / n) | 0;
      if ((rowDone[row]! & BIGRAMS) === 0) bigramRow(model, b, row, nu[k]!, n);
      ctxs[t] = bigrams[r]!;
      us[t] = nu[k]!;
      vs[t] = nv[k]!;
      scores[t] = ns[k]!;
    }
  }
  let best = 0;
  let bestScore = -Infinity;
  for (let h = 0; h < count; h++) {
    const s = scores[h]! + model.logProb3(us[h]!, vs[h]!, model.eos);
    if (s > bestScore) [best, bestScore] = [h, s];
  }
  const choices = new Array<number>(positions.length);
  for (let i = positions.length - 1; i >= 0; i--) {
    choices[i] = backChoice[i * beam + best]!;
    best = backPrev[i * beam + best]!;
  }
  return choices;
}

/** Flags of rowDone: the hypothesis's trigram row, the bigram row of its last syllable. */
const TRIGRAMS = 1;
const BIGRAMS = 2;

/** log10 p of each candidate after hypothesis h's context, NaN where the trigram is not in the model. */
function trigramRow(model: LanguageModel, b: Buffers, h: number, n: number): void {
  const { trigrams, ids, order, found } = b;
  if (b.trigramsTo[h]! > b.trigramsFrom[h]!) {
    model.trigramIndices(b.trigramsFrom[h]!, b.trigramsTo[h]!, ids, n, found);
    for (let k = 0; k < n; k++) trigrams[h * n + order[k]!] = found[k]! >= 0 ? model.trigramAt(found[k]!) : NaN;
  } else {
    for (let j = 0; j < n; j++) trigrams[h * n + j] = NaN;
  }
  b.rowDone[h]! |= TRIGRAMS;
}

/** Index of each bigram (v, candidate), -1 where absent, in row `row` (the first hypothesis ending in v). */
function bigramRow(model: LanguageModel, b: Buffers, row: number, v: number, n: number): void {
  const { bigrams, ids, order, found } = b;
  model.bigramIndices(v, ids, n, found);
  for (let k = 0; k < n; k++) bigrams[row * n + order[k]!] = found[k]!;
  b.rowDone[row]! |= BIGRAMS;
}

/** Working arrays of decode, kept between calls: a stretch is a sentence or less, and allocating them per call cost more than filling them. */
interface Buffers {
  /** Hypotheses, at most `beam`: last two syllables, context bigram index, score. */
  us: Int32Array;
  vs: Int32Array;
  ctxs: Int32Array;
  scores: Float64Array;
  /** Their extensions by the position's candidates, before the beam cut. */
  nu: Int32Array;
  nv: Int32Array;
  /** The bigram of each extension, as its index into bigrams. */
  nctx: Int32Array;
  ns: Float64Array;
  prev: Int32Array;
  choice: Int32Array;
  keep: Int32Array;
  /** Per hypothesis: its context's backoff weight and trigrams (an index range, empty when it has none). */
  backoffs: Float64Array;
  trigramsFrom: Int32Array;
  trigramsTo: Int32Array;
  /** Per hypothesis, the first hypothesis ending in the same syllable. */
  sameV: Int32Array;
  /** The state made by the current candidate from the hypotheses ending in each distinct syllable (-1: none yet). */
  stateOfV: Int32Array;
  /** Per hypothesis and candidate, log10 p of the trigram (NaN: not in the model). */
  trigrams: Float64Array;
  /** Index of the bigram (v, candidate) per distinct last syllable v of the hypotheses and candidate. */
  bigrams: Int32Array;
  /** Which rows of trigrams and bigrams are filled for the position (TRIGRAMS, BIGRAMS). */
  rowDone: Uint8Array;
  /** The position's candidate ids ascending, the index of each among the candidates, and what a row's lookup found. */
  ids: Int32Array;
  order: Int32Array;
  found: Int32Array;
  /** Back pointers per position and kept hypothesis. */
  backPrev: Int32Array;
  backChoice: Int32Array;
}

let buffers: Buffers | undefined;
let sizes = [0, 0, 0, 0];
/**
 * Back pointers kept between calls at most for this many steps (positions x beam, 8 bytes each): a stretch is
 * a sentence or less, and one very long one (a hostile input without punctuation) gets arrays of its own, which
 * go with it, instead of growing the shared ones for the rest of the process.
 */
const MAX_KEPT_STEPS = 1 << 16;

function buffersFor(beam: number, states: number, steps: number, width: number): Buffers {
  if (buffers && beam <= sizes[0]! && states <= sizes[1]! && steps <= sizes[2]! && width <= sizes[3]!) return buffers;
  if (steps > MAX_KEPT_STEPS) return makeBuffers(Math.max(beam, sizes[0]!), Math.max(states, sizes[1]!), steps, Math.max(width, sizes[3]!));
  // Grown with room, so that a longer stretch later does not reallocate every time.
  sizes = [Math.max(beam, sizes[0]!), Math.max(states, sizes[1]!), Math.min(Math.max(steps * 2, sizes[2]!), MAX_KEPT_STEPS), Math.max(width, sizes[3]!)];
  const [h, m, n, w] = sizes as [number, number, number, number];
  return (buffers = makeBuffers(h, m, n, w));
}

function makeBuffers(h: number, m: number, n: number, w: number): Buffers {
  return {
    us: new Int32Array(h),
    vs: new Int32Array(h),
    ctxs: new Int32Array(h),
    scores: new Float64Array(h),
    nu: new Int32Array(m),
    nv: new Int32Array(m),
    nctx: new Int32Array(m),
    ns: new Float64Array(m),
    prev: new Int32Array(m),
    choice: new Int32Array(m),
    keep: new Int32Array(h),
    backoffs: new Float64Array(h),
    trigramsFrom: new Int32Array(h),
    trigramsTo: new Int32Array(h),
    sameV: new Int32Array(h),
    stateOfV: new Int32Array(h),
    trigrams: new Float64Array(m),
    bigrams: new Int32Array(m),
    rowDone: new Uint8Array(h),
    ids: new Int32Array(w),
    order: new Int32Array(w),
    found: new Int32Array(w),
    backPrev: new Int32Array(n),
    backChoice: new Int32Array(n),
  };
}

/**
 * Indices of the best `beam` of the first m scores into keep, best first and earlier first among equals
 * (a stable sort's order); all m in their own order when they fit. Returns how many.
 */
function selectBest(scores: Float64Array, m: number, keep: Int32Array, beam: number): number {
  if (m <= beam) {
    for (let k = 0; k < m; k++) keep[k] = k;
    return m;
  }
  let n = 0;
  for (let k = 0; k < m; k++) {
    const s = scores[k]!;
    if (n === beam && !(s > scores[keep[n - 1]!]!)) continue;
    // Insert after every kept score at least as good, dropping the last when full.
    let at = n < beam ? n++ : n - 1;
    while (at > 0 && s > scores[keep[at - 1]!]!) {
      keep[at] = keep[at - 1]!;
      at--;
    }
    keep[at] = k;
  }
  return n;
}

/**
 * How sure the choice at position i is, 0..1: the chosen candidate's share of probability among the
 * position's candidates, with its neighbours fixed to the best path.
 */
export function confidenceAt(model: LanguageModel, positions: readonly Candidate[][], ids: readonly number[], i: number): number {
  const u = i >= 2 ? ids[i - 2]! : model.bos;
  const v = i >= 1 ? ids[i - 1]! : model.bos;
  const x = i + 1 < ids.length ? ids[i + 1]! : model.eos;
  const y = i + 2 < ids.length ? ids[i + 2]! : model.eos;
  const cands = positions[i]!;
  const scores = new Float64Array(cands.length);
  // logProb3 spelled out: the context (u v) is every candidate's, and each bigram index looked up serves
  // both as a bigram and as the next trigram's context.
  const uv = model.bigramIndex(u, v);
  const xy = i + 2 <= ids.length ? model.logProb2(x, y) : 0;
  let max = -Infinity;
  let chosen = -1;
  for (let j = 0; j < cands.length; j++) {
    const c = cands[j]!;
    const vc = model.bigramIndex(v, c.id);
    const cx = model.bigramIndex(c.id, x);
    const p1 = model.trigram(uv, c.id);
    let s = c.prior + (p1 === p1 ? p1 : model.backoff(uv) + model.logProb2At(vc, v, c.id));
    const p2 = model.trigram(vc, x);
    s += p2 === p2 ? p2 : model.backoff(vc) + model.logProb2At(cx, c.id, x);
    if (i + 2 <= ids.length) {
      const p3 = model.trigram(cx, y);
      s += p3 === p3 ? p3 : model.backoff(cx) + xy;
    }
    scores[j] = s;
    max = Math.max(max, s);
    if (chosen < 0 && c.id === ids[i]) chosen = j;
  }
  let total = 0;
  for (const s of scores) total += 10 ** (s - max);
  return 10 ** (scores[chosen]! - max) / total;
}
