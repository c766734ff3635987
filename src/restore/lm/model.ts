// The query side: a syllable n-gram model loaded once into typed arrays. log10 probabilities, ARPA-style backoff.
import { readFileSync } from 'node:fs';
import { deserialize, BOS, EOS, NUM, UNK, type ModelHeader } from './format.js';
import { findSlot, key2, key3 } from './hash.js';
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
    const slot = findSlot(this.keys[2]!, key3(u, v, w));
    if (slot >= 0) return this.probValues[2]![this.probs[2]![slot]!]!;
    const ctx = findSlot(this.keys[1]!, key2(u, v));
    const backoff = ctx >= 0 ? this.backoffValues[1]![this.backoffs[1]![ctx]!]! : 0;
    return backoff + this.logProb2(v, w);
  }

  logProb2(v: number, w: number): number {
    const slot = findSlot(this.keys[1]!, key2(v, w));
    if (slot >= 0) return this.probValues[1]![this.probs[1]![slot]!]!;
    return this.backoffValues[0]![this.backoffs[0]![v]!]! + this.probValues[0]![this.probs[0]![w]!]!;
  }
}
