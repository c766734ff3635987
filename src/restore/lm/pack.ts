// Estimated n-gram tables -> the model file: bigrams and trigrams in their sorted order as a trie (each
// context's continuations one ascending run), log values 8-bit quantized. Shared by the builder and the mixer.
// Ids are numbered so that the forms of a folded key are in a row ("dung", "dùng", "dũng"...): a word's
// candidates then lie together in every run, and the decoder finds them all with one search (keys.ts).
import { foldKey } from '../../text/fold.js';
import { MAX_TRIGRAMS_PER_CONTEXT, serialize, type ModelHeader } from './format.js';
import { ID_BITS } from './keys.js';
import { makeQuantizer, quantize } from './quantize.js';

export interface ModelTables {
  vocab: string[];
  /** Raw unigram counts by id (candidate ranking). */
  counts: Uint32Array;
  /** How often each syllable was written in Title Case inside a sentence (names). */
  names: Uint32Array;
  unigramLogP: Float64Array;
  unigramLogB: Float64Array;
  /** Bigram keys (keys.ts key2), ascending, with their log10 p and the log10 backoff of each as a context. */
  bigramKeys: Uint32Array;
  bigramLogP: Float64Array;
  bigramLogB: Float64Array;
  /** Trigram keys (u v w packed base 2^16, plus one), ascending; every context (u v) is among the bigrams. */
  trigramKeys: Float64Array;
  trigramLogP: Float64Array;
}

export function packModel(tables: ModelTables, meta: Record<string, unknown>): Buffer {
  const t = groupedByFold(tables);
  const V = t.vocab.length;
  const B = t.bigramKeys.length;
  const T = t.trigramKeys.length;
  const bigramStarts = new Uint32Array(V + 1);
  const bigramWords = new Uint16Array(B);
  for (let i = 0; i < B; i++) {
    bigramStarts[Math.floor((t.bigramKeys[i]! - 1) / ID_BITS) + 1]!++;
    bigramWords[i] = (t.bigramKeys[i]! - 1) % ID_BITS;
  }
  for (let v = 0; v < V; v++) bigramStarts[v + 1]! += bigramStarts[v]!;
  // Both key lists are sorted, so each trigram's context is found by walking the bigrams once.
  const trigramCounts = new Uint16Array(B);
  const trigramWords = new Uint16Array(T);
  let b = 0;
  for (let i = 0; i < T; i++) {
    const ctx = Math.floor((t.trigramKeys[i]! - 1) / ID_BITS) + 1;
    while (t.bigramKeys[b]! < ctx) b++;
    if (t.bigramKeys[b] !== ctx) throw new Error('a trigram context is missing from the bigrams');
    if (trigramCounts[b] === MAX_TRIGRAMS_PER_CONTEXT) throw new Error(`a context has more than ${MAX_TRIGRAMS_PER_CONTEXT} trigrams`);
    trigramCounts[b]!++;
    trigramWords[i] = (t.trigramKeys[i]! - 1) % ID_BITS;
  }

  const logP = [t.unigramLogP, t.bigramLogP, t.trigramLogP];
  const logB = [t.unigramLogB, t.bigramLogB];
  const probQuant = logP.map(makeQuantizer);
  const backoffQuant = logB.map(makeQuantizer);
  const header: ModelHeader = { format: 'vnocr-lm', version: 5, order: 3, vocab: t.vocab, probQuant, backoffQuant, bigrams: B, trigrams: T, meta };
  return serialize(header, {
    counts: t.counts,
    names: t.names,
    bigramStarts,
    bigramWords,
    trigramCounts,
    trigramWords,
    probs: logP.map((values, n) => quantize(values, probQuant[n]!)),
    backoffs: logB.map((values, n) => quantize(values, backoffQuant[n]!)),
  });
}

/**
 * The tables renumbered so that each folded key's forms have consecutive ids, keys in order of their first
 * id and forms in their own order (so the special tokens keep ids 0..3, and forms of equal counts keep their
 * order among a key's candidates); the n-grams re-sorted by the new ids. Nothing else changes.
 */
function groupedByFold(t: ModelTables): ModelTables {
  const V = t.vocab.length;
  const groups = new Map<string, number[]>();
  for (let id = 0; id < V; id++) {
    const key = foldKey(t.vocab[id]!);
    const group = groups.get(key);
    if (group) group.push(id);
    else groups.set(key, [id]);
  }
  const oldOf = Int32Array.from([...groups.values()].flat());
  const newOf = new Int32Array(V);
  oldOf.forEach((old, id) => (newOf[old] = id));
  const byId = <T extends Float64Array | Uint32Array>(a: T) => a.map((_, id) => a[oldOf[id]!]!) as T;
  const B = ID_BITS;
  // A key's ids (base 2^16, plus one) each renumbered; the keys then sorted, their values along.
  const renumbered = (keys: ArrayLike<number>, order: number) => {
    const out = new Float64Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      let k = keys[i]! - 1;
      let key = 0;
      for (let p = 0, scale = 1; p < order; p++, scale *= B) {
        key += newOf[k % B]! * scale;
        k = Math.floor(k / B);
      }
      out[i] = key + 1;
    }
    const sorted = Uint32Array.from(out, (_, i) => i).sort((a, b) => out[a]! - out[b]!);
    return { keys: Float64Array.from(sorted, (i) => out[i]!), take: (values: Float64Array) => Float64Array.from(sorted, (i) => values[i]!) };
  };
  const bigrams = renumbered(t.bigramKeys, 2);
  const trigrams = renumbered(t.trigramKeys, 3);
  return {
    vocab: Array.from(oldOf, (old) => t.vocab[old]!),
    counts: byId(t.counts),
    names: byId(t.names),
    unigramLogP: byId(t.unigramLogP),
    unigramLogB: byId(t.unigramLogB),
    bigramKeys: Uint32Array.from(bigrams.keys),
    bigramLogP: bigrams.take(t.bigramLogP),
    bigramLogB: bigrams.take(t.bigramLogB),
    trigramKeys: trigrams.keys,
    trigramLogP: trigrams.take(t.trigramLogP),
  };
}
