// Diacritic restoration on held-out text: accuracy on stripped text, stability on correct text, speed, load time.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate } from '../src/eval/index.js';
import { CandidateIndex } from '../src/restore/candidates.js';
import { applyCase, applyToneStyle, caseOf } from '../src/text/syllable.js';
import { loadModel, loadRestorer, DEFAULT_MODEL } from '../src/restore/index.js';
import { foldDiacritics } from '../src/text/fold.js';
import { tokenize } from '../src/text/tokenize.js';
import type { BenchTable } from '../src/types.js';
import { heldoutParagraphs, mb, pct, timeCli, workDir } from './lib.js';
import { projectRoot } from '../scripts/lib/corpus.js';

const syllablesOf = (text: string) => text.split(/\s+/).filter(Boolean).length;

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
  let withChanges = 0;
  for (const [name, truth] of sets) {
    const stripped = foldDiacritics(truth);
    let start = performance.now();
    const restored = restorer.restore(stripped, { mode: 'unaccented', textOnly: true }).text;
    const seconds = (performance.now() - start) / 1000;
    start = performance.now();
    restorer.restore(stripped, { mode: 'unaccented' });
    withChanges = Math.max(withChanges, syllablesOf(truth) / ((performance.now() - start) / 1000));
    const syllables = syllablesOf(truth);
    speed = Math.max(speed, syllables / seconds);
    const ours = evaluate(truth, restored);
    const peer = evaluate(truth, mostFrequentForm(stripped));
    const kept = evaluate(truth, restorer.restore(truth).text);
    rows.push([name, syllables, pct(ours.syllableAccuracy), pct(peer.syllableAccuracy), pct(kept.syllableAccuracy), Math.round(syllables / seconds)]);
  }
  // The command as a user runs it, in its own process: load, restore, write.
  mkdirSync(workDir, { recursive: true });
  const strippedFile = path.join(workDir, 'restore-stripped.txt');
  writeFileSync(strippedFile, foldDiacritics(sets[0]![1]));
  const cli = await timeCli(['restore', strippedFile]);
  return [
    {
      title: 'Diacritic restoration (issue 3)',
      columns: ['text', 'syllables', 'accuracy on stripped text', 'peer: most frequent form', 'correct text left unchanged', 'syllables/s (1 core)'],
      rows,
      notes: [
        `syllables/s is for the restored text alone (vnocr restore); listing every change with its confidence (--json, vnocr run) runs at ${Math.round(withChanges).toLocaleString('en-US')} syllables/s`,
        `model ${path.basename(DEFAULT_MODEL)}: load ${loadSeconds.toFixed(2)} s; \`vnocr restore\` on the stripped legal prose as its own process: ${cli.seconds.toFixed(1)} s, peak RSS ${mb(cli.peakRss)}`,
        'targets: accuracy >= 97% on stripped legal prose, >= 99.9% of correct text unchanged, >= 100,000 syllables/s, load <= 1 s, RSS <= 500 MB',
        'tone placement is not counted (truth and output compared in the old style)',
      ],
    },
  ];
}
