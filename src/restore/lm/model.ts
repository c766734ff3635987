// The query side: a syllable n-gram model loaded once into typed arrays. log10 probabilities, ARPA-style backoff.
import { readFileSync } from 'node:fs';
import { deserialize, BOS, EOS, NUM, UNK, type ModelHeader } from './format.js';
import { findSlot, ID_BITS, key2 } from './hash.js';
import { dequantTable } from './quantize.js';

export class LanguageModel {
  readonly order: number;
  readonly vocab: readonly string[];
  readonly counts: Uint32Array;
  readonly meta: Record<string, unknown>;
  readonly bos: number;
  readonly num: number;
  readonly eos: number;
  readonly unk: number;
  private readonly ids: Map<string, number>;
  private readonly keys: Float64Array[];
  private readonly probs: Uint8Array[];
  private readonly backoffs: Uint8Array[];
  private readonly probValues: Float32Array[];
  private readonly backoffValues: Float32Array[];
  /**
   * Trigrams grouped by context: those of the context in bigram slot s are triWords/triProbs from
   * triStart[s] to triStart[s + 1], by word id. One probe finds a context; its few continuations are
   * then searched for every candidate word, instead of a probe of the trigram table each.
   */
  private readonly triStart: Uint32Array;
  private readonly triWords: Uint16Array;
  private readonly triProbs: Float32Array;

  constructor(header: ModelHeader, arrays: ReturnType<typeof deserialize>['arrays']) {
    this.order = header.order;
    this.vocab = header.vocab;
    this.meta = header.meta;
    this.counts = arrays.counts;
    this.keys = arrays.keys;
    this.probs = arrays.probs;
    this.backoffs = arrays.backoffs;
    this.probValues = header.probQuant.map(dequantTable);
    this.backoffValues = header.backoffQuant.map(dequantTable);
    this.ids = new Map(header.vocab.map((w, i) => [w, i]));
    this.bos = this.ids.get(BOS)!;
    this.num = this.ids.get(NUM)!;
    this.eos = this.ids.get(EOS)!;
    this.unk = this.ids.get(UNK)!;
    ({ starts: this.triStart, words: this.triWords, probs: this.triProbs } = groupTrigrams(this.keys[1]!, this.keys[2]!, this.probs[2]!, this.probValues[2]!));
  }

  static fromBuffer(buffer: Buffer): LanguageModel {
    const { header, arrays } = deserialize(buffer);
    if (header.format !== 'vnocr-lm' || header.version !== 1 || header.order !== 3) throw new Error(`unsupported model format ${header.format} v${header.version}`);
    return new LanguageModel(header, arrays);
  }

  static load(file: string): LanguageModel {
    return LanguageModel.fromBuffer(readFileSync(file));
  }

  /** Vocabulary id of a lower-case syllable; 0 (<unk>) when unknown. */
  id(word: string): number {
    return this.ids.get(word) ?? this.unk;
  }

  has(word: string): boolean {
    return this.ids.has(word);
  }

  /** log10 p(w | u v), backing off to the bigram and unigram. */
  logProb3(u: number, v: number, w: number): number {
    const ctx = this.bigramSlot(u, v);
    const p = this.trigram(ctx, w);
    return p === p ? p : this.backoff(ctx) + this.logProb2(v, w);
  }

  /** Slot of the bigram (v, w) in its table, -1 when absent; the same slot stands for (v, w) as a trigram context. */
  bigramSlot(v: number, w: number): number {
    return findSlot(this.keys[1]!, key2(v, w));
  }

  /** log10 p(w | context) when the trigram is in the model, else NaN; ctx is the context's bigram slot. */
  trigram(ctx: number, w: number): number {
    if (ctx < 0) return NaN;
    let lo = this.triStart[ctx]!;
    let hi = this.triStart[ctx + 1]!;
    const words = this.triWords;
    while (hi - lo > 8) {
      const mid = (lo + hi) >>> 1;
      if (words[mid]! < w) lo = mid + 1;
      else hi = mid + 1;
    }
    for (; lo < hi; lo++) if (words[lo] === w) return this.triProbs[lo]!;
    return NaN;
  }

  /** log10 backoff weight of a context given by its bigram slot (0 for one that is not in the model). */
  backoff(ctx: number): number {
    return ctx >= 0 ? this.backoffValues[1]![this.backoffs[1]![ctx]!]! : 0;
  }

  logProb2(v: number, w: number): number {
    return this.logProb2At(this.bigramSlot(v, w), v, w);
  }

  /** logProb2 when the bigram's slot is known. */
  logProb2At(slot: number, v: number, w: number): number {
    if (slot >= 0) return this.probValues[1]![this.probs[1]![slot]!]!;
    return this.backoffValues[0]![this.backoffs[0]![v]!]! + this.probValues[0]![this.probs[0]![w]!]!;
  }
}

/** The trigram hash table regrouped by context slot in the bigram table (LanguageModel.triStart). */
function groupTrigrams(bigrams: Float64Array, trigrams: Float64Array, quantized: Uint8Array, values: Float32Array) {
  // Counting sort by context; each entry is word * 256 + quantized prob.
  const contexts: number[] = [];
  const entries: number[] = [];
  const starts = new Uint32Array(bigrams.length + 1);
  for (let s = 0; s < trigrams.length; s++) {
    const key = trigrams[s]!;
    if (key === 0) continue;
    const w = (key - 1) % ID_BITS;
    const ctx = findSlot(bigrams, (key - 1 - w) / ID_BITS + 1);
    // The builder gives every trigram's context a bigram entry (it carries the backoff weight).
    if (ctx < 0) throw new Error('trigram without its context bigram');
    contexts.push(ctx);
    entries.push(w * 256 + quantized[s]!);
    starts[ctx + 1]!++;
  }
  for (let s = 1; s < starts.length; s++) starts[s]! += starts[s - 1]!;
  const grouped = new Uint32Array(entries.length);
  const next = starts.slice(0, -1);
  for (let i = 0; i < entries.length; i++) grouped[next[contexts[i]!]!++] = entries[i]!;
  // By word within a context, for the binary search of the long ones.
  for (let s = 0; s < bigrams.length; s++) if (starts[s + 1]! - starts[s]! > 1) grouped.subarray(starts[s], starts[s + 1]).sort();
  const words = new Uint16Array(grouped.length);
  const probs = new Float32Array(grouped.length);
  for (let i = 0; i < grouped.length; i++) {
    words[i] = grouped[i]! >>> 8;
    probs[i] = values[grouped[i]! & 255]!;
  }
  return { starts, words, probs };
}
