// Estimated n-gram tables -> the model file: bigrams placed in an open-addressing hash table, trigrams grouped
// by the slot of their context, log values 8-bit quantized. Shared by the builder and the mixer.
import { serialize, type ModelHeader } from './format.js';
import { buildTable, ID_BITS } from './hash.js';
import { makeQuantizer, quantize } from './quantize.js';

export interface ModelTables {
  vocab: string[];
  /** Raw unigram counts by id (candidate ranking). */
  counts: Uint32Array;
  /** How often each syllable was written in Title Case inside a sentence (names). */
  names: Uint32Array;
  unigramLogP: Float64Array;
  unigramLogB: Float64Array;
  /** Bigram keys (hash.ts key2), ascending, with their log10 p and the log10 backoff of each as a context. */
  bigramKeys: Uint32Array;
  bigramLogP: Float64Array;
  bigramLogB: Float64Array;
  /** Trigram keys (u v w packed base 2^16, plus one), ascending; every context (u v) is among the bigrams. */
  trigramKeys: Float64Array;
  trigramLogP: Float64Array;
}

export function packModel(t: ModelTables, meta: Record<string, unknown>): Buffer {
  const table = buildTable(t.bigramKeys);
  const capacity = table.table.length;
  // Trigrams by context slot, by word within it: the keys are sorted by context then word, so a counting
  // sort by slot keeps the words of each context ascending.
  const T = t.trigramKeys.length;
  const slotOfContext = new Int32Array(T);
  let b = 0;
  for (let i = 0; i < T; i++) {
    const ctx = Math.floor((t.trigramKeys[i]! - 1) / ID_BITS) + 1;
    while (t.bigramKeys[b]! < ctx) b++;
    if (t.bigramKeys[b] !== ctx) throw new Error('a trigram context is missing from the bigrams');
    slotOfContext[i] = table.slots[b]!;
  }
  const perSlot = new Uint16Array(capacity);
  for (let i = 0; i < T; i++) perSlot[slotOfContext[i]!]!++;
  const starts = new Uint32Array(capacity + 1);
  for (let s = 0; s < capacity; s++) starts[s + 1] = starts[s]! + perSlot[s]!;
  const cursor = starts.slice(0, capacity);
  const words = new Uint16Array(T);
  const order = new Uint32Array(T);
  for (let i = 0; i < T; i++) {
    const at = cursor[slotOfContext[i]!]!++;
    words[at] = (t.trigramKeys[i]! - 1) % ID_BITS;
    order[i] = at;
  }

  const logP = [t.unigramLogP, t.bigramLogP, t.trigramLogP];
  const logB = [t.unigramLogB, t.bigramLogB];
  const probQuant = logP.map(makeQuantizer);
  const backoffQuant = logB.map(makeQuantizer);
  const header: ModelHeader = {
    format: 'vnocr-lm',
    version: 3,
    order: 3,
    vocab: t.vocab,
    probQuant,
    backoffQuant,
    bigramCapacity: capacity,
    trigrams: T,
    meta,
  };
  const scatter = (values: Uint8Array, slots: ArrayLike<number>, size: number) => {
    const out = new Uint8Array(size);
    for (let i = 0; i < values.length; i++) out[slots[i]!] = values[i]!;
    return out;
  };
  return serialize(header, {
    counts: t.counts,
    names: t.names,
    bigramKeys: table.table,
    trigramCounts: perSlot,
    trigramWords: words,
    probs: [
      quantize(logP[0]!, probQuant[0]!),
      scatter(quantize(logP[1]!, probQuant[1]!), table.slots, capacity),
      scatter(quantize(logP[2]!, probQuant[2]!), order, T),
    ],
    backoffs: [quantize(logB[0]!, backoffQuant[0]!), scatter(quantize(logB[1]!, backoffQuant[1]!), table.slots, capacity)],
  });
}
