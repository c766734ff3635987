// The query side: a syllable n-gram model loaded once into typed arrays. log10 probabilities, ARPA-style backoff.
import { readFileSync } from 'node:fs';
import { deserialize, BOS, EOS, NUM, UNK, type ModelHeader } from './format.js';
import { searchRun, searchRunAll } from './keys.js';
import { dequantTable } from './quantize.js';

/** Bigrams per block of trigram starts (2^3). */
const BLOCK_BITS = 3;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;

export class LanguageModel {
  readonly order: number;
  readonly vocab: readonly string[];
  readonly counts: Uint32Array;
  /** How often each syllable was written in Title Case inside a sentence in the training text (names). */
  readonly names: Uint32Array;
  readonly meta: Record<string, unknown>;
  readonly bos: number;
  readonly num: number;
  readonly eos: number;
  readonly unk: number;
  private readonly ids: Map<string, number>;
  /** Bigrams by context (format.ts). */
  private readonly bigramStarts: Uint32Array;
  private readonly bigramWords: Uint16Array;
  private readonly probs: Uint8Array[];
  private readonly backoffs: Uint8Array[];
  private readonly probValues: Float32Array[];
  private readonly backoffValues: Float32Array[];
  /** Trigrams by context (format.ts): how many each bigram has, and where those of every BLOCK-th bigram start. */
  private readonly trigramCounts: Uint16Array;
  private readonly blockStarts: Uint32Array;
  private readonly trigramWords: Uint16Array;

  constructor(header: ModelHeader, arrays: ReturnType<typeof deserialize>['arrays']) {
    this.order = header.order;
    this.vocab = header.vocab;
    this.meta = header.meta;
    this.counts = arrays.counts;
    this.names = arrays.names;
    this.bigramStarts = arrays.bigramStarts;
    this.bigramWords = arrays.bigramWords;
    // Starts of every bigram's trigrams would be 4 bytes a bigram, made and paged in at each load: a start per
    // block of them is an eighth, and a context's start is its block's plus the counts before it in the block.
    const perContext = (this.trigramCounts = arrays.trigramCounts);
    const blocks = (this.blockStarts = new Uint32Array((perContext.length >>> BLOCK_BITS) + 1));
    for (let b = 0, at = 0; b < perContext.length; b++) {
      if ((b & BLOCK_MASK) === 0) blocks[b >>> BLOCK_BITS] = at;
      at += perContext[b]!;
    }
    this.trigramWords = arrays.trigramWords;
    this.probs = arrays.probs;
    this.backoffs = arrays.backoffs;
    this.probValues = header.probQuant.map(dequantTable);
    this.backoffValues = header.backoffQuant.map(dequantTable);
    this.ids = new Map(header.vocab.map((w, i) => [w, i]));
    this.bos = this.ids.get(BOS)!;
    this.num = this.ids.get(NUM)!;
    this.eos = this.ids.get(EOS)!;
    this.unk = this.ids.get(UNK)!;
  }

  static fromBuffer(buffer: Buffer): LanguageModel {
    const { header, arrays } = deserialize(buffer);
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

  /** log10 p(w), the unigram. */
  logProb1(w: number): number {
    return this.probValues[0]![this.probs[0]![w]!]!;
  }

  /** log10 backoff weight of the unigram context v. */
  backoff1(v: number): number {
    return this.backoffValues[0]![this.backoffs[0]![v]!]!;
  }

  /** Every bigram (v, w) of the model, and every trigram (u v w), for mixing models (mix.ts). */
  forEachNgram(bigram: (v: number, w: number) => void, trigram: (u: number, v: number, w: number) => void): void {
    for (let v = 0; v < this.vocab.length; v++) {
      for (let b = this.bigramStarts[v]!; b < this.bigramStarts[v + 1]!; b++) {
        const w = this.bigramWords[b]!;
        bigram(v, w);
        const from = this.trigramsStart(b);
        for (let t = from; t < from + this.trigramCounts[b]!; t++) trigram(v, w, this.trigramWords[t]!);
      }
    }
  }

  /** log10 p(w | u v), backing off to the bigram and unigram. */
  logProb3(u: number, v: number, w: number): number {
    const ctx = this.bigramIndex(u, v);
    const p = this.trigram(ctx, w);
    return p === p ? p : this.backoff(ctx) + this.logProb2(v, w);
  }

  /** Index of the bigram (v, w), -1 when absent; the same index stands for (v, w) as a trigram context. */
  bigramIndex(v: number, w: number): number {
    return searchRun(this.bigramWords, this.bigramStarts[v]!, this.bigramStarts[v + 1]!, w);
  }

  /** Bigram indices of (v, ids[k]) for n ascending ids into found, -1 where absent. */
  bigramIndices(v: number, ids: Int32Array, n: number, found: Int32Array): void {
    searchRunAll(this.bigramWords, this.bigramStarts[v]!, this.bigramStarts[v + 1]!, ids, n, found);
  }

  /** Trigram indices of n ascending ids in a context's trigrams, the index range [from, to), into found, -1 where absent. */
  trigramIndices(from: number, to: number, ids: Int32Array, n: number, found: Int32Array): void {
    searchRunAll(this.trigramWords, from, to, ids, n, found);
  }

  /** log10 p of the trigram with index t. */
  trigramAt(t: number): number {
    return this.probValues[2]![this.probs[2]![t]!]!;
  }

  /** log10 p(w | context) when the trigram is in the model, else NaN; ctx is the context's bigram index. */
  trigram(ctx: number, w: number): number {
    if (ctx < 0) return NaN;
    const from = this.trigramsStart(ctx);
    return this.trigramIn(from, from + this.trigramCounts[ctx]!, w);
  }

  /** Index of the first trigram of the context with bigram index ctx (>= 0); its trigramCount(ctx) follow. */
  trigramsStart(ctx: number): number {
    let at = this.blockStarts[ctx >>> BLOCK_BITS]!;
    for (let b = ctx & ~BLOCK_MASK; b < ctx; b++) at += this.trigramCounts[b]!;
    return at;
  }

  trigramCount(ctx: number): number {
    return ctx >= 0 ? this.trigramCounts[ctx]! : 0;
  }

  /** log10 p(w | context) given the context's trigrams as the index range [from, to), else NaN. */
  trigramIn(from: number, to: number, w: number): number {
    const t = searchRun(this.trigramWords, from, to, w);
    return t < 0 ? NaN : this.trigramAt(t);
  }

  /** log10 backoff weight of a context given by its bigram index (0 for one that is not in the model). */
  backoff(ctx: number): number {
    return ctx >= 0 ? this.backoffValues[1]![this.backoffs[1]![ctx]!]! : 0;
  }

  logProb2(v: number, w: number): number {
    return this.logProb2At(this.bigramIndex(v, w), v, w);
  }

  /** logProb2 when the bigram's index is known. */
  logProb2At(index: number, v: number, w: number): number {
    if (index >= 0) return this.probValues[1]![this.probs[1]![index]!]!;
    return this.backoffValues[0]![this.backoffs[0]![v]!]! + this.probValues[0]![this.probs[0]![w]!]!;
  }
}
