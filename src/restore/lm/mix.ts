// Static interpolation of two models into one file (as SRILM's -mix-lm): an archive's own model adapts the
// shipped one instead of replacing it. Every n-gram of either model gets p = (1 - λ) p_base + λ p_own, each
// side with its own backoff; a context's backoff weight is the mixture of the two models' weights.
import { ID_BITS } from './keys.js';
import type { LanguageModel } from './model.js';
import { packModel } from './pack.js';

const B = ID_BITS;

/** Sorted distinct values. */
function distinct(values: Float64Array): Float64Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) values[n++] = values[i]!;
  return values.slice(0, n);
}

/** `own` mixed into `base` with weight `lambda` (0..1) for `own`. */
export function mixModels(base: LanguageModel, own: LanguageModel, lambda: number): Buffer {
  // The union vocabulary: the base's ids stay, the archive's new words follow (as many as ids allow).
  const vocab = [...base.vocab];
  const ids = new Map(vocab.map((w, i) => [w, i]));
  for (const w of own.vocab) if (!ids.has(w) && vocab.length < B - 2) ids.set(w, vocab.push(w) - 1);
  const V = vocab.length;
  // Each union id in each model (its <unk> when the model lacks the word).
  const inBase = Int32Array.from(vocab, (w) => (base.has(w) ? base.id(w) : base.unk));
  const inOwn = Int32Array.from(vocab, (w) => (own.has(w) ? own.id(w) : own.unk));
  const ownToUnion = Int32Array.from(own.vocab, (w) => ids.get(w) ?? ids.get(vocab[base.unk]!)!);

  const mix = (a: number, b: number) => Math.log10((1 - lambda) * 10 ** a + lambda * 10 ** b);
  // A model gives no probability to a word it lacks: its <unk> stands for many words, not for each of them.
  const baseKnows = Uint8Array.from(vocab, (w) => (base.has(w) ? 1 : 0));
  const ownKnows = Uint8Array.from(vocab, (w) => (own.has(w) ? 1 : 0));
  const mixFor = (w: number, a: () => number, b: () => number) => mix(baseKnows[w] ? a() : -Infinity, ownKnows[w] ? b() : -Infinity);
  const p1 = Float64Array.from({ length: V }, (_, w) => mixFor(w, () => base.logProb1(inBase[w]!), () => own.logProb1(inOwn[w]!)));

  // The n-grams of both models in union ids.
  const bigrams: number[] = [];
  const trigrams: number[] = [];
  const collect = (map: (id: number) => number) => (m: LanguageModel) =>
    m.forEachNgram(
      (v, w) => bigrams.push(map(v) * B + map(w) + 1),
      (u, v, w) => trigrams.push((map(u) * B + map(v)) * B + map(w) + 1),
    );
  collect((id) => id)(base);
  collect((id) => ownToUnion[id]!)(own);
  const k2 = distinct(Float64Array.from(bigrams));
  const k3 = distinct(Float64Array.from(trigrams));
  bigrams.length = trigrams.length = 0;

  const p2 = new Float64Array(k2.length);
  for (let i = 0; i < k2.length; i++) {
    const v = Math.floor((k2[i]! - 1) / B);
    const w = (k2[i]! - 1) % B;
    p2[i] = mixFor(w, () => base.logProb2(inBase[v]!, inBase[w]!), () => own.logProb2(inOwn[v]!, inOwn[w]!));
  }
  const p3 = new Float64Array(k3.length);
  for (let i = 0; i < k3.length; i++) {
    const ctx = Math.floor((k3[i]! - 1) / B);
    const [u, v, w] = [Math.floor(ctx / B), ctx % B, (k3[i]! - 1) % B];
    p3[i] = mixFor(w, () => base.logProb3(inBase[u]!, inBase[v]!, inBase[w]!), () => own.logProb3(inOwn[u]!, inOwn[v]!, inOwn[w]!));
  }

  // Backoff weights: the mixture of the two models' weights for the context (a model without the context
  // backs off fully, weight 1). Renormalising each context exactly is unstable here: 8-bit probabilities of a
  // context's many explicit continuations can sum to 1 or more, and the remainder is noise.
  const b1 = Float64Array.from({ length: V }, (_, v) => mix(base.backoff1(inBase[v]!), own.backoff1(inOwn[v]!)));
  const b2 = new Float64Array(k2.length);
  for (let i = 0; i < k2.length; i++) {
    const v = Math.floor((k2[i]! - 1) / B);
    const w = (k2[i]! - 1) % B;
    b2[i] = mix(base.backoff(base.bigramIndex(inBase[v]!, inBase[w]!)), own.backoff(own.bigramIndex(inOwn[v]!, inOwn[w]!)));
  }

  const counts = new Uint32Array(V);
  const names = new Uint32Array(V);
  const scale = sum(base.counts) / Math.max(sum(own.counts), 1);
  for (let w = 0; w < V; w++) {
    const fromOwn = own.has(vocab[w]!) ? 1 : 0;
    counts[w] = Math.round((1 - lambda) * (base.has(vocab[w]!) ? base.counts[inBase[w]!]! : 0) + lambda * scale * fromOwn * own.counts[inOwn[w]!]!);
    names[w] = Math.round((1 - lambda) * (base.has(vocab[w]!) ? base.names[inBase[w]!]! : 0) + lambda * scale * fromOwn * own.names[inOwn[w]!]!);
  }
  return packModel(
    {
      vocab,
      counts,
      names,
      unigramLogP: p1,
      unigramLogB: b1,
      bigramKeys: Uint32Array.from(k2),
      bigramLogP: p2,
      bigramLogB: b2,
      trigramKeys: k3,
      trigramLogP: p3,
    },
    { mixedFrom: { base: base.meta, own: own.meta, lambda }, vocabulary: V, bigrams: k2.length, trigrams: k3.length },
  );
}

const sum = (xs: Uint32Array) => xs.reduce((a, b) => a + b, 0);
