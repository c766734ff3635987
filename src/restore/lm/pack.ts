// Estimated n-gram tables -> the model file: bigrams and trigrams in their sorted order as a trie (each
// context's continuations one ascending run), log values 8-bit quantized. Shared by the builder and the mixer.
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

export function packModel(t: ModelTables, meta: Record<string, unknown>): Buffer {
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
  const header: ModelHeader = { format: 'vnocr-lm', version: 4, order: 3, vocab: t.vocab, probQuant, backoffQuant, bigrams: B, trigrams: T, meta };
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
