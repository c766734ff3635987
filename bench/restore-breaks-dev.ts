// Dev listing for the correct-text guard (issue 18): the right words that restoration changes in correct text
// and in text damaged with the Vietnamese-model channel, each with its context and the change's confidence
// (--misses: the misread words too, fixed or not),
// per genre of the dev split. Dev split only.
//   npx tsx bench/restore-breaks-dev.ts [--genres literature,fiction] [--seeds 7,8] [--misses]
import { loadRestorer } from '../src/restore/index.js';
import { lineLocator } from '../src/restore/offsets.js';
import { vieDamage } from '../scripts/lib/vie-damage.js';
import { restorationSets } from './restore.js';

const args = process.argv.slice(2);
const pick = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1]!.split(',') : undefined);
const genres = pick('--genres');
const misses = args.includes('--misses');
const seeds = (pick('--seeds') ?? ['7']).map(Number);
const restorer = await loadRestorer();

/** Whitespace words of a text with their offsets. */
function wordsAt(text: string): { word: string; start: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0], start: m.index! }));
}

/** Each changed word of `input` (by whitespace word index) with the change's confidence. */
function confidences(input: string, changes: { line: number; column: number; confidence: number }[]): Map<number, number> {
  const locate = lineLocator(input);
  const words = wordsAt(input);
  const byPlace = new Map<string, number>();
  words.forEach((w, i) => {
    const { line, column } = locate(w.start);
    for (let k = 0; k < w.word.length; k++) byPlace.set(`${line}:${column + k}`, i);
  });
  const out = new Map<number, number>();
  for (const c of changes) {
    const i = byPlace.get(`${c.line}:${c.column}`);
    if (i !== undefined) out.set(i, Math.min(out.get(i) ?? 1, c.confidence));
  }
  return out;
}

const context = (words: string[], i: number) => `${words.slice(Math.max(0, i - 4), i).join(' ')} [${words[i]}] ${words.slice(i + 1, i + 5).join(' ')}`;

for (const [name, truth] of await restorationSets(false, 'dev')) {
  if (genres && !genres.some((g) => name.includes(g))) continue;
  const t = wordsAt(truth).map((w) => w.word);
  const kept = restorer.restore(truth);
  const ko = wordsAt(kept.text).map((w) => w.word);
  const kc = confidences(truth, kept.changes);
  t.forEach((w, i) => {
    if (ko[i] !== w) console.log(`${name}\tcorrect\t${w} -> ${ko[i]}\t${kc.get(i) ?? '?'}\t${context(t, i)}`);
  });
  for (const share of [0.01, 0.03]) {
    for (const seed of seeds) {
      const damaged = vieDamage(truth, share, seed).text;
      const d = wordsAt(damaged).map((w) => w.word);
      const r = restorer.restore(damaged);
      const o = wordsAt(r.text).map((w) => w.word);
      const c = confidences(damaged, r.changes);
      t.forEach((w, i) => {
        const tag = `${name}\tocr${share * 100}%s${seed}`;
        if (d[i] === w && o[i] !== w) console.log(`${tag}\t${w} -> ${o[i]}\t${c.get(i) ?? '?'}\t${context(d, i)}`);
        else if (d[i] !== w && misses) console.log(`${tag}\t${o[i] === w ? 'FIXED' : o[i] === d[i] ? 'KEPT' : 'WRONG'} ${w}: ${d[i]} -> ${o[i]}\t${c.get(i) ?? '-'}\t${context(d, i)}`);
      });
    }
  }
}
