// Estimates an interpolated modified Kneser-Ney trigram model from sentences of syllables and packs it
// for model.ts. Counting uses packed integer keys in Maps; the result is pruned and 8-bit quantized.
import { BOS, EOS, SPECIAL_TOKENS, UNK, serialize, type ModelHeader } from './format.js';
import { buildTable, ID_BITS, packKey } from './hash.js';
import { makeQuantizer, quantize } from './quantize.js';

export interface BuildOptions {
  /** Syllables seen fewer times are <unk>. */
  minWordCount: number;
  /** Trigrams seen fewer times are dropped from the file (their mass stays in the backoff). */
  minTrigramCount: number;
  meta?: Record<string, unknown>;
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = { minWordCount: 2, minTrigramCount: 2 };

type Counts = Map<number, number>;

function bump(map: Counts, key: number, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Modified Kneser-Ney discounts D1, D2, D3+ from counts of counts. */
function discounts(counts: Iterable<number>): [number, number, number] {
  const n = [0, 0, 0, 0, 0];
  for (const c of counts) if (c <= 4) n[c]!++;
  const [, n1, n2, n3, n4] = n as [number, number, number, number, number];
  if (!n1 || !n2 || !n3 || !n4) return [0.5, 1, 1.5];
  const y = n1 / (n1 + 2 * n2);
  const clamp = (d: number, max: number) => Math.min(Math.max(d, 0.05), max);
  return [clamp(1 - (2 * y * n2) / n1, 1), clamp(2 - (3 * y * n3) / n2, 2), clamp(3 - (4 * y * n4) / n3, 3)];
}

const discountOf = (d: [number, number, number], c: number) => (c >= 3 ? d[2] : c === 2 ? d[1] : d[0]);

/** Sums per context: total count and how many continuations have count 1, 2, 3+. */
class ContextStats {
  total = new Map<number, number>();
  n = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  add(context: number, count: number): void {
    bump(this.total, context, count);
    bump(this.n[Math.min(count, 3) - 1]!, context, 1);
  }
  gamma(context: number, d: [number, number, number]): number {
    const total = this.total.get(context) ?? 0;
    if (total === 0) return 1;
    return (d[0] * (this.n[0]!.get(context) ?? 0) + d[1] * (this.n[1]!.get(context) ?? 0) + d[2] * (this.n[2]!.get(context) ?? 0)) / total;
  }
}

const split = (key: number): [number, number] => [Math.floor((key - 1) / ID_BITS), (key - 1) % ID_BITS];

export class ModelBuilder {
  private wordCounts = new Map<string, number>();

  /** First pass: count words, to fix the vocabulary. */
  addVocabulary(sentence: readonly string[]): void {
    for (const w of sentence) this.wordCounts.set(w, (this.wordCounts.get(w) ?? 0) + 1);
  }

  /** Second pass over the same sentences: estimate and serialise. */
  build(sentences: () => Iterable<readonly string[]>, options: BuildOptions = DEFAULT_BUILD_OPTIONS): Buffer {
    const words = [...this.wordCounts]
      .filter(([w, c]) => c >= options.minWordCount && !(SPECIAL_TOKENS as readonly string[]).includes(w))
      .sort((a, b) => b[1] - a[1])
      .slice(0, ID_BITS - SPECIAL_TOKENS.length - 1)
      .map(([w]) => w);
    const vocab = [...SPECIAL_TOKENS, ...words];
    const ids = new Map(vocab.map((w, i) => [w, i]));
    const V = vocab.length;
    const unk = ids.get(UNK)!;
    const bos = ids.get(BOS)!;
    const eos = ids.get(EOS)!;

    const unigram = new Uint32Array(V);
    const c3: Counts = new Map();
    // <s> <s> is a context (of each sentence's first trigram), so it needs a bigram entry to carry its backoff.
    const rawBigrams = new Set<number>([packKey([bos, bos])]);
    let tokens = 0;
    for (const sentence of sentences()) {
      const seq = [bos, bos, ...sentence.map((w) => ids.get(w) ?? unk), eos];
      for (let i = 2; i < seq.length; i++) {
        unigram[seq[i]!]!++;
        bump(c3, packKey([seq[i - 2]!, seq[i - 1]!, seq[i]!]));
        rawBigrams.add(packKey([seq[i - 1]!, seq[i]!]));
      }
      tokens += sentence.length;
    }

    // Continuation counts: how many distinct left neighbours each bigram and unigram has.
    const cc2: Counts = new Map();
    for (const key of c3.keys()) bump(cc2, ((key - 1) % (ID_BITS * ID_BITS)) + 1);
    for (const key of rawBigrams) if (!cc2.has(key)) cc2.set(key, 1);
    const cc1 = new Float64Array(V);
    for (const key of cc2.keys()) cc1[split(key)[1]]!++;

    // Unigrams: continuation probability, smoothed towards uniform so nothing is zero.
    const cc1Total = cc1.reduce((a, b) => a + b, 0);
    const p1 = new Float64Array(V);
    for (let w = 0; w < V; w++) p1[w] = (cc1[w]! + 0.1) / (cc1Total + 0.1 * V);
    p1[bos] = 1e-9;

    // Bigrams from continuation counts.
    const d2 = discounts(cc2.values());
    const ctx2 = new ContextStats();
    for (const [key, c] of cc2) ctx2.add(split(key)[0], c);
    const bigramKeys = [...cc2.keys()];
    const p2 = new Float64Array(bigramKeys.length);
    const gamma1 = new Float64Array(V).fill(1);
    for (let v = 0; v < V; v++) if (ctx2.total.has(v)) gamma1[v] = ctx2.gamma(v, d2);
    bigramKeys.forEach((key, i) => {
      const [v, w] = split(key);
      const c = cc2.get(key)!;
      p2[i] = Math.max(c - discountOf(d2, c), 0) / ctx2.total.get(v)! + gamma1[v]! * p1[w]!;
    });
    const p2Index = new Map(bigramKeys.map((k, i) => [k, i]));

    // Trigrams from raw counts; the context's backoff weight lives on its bigram entry.
    const d3 = discounts(c3.values());
    const ctx3 = new ContextStats();
    for (const [key, c] of c3) ctx3.add(Math.floor((key - 1) / ID_BITS) + 1, c);
    const gamma2 = new Float64Array(bigramKeys.length).fill(1);
    bigramKeys.forEach((key, i) => {
      if (ctx3.total.has(key)) gamma2[i] = ctx3.gamma(key, d3);
    });
    const trigramKeys: number[] = [];
    const p3: number[] = [];
    for (const [key, c] of c3) {
      if (c < options.minTrigramCount) continue;
      const ctx = Math.floor((key - 1) / ID_BITS) + 1;
      const tail = ((key - 1) % (ID_BITS * ID_BITS)) + 1;
      const lower = p2[p2Index.get(tail)!]!;
      trigramKeys.push(key);
      p3.push(Math.max(c - discountOf(d3, c), 0) / ctx3.total.get(ctx)! + gamma2[p2Index.get(ctx)!]! * lower);
    }

    const log = (xs: ArrayLike<number>) => Float64Array.from(xs as ArrayLike<number>, (x) => Math.log10(x));
    const logP = [log(p1), log(p2), log(p3)];
    const logB = [log(gamma1), log(gamma2)];
    const t2 = buildTable(bigramKeys);
    const trigrams = groupByContext(trigramKeys, (ctx) => t2.slots[p2Index.get(ctx)!]!, t2.table.length);
    const probQuant = logP.map(makeQuantizer);
    const backoffQuant = logB.map(makeQuantizer);
    const header: ModelHeader = {
      format: 'vnocr-lm',
      version: 2,
      order: 3,
      vocab,
      probQuant,
      backoffQuant,
      bigramCapacity: t2.table.length,
      trigrams: trigramKeys.length,
      meta: { ...options.meta, tokens, vocabulary: V, bigrams: bigramKeys.length, trigrams: trigramKeys.length, discounts: { d2, d3 } },
    };
    const scatter = (values: Uint8Array, slots: ArrayLike<number>, size: number) => {
      const out = new Uint8Array(size);
      for (let i = 0; i < values.length; i++) out[slots[i]!] = values[i]!;
      return out;
    };
    return serialize(header, {
      counts: unigram,
      bigramKeys: t2.table,
      trigramStarts: trigrams.starts,
      trigramWords: trigrams.words,
      probs: [
        quantize(logP[0]!, probQuant[0]!),
        scatter(quantize(logP[1]!, probQuant[1]!), t2.slots, t2.table.length),
        scatter(quantize(logP[2]!, probQuant[2]!), trigrams.order, trigramKeys.length),
      ],
      backoffs: [quantize(logB[0]!, backoffQuant[0]!), scatter(quantize(logB[1]!, backoffQuant[1]!), t2.slots, t2.table.length)],
    });
  }
}

/**
 * The file's trigram layout (format.ts): keys grouped by the bigram slot of their context, by word
 * within it. `order` gives each key's place in that layout.
 */
function groupByContext(keys: readonly number[], slotOfContext: (ctxKey: number) => number, capacity: number) {
  const contextSlot = keys.map((key) => slotOfContext(Math.floor((key - 1) / ID_BITS) + 1));
  const word = (i: number) => (keys[i]! - 1) % ID_BITS;
  const sorted = keys.map((_, i) => i).sort((a, b) => contextSlot[a]! - contextSlot[b]! || word(a) - word(b));
  const starts = new Uint32Array(capacity + 1);
  const words = new Uint16Array(keys.length);
  const order = new Uint32Array(keys.length);
  sorted.forEach((i, at) => {
    starts[contextSlot[i]! + 1]!++;
    words[at] = word(i);
    order[i] = at;
  });
  for (let s = 1; s < starts.length; s++) starts[s]! += starts[s - 1]!;
  return { starts, words, order };
}
