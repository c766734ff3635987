// Text damaged as Vietnamese-model OCR damages it, made with the project's own learned channel
// (dictionaries/channel-vie.json, from rendered and OCR'd training text): a word OCR is known to misread is
// replaced by one of its misreadings, drawn by P(observed | word). The word table lists only a few (legal) words,
// so any other word is misread through the character table of the same channel, one letter at a time. Pairs of
// correct and damaged text at a chosen share of damaged words, for calibrating and measuring the residual-error
// channel.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyCase, applyToneStyle, caseOf } from '../../src/text/syllable.js';
import { tokenize } from '../../src/text/tokenize.js';
import { projectRoot } from './corpus.js';

interface Misread {
  seen: string[];
  weights: number[];
}
type Misreadings = Map<string, Misread>;

type Table = Record<string, [string, number][]>;

let channel: { words: Misreadings; chars: Misreadings; byWord: Map<string, Misread | undefined> } | undefined;

/** The word table, seen -> [truth, log P(seen | truth)], turned around: truth -> what OCR read it as, other than itself. */
function invert(seenToTruths: Table): Misreadings {
  const table: Misreadings = new Map();
  for (const [seen, truths] of Object.entries(seenToTruths)) {
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

/** The character table, already truth -> [seen ('' for a deletion), log P(seen | truth)]: its misreadings only. */
function misreadLetters(truthToSeen: Table): Misreadings {
  const table: Misreadings = new Map();
  for (const [truth, seen] of Object.entries(truthToSeen)) {
    const other = seen.filter(([s]) => s !== truth);
    if (truth && other.length) table.set(truth, { seen: other.map(([s]) => s), weights: other.map(([, logP]) => 10 ** logP) });
  }
  return table;
}

/** What OCR reads `word` as: its own misreadings if the word table lists it, else one letter misread. */
function misreadingsOf(word: string): Misread | undefined {
  if (!channel) {
    const file = path.join(projectRoot, 'dictionaries/channel-vie.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { words: Table; chars: Table };
    channel = { words: invert(json.words), chars: misreadLetters(json.chars), byWord: new Map() };
  }
  if (channel.byWord.has(word)) return channel.byWord.get(word);
  let entry = channel.words.get(word);
  if (!entry) {
    const letters = [...word];
    const byLetter: Misread = { seen: [], weights: [] };
    letters.forEach((letter, i) => {
      const misread = channel!.chars.get(letter);
      misread?.seen.forEach((s, j) => {
        const seen = [...letters.slice(0, i), s, ...letters.slice(i + 1)].join('');
        if (!seen) return;
        byLetter.seen.push(seen);
        byLetter.weights.push(misread.weights[j]!);
      });
    });
    if (byLetter.seen.length) entry = byLetter;
  }
  channel.byWord.set(word, entry);
  return entry;
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
 * `text` with about `share` of its words misread (only words with a misreading in the channel can be, so their
 * own rate is raised to reach the share). Returns the damaged text and how many words were damaged of how many.
 */
export function vieDamage(text: string, share: number, seed = 1): { text: string; damaged: number; words: number } {
  const tokens = tokenize(text);
  const key = (w: string) => applyToneStyle(w.toLowerCase(), 'old');
  let words = 0;
  let eligible = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    words++;
    if (misreadingsOf(key(t.text))) eligible++;
  }
  const rate = eligible ? Math.min(1, (share * words) / eligible) : 0;
  const next = random(seed);
  let damaged = 0;
  const out = tokens.map((t) => {
    const entry = t.kind === 'word' ? misreadingsOf(key(t.text)) : undefined;
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
