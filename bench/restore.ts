// Diacritic restoration on held-out text: accuracy on stripped text, stability on correct text, speed, load time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate } from '../src/eval/index.js';
import { CandidateIndex } from '../src/restore/candidates.js';
import { applyCase, applyToneStyle, caseOf } from '../src/text/syllable.js';
import { loadModel, loadRestorer, DEFAULT_MODEL } from '../src/restore/index.js';
import { foldDiacritics } from '../src/text/fold.js';
import { tokenize } from '../src/text/tokenize.js';
import type { BenchTable } from '../src/types.js';
import { heldoutParagraphs, mb, pct } from './lib.js';
import { projectRoot } from '../scripts/lib/corpus.js';

/** Text with every tone mark in the old style, the model's, so tone placement is not counted as an error. */
const oldStyle = (text: string) => tokenize(text).map((t) => (t.kind === 'word' ? applyToneStyle(t.text, 'old') : t.text)).join('');

/** The peer baseline: every word gets its most frequent accented form, no context. */
function mostFrequentForm(text: string): string {
  const model = loadModel();
  const index = new CandidateIndex(model);
  return tokenize(text)
    .map((t) => {
      const best = t.kind === 'word' ? index.forms(t.text.toLowerCase())[0] : undefined;
      return best === undefined ? t.text : applyCase(model.vocab[best]!, caseOf(t.text));
    })
    .join('');
}

export async function run({ quick }: { quick: boolean }): Promise<BenchTable[]> {
  const t0 = performance.now();
  const restorer = await loadRestorer({ modelPath: DEFAULT_MODEL });
  const loadSeconds = (performance.now() - t0) / 1000;
  const sets: [string, string][] = [
    ['legal prose (held-out corpus split)', oldStyle(heldoutParagraphs(quick ? 150 : 1500).join('\n'))],
    ['news-like prose (bench/data/news-like.txt, written for the benchmark)', oldStyle(readFileSync(path.join(projectRoot, 'bench/data/news-like.txt'), 'utf8'))],
  ];
  const rows: (string | number)[][] = [];
  let speed = 0;
  for (const [name, truth] of sets) {
    const stripped = foldDiacritics(truth);
    const start = performance.now();
    const restored = restorer.restore(stripped, { mode: 'unaccented' }).text;
    const seconds = (performance.now() - start) / 1000;
    const syllables = truth.split(/\s+/).length;
    speed = Math.max(speed, syllables / seconds);
    const ours = evaluate(truth, restored);
    const peer = evaluate(truth, mostFrequentForm(stripped));
    const kept = evaluate(truth, restorer.restore(truth).text);
    rows.push([name, syllables, pct(ours.syllableAccuracy), pct(peer.syllableAccuracy), pct(kept.syllableAccuracy), Math.round(syllables / seconds)]);
  }
  return [
    {
      title: 'Diacritic restoration (issue 3)',
      columns: ['text', 'syllables', 'accuracy on stripped text', 'peer: most frequent form', 'correct text left unchanged', 'syllables/s (1 core)'],
      rows,
      notes: [
        `model ${path.basename(DEFAULT_MODEL)}: load ${loadSeconds.toFixed(2)} s, process RSS after the run ${mb(process.memoryUsage().rss)}`,
        'targets: accuracy >= 97% on stripped legal prose, >= 99.9% of correct text unchanged, >= 100,000 syllables/s, load <= 1 s, RSS <= 500 MB',
        'tone placement is not counted (truth and output compared in the old style)',
      ],
    },
  ];
}
