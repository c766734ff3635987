// The binary model file: magic, a JSON header, then the typed arrays, all gzipped.
// Building (build.ts) and querying (model.ts) share only this layout.
import { gunzipSync, gzipSync } from 'node:zlib';
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
  /** 3 (2 had float64 bigram keys, power-of-two tables and no name counts). */
  version: 3;
  order: number;
  /** id -> syllable; ids 0..3 are the special tokens. */
  vocab: string[];
  /** For each order n (index n-1): quantizers of log10 p and of log10 backoff. */
  probQuant: Quantizer[];
  backoffQuant: Quantizer[];
  /** Slots of the bigram hash table. */
  bigramCapacity: number;
  trigrams: number;
  meta: Record<string, unknown>;
}

export interface ModelArrays {
  /** Raw unigram counts, for ranking candidates. */
  counts: Uint32Array;
  /** How often each syllable was written in Title Case inside a sentence: evidence for names. */
  names: Uint32Array;
  /** The bigram hash table's keys (hash.ts). */
  bigramKeys: Uint32Array;
  /**
   * Trigrams grouped by context: those of the context (u v) in bigram slot s have the word ids
   * trigramWords from the sum of trigramCounts before s, trigramCounts[s] of them, ascending. One probe finds a context; its
   * few continuations are then searched for each candidate word.
   */
  trigramCounts: Uint16Array;
  trigramWords: Uint16Array;
  /** Quantized log10 p per order n (index n-1): unigrams by id, bigrams by slot, trigrams as trigramWords. */
  probs: Uint8Array[];
  /** Quantized log10 backoff weights: unigrams by id, bigram contexts by slot. */
  backoffs: Uint8Array[];
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

export function serialize(header: ModelHeader, arrays: ModelArrays): Buffer {
  const typed = [arrays.counts, arrays.names, arrays.bigramKeys, arrays.trigramCounts, arrays.trigramWords, ...arrays.probs, ...arrays.backoffs];
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
  return gzipSync(out, { level: 6 });
}

export function deserialize(file: Buffer): { header: ModelHeader; arrays: ModelArrays } {
  const raw = gunzipSync(file);
  if (raw.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a vnocr language model (bad magic)');
  const jsonLen = raw.readUInt32LE(MAGIC.length);
  const header = JSON.parse(raw.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + jsonLen)) as ModelHeader;
  if (header.format !== 'vnocr-lm' || header.order !== 3) throw new Error(`unsupported model format ${header.format}`);
  if (header.version !== 3) throw new Error(`model format v${header.version} is from an older vnocr: build it again with vnocr train`);
  // Typed arrays view the file's bytes in place when they are aligned; else they are copied once.
  let buf = raw.buffer as ArrayBuffer;
  let at = raw.byteOffset;
  if (at % 8 !== 0 || buf.byteLength < at + raw.length) {
    buf = new ArrayBuffer(raw.length);
    new Uint8Array(buf).set(raw);
    at = 0;
  }
  at += align8(MAGIC.length + 4 + jsonLen);
  const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, count: number, bytesPer: number): T => {
    const view = make(buf, at, count);
    at += align8(count * bytesPer);
    return view;
  };
  const V = header.vocab.length;
  const B = header.bigramCapacity;
  const T = header.trigrams;
  const counts = take((b, o, n) => new Uint32Array(b, o, n), V, 4);
  const names = take((b, o, n) => new Uint32Array(b, o, n), V, 4);
  const bigramKeys = take((b, o, n) => new Uint32Array(b, o, n), B, 4);
  const trigramCounts = take((b, o, n) => new Uint16Array(b, o, n), B, 2);
  const trigramWords = take((b, o, n) => new Uint16Array(b, o, n), T, 2);
  const bytes = (n: number) => take((b, o, k) => new Uint8Array(b, o, k), n, 1);
  const probs = [bytes(V), bytes(B), bytes(T)];
  const backoffs = [bytes(V), bytes(B)];
  return { header, arrays: { counts, names, bigramKeys, trigramCounts, trigramWords, probs, backoffs } };
}
