// Diacritic restoration on held-out text of each genre: accuracy on stripped text beside the underthesea peer,
// stability on correct text, speed, model load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alignWords, evaluate } from '../src/eval/index.js';
import { loadRestorer, DEFAULT_MODEL } from '../src/restore/index.js';
import { foldDiacritics } from '../src/text/fold.js';
import { isValidSyllable } from '../src/text/syllable.js';
import type { BenchTable } from '../src/types.js';
import { heldoutParagraphs, mb, oldStyle, pct, timeCli, workDir } from './lib.js';
import { projectRoot, sharedDir } from '../scripts/lib/corpus.js';
import { GENRES, genreParagraphs, type Genre } from '../scripts/lib/general.js';
import { vieDamage } from '../scripts/lib/vie-damage.js';

const syllablesOf = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Words of correct text the restorer changed, and how many of them no Vietnamese syllable as written (the source's own typos, "nưóc"). */
function changedWords(truth: string, kept: string): { changed: number; noSyllable: number } {
  const words = (t: string) => t.split(/\s+/).filter(Boolean);
  let changed = 0;
  let noSyllable = 0;
  for (const [a, b] of alignWords(words(truth), words(kept))) {
    if (a === b) continue;
    changed++;
    const letters = (a ?? '').toLowerCase().replace(/[^\p{L}\p{M}]+/gu, '');
    if (letters && !isValidSyllable(letters)) noSyllable++;
  }
  return { changed, noSyllable };
}

const GENRE_NAMES: Record<Genre, string> = {
  news: 'news',
  encyclopedia: 'encyclopedia',
  web: 'general web prose',
  fiction: 'fiction (web novels)',
  literature: 'literature and verse',
};

/** One genre's held-out paragraphs, extracted from ../shared once and cached under bench/work/ (never committed). */
async function genreText(genre: Genre, split: 'test' | 'dev', count: number): Promise<string> {
  const cache = path.join(workDir, 'restore-genres', `${genre}-${split}-${count}.txt`);
  if (existsSync(cache)) return readFileSync(cache, 'utf8');
  const text = (await genreParagraphs(genre, split, count)).join('\n');
  mkdirSync(path.dirname(cache), { recursive: true });
  writeFileSync(cache, text);
  return text;
}

/** Held-out administrative reports (fixtures/reports/heldout, or dev for tuning), one after the other. */
function reportsText(split: 'test' | 'dev'): string {
  const dir = path.join(projectRoot, 'fixtures/reports', split === 'test' ? 'heldout' : 'dev');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8').trim())
    .join('\n\n');
}

const PEER = path.join(sharedDir, 'peers/underthesea/restore.py');

/** underthesea's restore_diacritics on the same stripped text, line for line, when python3 and the peer are here. */
function underthesea(stripped: string): { text: string; seconds: number } | undefined {
  if (!existsSync(PEER)) return undefined;
  const t0 = performance.now();
  const run = spawnSync('python3', [PEER], { input: `${stripped}\n`, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.error || run.status !== 0) return undefined;
  return { text: run.stdout.replace(/\n$/, ''), seconds: (performance.now() - t0) / 1000 };
}

/** The text sets of the table, each with its name; `split: 'dev'` gives the tuning sets. */
export async function restorationSets(quick: boolean, split: 'test' | 'dev'): Promise<[string, string][]> {
  const sets: [string, string][] = [
    ['legal prose (corpus split)', heldoutParagraphs(quick ? 150 : 1500, 12, split).join('\n')],
    [`administrative reports (fixtures/reports/${split === 'test' ? 'heldout' : 'dev'})`, reportsText(split)],
  ];
  for (const genre of GENRES) sets.push([GENRE_NAMES[genre], await genreText(genre, split, quick ? 60 : 300)]);
  return sets.map(([name, text]) => [name, oldStyle(text)]);
}

export async function run({ quick, split = 'test' }: { quick: boolean; split?: 'test' | 'dev' }): Promise<BenchTable[]> {
  const t0 = performance.now();
  const restorer = await loadRestorer({ modelPath: DEFAULT_MODEL });
  const loadSeconds = (performance.now() - t0) / 1000;
  const sets = await restorationSets(quick, split);
  const rows: (string | number)[][] = [];
  const ocrRows: (string | number)[][] = [];
  let syllables = 0;
  let seconds = 0;
  let withChanges = 0;
  let peerSeen = false;
  const keptNotes: string[] = [];
  for (const [name, truth] of sets) {
    const stripped = foldDiacritics(truth);
    const n = syllablesOf(truth);
    let start = performance.now();
    const restored = restorer.restore(stripped, { mode: 'unaccented', textOnly: true }).text;
    const took = (performance.now() - start) / 1000;
    start = performance.now();
    restorer.restore(stripped, { mode: 'unaccented' });
    withChanges += (performance.now() - start) / 1000;
    syllables += n;
    seconds += took;
    const ours = evaluate(truth, restored);
    const peer = underthesea(stripped);
    peerSeen ||= peer !== undefined;
    const theirs = peer ? evaluate(truth, oldStyle(peer.text)) : undefined;
    const errorRatio = theirs ? (1 - ours.syllableAccuracy) / Math.max(1 - theirs.syllableAccuracy, 1e-9) : undefined;
    const keptText = restorer.restore(truth).text;
    const kept = evaluate(truth, keptText);
    const { changed, noSyllable } = changedWords(truth, keptText);
    keptNotes.push(`${name.split(' (')[0]} ${changed} (${noSyllable})`);
    ocrRows.push([name, ...residualRepair(restorer, truth)]);
    rows.push([
      name,
      n,
      pct(ours.syllableAccuracy),
      theirs ? pct(theirs.syllableAccuracy) : '-',
      errorRatio === undefined ? '-' : errorRatio.toFixed(2),
      pct(kept.syllableAccuracy),
      Math.round(n / took),
      peer ? Math.round(n / peer.seconds) : '-',
    ]);
  }
  // The command as a user runs it, in its own process: load, restore, write.
  mkdirSync(workDir, { recursive: true });
  const strippedFile = path.join(workDir, 'restore-stripped.txt');
  writeFileSync(strippedFile, foldDiacritics(sets[0]![1]));
  const cli = await timeCli(['restore', strippedFile]);
  return [
    {
      title: `Diacritic restoration by genre${split === 'dev' ? ' (dev split)' : ''} (issues 3, 18)`,
      columns: [
        'text',
        'syllables',
        'vnocr on stripped text',
        'underthesea on stripped text',
        'errors: vnocr / underthesea',
        'correct text left unchanged',
        'vnocr syllables/s (1 core)',
        'underthesea syllables/s',
      ],
      rows,
      notes: [
        peerSeen
          ? "underthesea: its restore_diacritics (news bigram model) from ../shared/peers/underthesea, python3, one process per row, start-up included"
          : 'underthesea: not run (python3 or ../shared/peers/underthesea missing)',
        `vnocr over all rows: ${Math.round(syllables / seconds).toLocaleString('en-US')} syllables/s for the restored text alone (vnocr restore); listing every change with its confidence (--json, vnocr run): ${Math.round(syllables / withChanges).toLocaleString('en-US')} syllables/s`,
        `model ${path.basename(DEFAULT_MODEL)}: ${(statSync(DEFAULT_MODEL).size / 1e6).toFixed(1)} MB, load ${loadSeconds.toFixed(2)} s; \`vnocr restore\` on the stripped legal prose as its own process: ${cli.seconds.toFixed(1)} s, peak RSS ${mb(cli.peakRss)}`,
        `words of correct text changed, and in brackets those that were no Vietnamese syllable as written (the source's own typos, "nưóc", "nửaõ"): ${keptNotes.join(', ')}`,
        'held out by document: legal prose by blocks of the corpus (scripts/lib/corpus.ts), other genres by a hash of line blocks of ../shared/corpus-general (scripts/lib/general.ts), reports are fixtures written before tuning',
        'targets: each genre at most half of underthesea\'s errors; legal prose >= 98.8%; >= 99.95% of correct text unchanged; >= 100,000 syllables/s; model <= ~40 MB, load <= 0.5 s',
        'tone placement is not counted (truth and both outputs compared in the old style)',
      ],
    },
    {
      title: 'Vietnamese-model OCR text read as plain .txt, auto mode (issue 18)',
      columns: ['text', 'words', 'words misread', 'detected mode', 'misread words fixed', 'right words broken'],
      rows: ocrRows,
      notes: [
        `the same held-out text with ${(OCR_DAMAGE * 100).toFixed(1)}% of its words misread as vnocr's Vietnamese-model channel misreads them (dictionaries/channel-vie.json, learned from rendered and OCR'd training text; scripts/lib/vie-damage.ts), restored with no mode given`,
        'targets: at least half of the misread words fixed, at most 0.05% of the right words broken',
      ],
    },
  ];
}

/** Share of words misread, about that of a decree OCR'd elsewhere (issue 18: 2.4%). */
const OCR_DAMAGE = 0.025;

/** Restores text damaged with the Vietnamese-model channel as a plain text file: words, misread, mode, fixed, broken. */
export function residualRepair(restorer: Awaited<ReturnType<typeof loadRestorer>>, truth: string, share = OCR_DAMAGE, seed = 18): (string | number)[] {
  const damaged = vieDamage(truth, share, seed);
  const result = restorer.restore(damaged.text);
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  const [t, d, out] = [words(truth), words(damaged.text), words(result.text)];
  let wrong = 0;
  let fixed = 0;
  let broken = 0;
  t.forEach((w, i) => {
    if (d[i] !== w) {
      wrong++;
      if (out[i] === w) fixed++;
    } else if (out[i] !== w) broken++;
  });
  return [t.length, wrong, result.mode, wrong ? pct(fixed / wrong) : '-', pct(broken / (t.length - wrong))];
}
