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
  version: 1;
  order: number;
  /** id -> syllable; ids 0..3 are the special tokens. */
  vocab: string[];
  /** For each order n (index n-1): quantizers of log10 p and of log10 backoff. */
  probQuant: Quantizer[];
  backoffQuant: Quantizer[];
  /** For orders >= 2: hash-table capacity. */
  capacities: number[];
  meta: Record<string, unknown>;
}

export interface ModelArrays {
  /** Raw unigram counts, for ranking candidates. */
  counts: Uint32Array;
  /** Per order n (index n-1): keys (order >= 2 only), quantized prob, quantized backoff (order < max). */
  keys: Float64Array[];
  probs: Uint8Array[];
  backoffs: Uint8Array[];
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

export function serialize(header: ModelHeader, arrays: ModelArrays): Buffer {
  const parts: Uint8Array[] = [arrays.counts, ...arrays.keys, ...arrays.probs, ...arrays.backoffs].map(
    (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
  );
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
  // Copy into an aligned buffer so typed arrays can view it without per-array copies.
  const buf = new ArrayBuffer(raw.length);
  new Uint8Array(buf).set(raw);
  let at = align8(MAGIC.length + 4 + jsonLen);
  const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, count: number, bytesPer: number): T => {
    const view = make(buf, at, count);
    at += align8(count * bytesPer);
    return view;
  };
  const V = header.vocab.length;
  const counts = take((b, o, n) => new Uint32Array(b, o, n), V, 4);
  const keys = [new Float64Array(0), ...header.capacities.slice(1).map((c) => take((b, o, n) => new Float64Array(b, o, n), c, 8))];
  const sizeOf = (n: number) => (n === 0 ? V : header.capacities[n]!);
  const probs = header.probQuant.map((_, n) => take((b, o, k) => new Uint8Array(b, o, k), sizeOf(n), 1));
  const backoffs = header.backoffQuant.map((_, n) => take((b, o, k) => new Uint8Array(b, o, k), sizeOf(n), 1));
  return { header, arrays: { counts, keys, probs, backoffs } };
}
