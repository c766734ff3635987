// Estimates an interpolated modified Kneser-Ney trigram model from sentences of syllables and packs it for
// model.ts. Counting is by sorting, as in KenLM: every trigram of the text is one packed key in a typed
// array; the array is sorted and equal keys counted, and the lower orders come from the distinct trigrams.
// No hash maps, so tens of millions of syllables fit in memory. The result is pruned and 8-bit quantized.
import { BOS, EOS, SPECIAL_TOKENS, UNK } from './format.js';
import { ID_BITS, searchSorted } from './keys.js';
import { packModel, type ModelTables } from './pack.js';

export interface BuildOptions {
  /** Syllables seen fewer times are <unk>. */
  minWordCount: number;
  /** Trigrams seen fewer times are dropped from the file (their mass stays in the backoff). */
  minTrigramCount: number;
  meta?: Record<string, unknown>;
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = { minWordCount: 2, minTrigramCount: 2 };

/** Vocabulary ids must fit 16 bits with room for the special tokens, and a bigram key 32 bits. */
const MAX_VOCABULARY = ID_BITS - 2;

/** Modified Kneser-Ney discounts D1, D2, D3+ from counts of counts. */
function discounts(counts: ArrayLike<number>): [number, number, number] {
  const n = [0, 0, 0, 0, 0];
  for (let i = 0; i < counts.length; i++) if (counts[i]! <= 4) n[counts[i]!]!++;
  const [, n1, n2, n3, n4] = n as [number, number, number, number, number];
  if (!n1 || !n2 || !n3 || !n4) return [0.5, 1, 1.5];
  const y = n1 / (n1 + 2 * n2);
  const clamp = (d: number, max: number) => Math.min(Math.max(d, 0.05), max);
  return [clamp(1 - (2 * y * n2) / n1, 1), clamp(2 - (3 * y * n3) / n2, 2), clamp(3 - (4 * y * n4) / n3, 3)];
}

const discountOf = (d: [number, number, number], c: number) => (c >= 3 ? d[2] : c === 2 ? d[1] : d[0]);

/** Sorted keys -> distinct keys and how often each occurs. */
function countSorted(keys: Float64Array): { keys: Float64Array; counts: Uint32Array } {
  let n = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) n++;
  const out = new Float64Array(n);
  const counts = new Uint32Array(n);
  let k = -1;
  for (let i = 0; i < keys.length; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) out[++k] = keys[i]!;
    counts[k]!++;
  }
  return { keys: out, counts };
}


const B = ID_BITS;
/** Bigram key of (v, w), and of a trigram (u v w): ids packed base 2^16, plus one (0 is an empty slot). */
const key2 = (v: number, w: number) => v * B + w + 1;
const key3 = (u: number, v: number, w: number) => (u * B + v) * B + w + 1;
/** A trigram key's context (u v) and tail (v w) as bigram keys, and its last word. */
const contextOf = (k3: number) => Math.floor((k3 - 1) / B) + 1;
const tailOf = (k3: number) => ((k3 - 1) % (B * B)) + 1;
const lastOf = (k: number) => (k - 1) % B;
const firstOf = (k2: number) => Math.floor((k2 - 1) / B);

/** A growable Int32Array. */
class IntList {
  data = new Int32Array(1 << 16);
  length = 0;
  reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    let size = this.data.length;
    while (size < this.length + n) size *= 2;
    const next = new Int32Array(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

export class ModelBuilder {
  /** Words by provisional id, in order of first appearance, with their counts. */
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private wordCounts = new Float64Array(1 << 12);
  private nameCounts = new Float64Array(1 << 12);
  /** The text as provisional ids, each sentence ended by -1. */
  private readonly text = new IntList();

  private idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.ids.set(word, id);
      if (id >= this.wordCounts.length) {
        const grow = (a: Float64Array) => {
          const next = new Float64Array(a.length * 2);
          next.set(a);
          return next;
        };
        this.wordCounts = grow(this.wordCounts);
        this.nameCounts = grow(this.nameCounts);
      }
    }
    return id;
  }

  /** Adds a sentence of canonical syllables, counted `times` times (a source weighted up). */
  add(sentence: readonly string[], times = 1): void {
    if (sentence.length === 0) return;
    const ids = sentence.map((w) => this.idOf(w));
    const text = this.text;
    text.reserve((ids.length + 1) * times);
    for (let t = 0; t < times; t++) {
      for (const id of ids) {
        text.data[text.length++] = id;
        this.wordCounts[id]!++;
      }
      text.data[text.length++] = -1;
    }
  }

  /** Counts syllables written in Title Case inside a sentence: evidence that a form is used in names. */
  addNames(names: readonly string[], times = 1): void {
    for (const w of names) this.nameCounts[this.idOf(w)]! += times;
  }

  /** Estimates and serialises the model; the builder's text is used up. */
  build(options: BuildOptions = DEFAULT_BUILD_OPTIONS): Buffer {
    const special = SPECIAL_TOKENS as readonly string[];
    const kept = this.words
      .map((_, id) => id)
      .filter((id) => this.wordCounts[id]! >= options.minWordCount && !special.includes(this.words[id]!))
      .sort((a, b) => this.wordCounts[b]! - this.wordCounts[a]!)
      .slice(0, MAX_VOCABULARY - special.length);
    const vocab = [...special, ...kept.map((id) => this.words[id]!)];
    const V = vocab.length;
    const unk = special.indexOf(UNK);
    const bos = special.indexOf(BOS);
    const eos = special.indexOf(EOS);
    const remap = new Int32Array(this.words.length).fill(unk);
    kept.forEach((id, i) => (remap[id] = special.length + i));
    // The text's <n> (numbers and codes, sentences.ts) is the special token itself, not an unknown word.
    this.words.forEach((word, id) => {
      if (special.includes(word)) remap[id] = special.indexOf(word);
    });
    const names = new Uint32Array(V);
    this.words.forEach((_, id) => (names[remap[id]!]! += this.nameCounts[id]!));
    names[unk] = 0;

    // Every trigram of the text, <s> <s> before each sentence and </s> after it.
    const text = this.text.data.subarray(0, this.text.length);
    const unigram = new Uint32Array(V);
    const all = new Float64Array(text.length);
    let u = bos;
    let v = bos;
    let tokens = 0;
    for (let i = 0; i < text.length; i++) {
      const w = text[i]! < 0 ? eos : remap[text[i]!]!;
      unigram[w]!++;
      all[i] = key3(u, v, w);
      if (w === eos) {
        u = v = bos;
      } else {
        u = v;
        v = w;
        tokens++;
      }
    }
    this.text.data = new Int32Array(0);
    this.text.length = 0;
    all.sort();
    const t3 = countSorted(all);

    // Continuation counts: how many distinct left neighbours each bigram has. <s> <s> is a context (of each
    // sentence's first trigram), so it needs a bigram entry to carry its backoff.
    const tails = new Float64Array(t3.keys.length + 1);
    for (let i = 0; i < t3.keys.length; i++) tails[i] = tailOf(t3.keys[i]!);
    tails[t3.keys.length] = key2(bos, bos);
    tails.sort();
    const t2 = countSorted(tails);
    const n2 = t2.keys.length;
    const cc1 = new Float64Array(V);
    for (let i = 0; i < n2; i++) cc1[lastOf(t2.keys[i]!)]!++;

    // Unigrams: continuation probability, smoothed towards uniform so nothing is zero.
    const cc1Total = cc1.reduce((a, b) => a + b, 0);
    const p1 = new Float64Array(V);
    for (let w = 0; w < V; w++) p1[w] = (cc1[w]! + 0.1) / (cc1Total + 0.1 * V);
    p1[bos] = 1e-9;

    // Bigrams from continuation counts; keys sorted by (v, w), so each context v is one run.
    const d2 = discounts(t2.counts);
    const p2 = new Float64Array(n2);
    const gamma1 = new Float64Array(V).fill(1);
    forRuns(t2.keys, firstOf, (from, to, ctx) => {
      const { total, gamma } = contextStats(t2.counts, from, to, d2);
      gamma1[ctx] = gamma;
      for (let i = from; i < to; i++) {
        const c = t2.counts[i]!;
        p2[i] = Math.max(c - discountOf(d2, c), 0) / total + gamma * p1[lastOf(t2.keys[i]!)]!;
      }
    });

    // Trigrams from raw counts, each context (u v) one run; its backoff weight lives on its bigram entry.
    const d3 = discounts(t3.counts);
    const gamma2 = new Float64Array(n2).fill(1);
    const triKeys: number[] = [];
    const p3: number[] = [];
    forRuns(t3.keys, contextOf, (from, to, ctx) => {
      const { total, gamma } = contextStats(t3.counts, from, to, d3);
      gamma2[searchSorted(t2.keys, ctx)] = gamma;
      for (let i = from; i < to; i++) {
        const c = t3.counts[i]!;
        if (c < options.minTrigramCount) continue;
        const lower = p2[searchSorted(t2.keys, tailOf(t3.keys[i]!))]!;
        triKeys.push(t3.keys[i]!);
        p3.push(Math.max(c - discountOf(d3, c), 0) / total + gamma * lower);
      }
    });

    const log = (xs: ArrayLike<number>) => Float64Array.from(xs as ArrayLike<number>, (x) => Math.log10(x));
    const tables: ModelTables = {
      vocab,
      counts: unigram,
      names,
      unigramLogP: log(p1),
      unigramLogB: log(gamma1),
      bigramKeys: Uint32Array.from(t2.keys),
      bigramLogP: log(p2),
      bigramLogB: log(gamma2),
      trigramKeys: Float64Array.from(triKeys),
      trigramLogP: log(p3),
    };
    return packModel(tables, {
      ...options.meta,
      tokens,
      vocabulary: V,
      bigrams: n2,
      trigrams: triKeys.length,
      discounts: { d2, d3 },
    });
  }
}

/** Calls fn for each run of equal group(key) in sorted keys. */
function forRuns(keys: Float64Array, group: (key: number) => number, fn: (from: number, to: number, group: number) => void): void {
  let from = 0;
  while (from < keys.length) {
    const g = group(keys[from]!);
    let to = from + 1;
    while (to < keys.length && group(keys[to]!) === g) to++;
    fn(from, to, g);
    from = to;
  }
}

/** A context's total count and backoff weight (the discounted mass), from its continuations' counts. */
function contextStats(counts: Uint32Array, from: number, to: number, d: [number, number, number]): { total: number; gamma: number } {
  let total = 0;
  let mass = 0;
  for (let i = from; i < to; i++) {
    total += counts[i]!;
    mass += discountOf(d, counts[i]!);
  }
  return { total, gamma: mass / total };
}
