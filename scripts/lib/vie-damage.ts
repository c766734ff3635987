// Text damaged as Vietnamese-model OCR damages it, made with the project's own learned channel
// (dictionaries/channel-vie.json, from rendered and OCR'd training text): a word OCR is known to misread is
// replaced by one of its misreadings, drawn by P(observed | word). Pairs of correct and damaged text at a
// chosen share of damaged words, for calibrating and measuring the residual-error channel.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyCase, applyToneStyle, caseOf } from '../../src/text/syllable.js';
import { tokenize } from '../../src/text/tokenize.js';
import { projectRoot } from './corpus.js';

type Misreadings = Map<string, { seen: string[]; weights: number[] }>;

let table: Misreadings | undefined;

/** Word -> what OCR read it as, other than itself, with weights P(observed | word). */
function misreadings(): Misreadings {
  if (table) return table;
  const file = path.join(projectRoot, 'dictionaries/channel-vie.json');
  const words = (JSON.parse(readFileSync(file, 'utf8')) as { words: Record<string, [string, number][]> }).words;
  table = new Map();
  for (const [seen, truths] of Object.entries(words)) {
    for (const [truth, logP] of truths) {
      if (truth === seen) continue;
      const entry = table.get(truth) ?? { seen: [], weights: [] };
      entry.seen.push(seen);
      entry.weights.push(10 ** logP);
      table.set(truth, entry);
    }
  }
  return table;
}

/** A fixed pseudo-random sequence in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * `text` with about `share` of its words misread (only words OCR is known to misread can be, so their own rate
 * is raised to reach the share). Returns the damaged text and how many words were damaged of how many.
 */
export function vieDamage(text: string, share: number, seed = 1): { text: string; damaged: number; words: number } {
  const table = misreadings();
  const tokens = tokenize(text);
  const key = (w: string) => applyToneStyle(w.toLowerCase(), 'old');
  let words = 0;
  let eligible = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    words++;
    if (table.has(key(t.text))) eligible++;
  }
  const rate = eligible ? Math.min(1, (share * words) / eligible) : 0;
  const next = random(seed);
  let damaged = 0;
  const out = tokens.map((t) => {
    const entry = t.kind === 'word' ? table.get(key(t.text)) : undefined;
    if (!entry || next() >= rate) return t.text;
    let pick = next() * entry.weights.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < entry.seen.length - 1 && (pick -= entry.weights[i]!) > 0) i++;
    damaged++;
    const casing = caseOf(t.text);
    return applyCase(entry.seen[i]!, casing === 'mixed' ? 'lower' : casing);
  });
  return { text: out.join(''), damaged, words };
}
