// The binary model file: magic, a JSON header, then the typed arrays, each 8-byte aligned. Not compressed: the
// query structure is the file itself, viewed in place (as KenLM's binary format), so loading is one read.
// Building (build.ts) and querying (model.ts) share only this layout.
import { gunzipSync } from 'node:zlib';
import type { Quantizer } from './quantize.js';

export const MAGIC = 'VNLM1\n';
export const UNK = '<unk>';
export const BOS = '<s>';
export const EOS = '</s>';
/** Stands for a number, date or document code inside a sentence. */
export const NUM = '<n>';
export const SPECIAL_TOKENS = [UNK, BOS, EOS, NUM] as const;

export interface ModelHeader {
  format: 'vnocr-lm';
  /** 5: ids grouped by folded key (pack.ts); 4 had them by frequency (3 was gzipped, with bigrams in a hash table; 2 had float64 bigram keys and no name counts). */
  version: 5;
  order: number;
  /** id -> syllable; ids 0..3 are the special tokens. */
  vocab: string[];
  /** For each order n (index n-1): quantizers of log10 p and of log10 backoff. */
  probQuant: Quantizer[];
  backoffQuant: Quantizer[];
  bigrams: number;
  trigrams: number;
  meta: Record<string, unknown>;
}

/** The largest number of trigrams one context may have (trigramCounts is 16-bit). */
export const MAX_TRIGRAMS_PER_CONTEXT = 65535;

export interface ModelArrays {
  /** Raw unigram counts, for ranking candidates. */
  counts: Uint32Array;
  /** How often each syllable was written in Title Case inside a sentence: evidence for names. */
  names: Uint32Array;
  /**
   * Bigrams sorted by (v, w), as a trie: those of the context v have the word ids bigramWords[bigramStarts[v]]
   * up to bigramStarts[v + 1], ascending. A bigram is known by its index in this order.
   */
  bigramStarts: Uint32Array;
  bigramWords: Uint16Array;
  /**
   * Trigrams sorted by (u, v, w): those of the context (u v), bigram b, have the word ids trigramWords from the
   * sum of trigramCounts before b, trigramCounts[b] of them, ascending (counts take half the bytes of starts).
   */
  trigramCounts: Uint16Array;
  trigramWords: Uint16Array;
  /** Quantized log10 p per order n (index n-1): unigrams by id, bigrams and trigrams in their order. */
  probs: Uint8Array[];
  /** Quantized log10 backoff weights: unigrams by id, bigram contexts in their order. */
  backoffs: Uint8Array[];
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

export function serialize(header: ModelHeader, arrays: ModelArrays): Buffer {
  const typed = [arrays.counts, arrays.names, arrays.bigramStarts, arrays.bigramWords, arrays.trigramCounts, arrays.trigramWords, ...arrays.probs, ...arrays.backoffs];
  const parts = typed.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const json = Buffer.from(JSON.stringify(header));
  const headLen = align8(MAGIC.length + 4 + json.length);
  const total = parts.reduce((n, p) => n + align8(p.length), headLen);
  const out = Buffer.alloc(total);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);
  let at = headLen;
  for (const p of parts) {
    out.set(p, at);
    at += align8(p.length);
  }
  return out;
}

const isGzip = (file: Buffer) => file.length > 18 && file[0] === 0x1f && file[1] === 0x8b;

/** The typed arrays view the file's bytes (a gzipped file, as users may keep theirs, is inflated first). */
export function deserialize(file: Buffer): { header: ModelHeader; arrays: ModelArrays } {
  // One output chunk of the size the gzip trailer gives: zlib's default 16 KB chunks cost a copy of the whole.
  const raw = isGzip(file) ? gunzipSync(file, { chunkSize: Math.max(file.readUInt32LE(file.length - 4), 1024) }) : file;
  if (raw.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a vnocr language model (bad magic)');
  const jsonLen = raw.readUInt32LE(MAGIC.length);
  const header = JSON.parse(raw.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + jsonLen)) as ModelHeader;
  if (header.format !== 'vnocr-lm' || header.order !== 3) throw new Error(`unsupported model format ${header.format}`);
  if (header.version !== 5) throw new Error(`model format v${header.version} is from an older vnocr: build it again with vnocr train`);
  // Typed arrays view the bytes in place when they are aligned; else they are copied once.
  let buf = raw.buffer as ArrayBuffer;
  let at = raw.byteOffset;
  if (at % 8 !== 0) {
    buf = new ArrayBuffer(raw.length);
    new Uint8Array(buf).set(raw);
    at = 0;
  }
  const end = at + raw.length;
  at += align8(MAGIC.length + 4 + jsonLen);
  const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, count: number, bytesPer: number): T => {
    if (at + count * bytesPer > end) throw new Error('language model file is truncated');
    const view = make(buf, at, count);
    at += align8(count * bytesPer);
    return view;
  };
  const V = header.vocab.length;
  const B = header.bigrams;
  const T = header.trigrams;
  const words32 = (n: number) => take((b, o, k) => new Uint32Array(b, o, k), n, 4);
  const words16 = (n: number) => take((b, o, k) => new Uint16Array(b, o, k), n, 2);
  const bytes = (n: number) => take((b, o, k) => new Uint8Array(b, o, k), n, 1);
  const counts = words32(V);
  const names = words32(V);
  const bigramStarts = words32(V + 1);
  const bigramWords = words16(B);
  const trigramCounts = words16(B);
  const trigramWords = words16(T);
  const probs = [bytes(V), bytes(B), bytes(T)];
  const backoffs = [bytes(V), bytes(B)];
  return { header, arrays: { counts, names, bigramStarts, bigramWords, trigramCounts, trigramWords, probs, backoffs } };
}
