// Learns the OCR channel from aligned word pairs (.cache/pairs/<lang>.jsonl, made by make-ocr-pairs.ts):
// P(observed word | true syllable) for pairs seen often enough, and character confusion counts for the rest.
// Writes dictionaries/channel-<lang>.json. Usage: npx tsx scripts/learn-channel.ts [--lang eng]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonical } from '../src/restore/candidates.js';
import { alignChars } from '../src/restore/channel/align.js';
import { projectRoot } from './lib/corpus.js';

const i = process.argv.indexOf('--lang');
const lang = i >= 0 ? process.argv[i + 1]! : 'eng';
// Symbols stand in for letters ("S&", "ti€p", "c¢6"): any symbol may be part of an observed word.
const WORD = /^[\p{L}\p{N}\p{S}@&%#*?!|\\/]+$/u;
const strip = (w: string) => w.replace(/^[“”"'(),.;:«»]+|[“”"'(),.;:«»]+$/g, '');

const truthCounts = new Map<string, number>();
const pairCounts = new Map<string, Map<string, number>>();
const charCounts = new Map<string, Map<string, number>>();
const bump = <K>(m: Map<K, Map<string, number>>, k: K, v: string) => {
  const inner = m.get(k) ?? new Map<string, number>();
  inner.set(v, (inner.get(v) ?? 0) + 1);
  m.set(k, inner);
};

for (const line of readFileSync(path.join(projectRoot, `.cache/pairs/${lang}.jsonl`), 'utf8').split('\n')) {
  if (!line) continue;
  const [t, o] = JSON.parse(line) as [string | null, string | null];
  if (!t || !o) continue;
  const truth = canonical(strip(t));
  const seen = strip(o).toLowerCase().normalize('NFC');
  if (!truth || !seen || !/^\p{L}+$/u.test(truth) || !WORD.test(seen)) continue;
  truthCounts.set(truth, (truthCounts.get(truth) ?? 0) + 1);
  bump(pairCounts, truth, seen);
  for (const [a, b] of alignChars(truth, seen)) bump(charCounts, a, b);
}

// Word table: observed -> [truth, log10 P(observed | truth)], for pairs seen at least twice.
const words: Record<string, [string, number][]> = {};
for (const [truth, seen] of pairCounts) {
  const total = truthCounts.get(truth)!;
  for (const [o, c] of seen) {
    if (c < 2) continue;
    (words[o] ??= []).push([truth, Math.round(Math.log10(c / total) * 100) / 100]);
  }
}
// Character table: truth char ('' for an insertion) -> [observed ('' for a deletion), log10 P].
const chars: Record<string, [string, number][]> = {};
for (const [t, seen] of charCounts) {
  const total = [...seen.values()].reduce((a, b) => a + b, 0);
  chars[t] = [...seen]
    .filter(([, c]) => c >= 2)
    .map(([o, c]) => [o, Math.round(Math.log10(c / total) * 100) / 100] as [string, number])
    .sort((a, b) => b[1] - a[1]);
}
const out = path.join(projectRoot, `dictionaries/channel-${lang}.json`);
writeFileSync(out, `${JSON.stringify({ lang, pairs: [...truthCounts.values()].reduce((a, b) => a + b, 0), words, chars })}\n`);
console.log(`${out}: ${Object.keys(words).length} observed forms, ${Object.keys(chars).length} characters`);
