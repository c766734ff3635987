// Dev measurement for diacritic restoration (issue 18): each genre's dev split, stripped and as correct text,
// with a model given on the command line, and the words it got wrong. Dev split only: tune here, report with
// `npm run bench -- --only restore`.
//   npx tsx bench/restore-dev.ts [--model file.lm] [--quick] [--words]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { alignWords, evaluate } from '../src/eval/index.js';
import { LanguageModel } from '../src/restore/lm/model.js';
import { loadRestorer, DEFAULT_MODEL } from '../src/restore/index.js';
import { foldDiacritics } from '../src/text/fold.js';
import { pct, workDir } from './lib.js';
import { residualRepair, restorationSets } from './restore.js';

const args = process.argv.slice(2);
const modelPath = args.includes('--model') ? args[args.indexOf('--model') + 1]! : DEFAULT_MODEL;
const t0 = performance.now();
LanguageModel.load(modelPath);
const load = (performance.now() - t0) / 1000;
const restorer = await loadRestorer({ modelPath });
const words = (s: string) => s.split(/\s+/).filter(Boolean);
const errors: string[] = [];
console.log(`model ${modelPath}: load ${load.toFixed(2)} s`);
let total = 0;
let seconds = 0;
for (const [name, truth] of await restorationSets(args.includes('--quick'), 'dev')) {
  const stripped = foldDiacritics(truth);
  const start = performance.now();
  const restored = restorer.restore(stripped, { mode: 'unaccented', textOnly: true }).text;
  seconds += (performance.now() - start) / 1000;
  total += words(truth).length;
  const kept = restorer.restore(truth).text;
  const ocr = [0.01, 0.03].map((share) => {
    const [, , , fixed, broken] = residualRepair(restorer, truth, share, 7);
    return `${(share * 100).toFixed(0)}%: fixed ${fixed} broken ${broken}`;
  });
  console.log(`${name.padEnd(50)} stripped ${pct(evaluate(truth, restored).syllableAccuracy)}  correct kept ${pct(evaluate(truth, kept).syllableAccuracy)}  ${ocr.join('  ')}`);
  for (const [kind, out] of [['stripped', restored], ['correct', kept]] as const) {
    for (const [a, b] of alignWords(words(truth), words(out))) if (a !== b) errors.push(`${name}\t${kind}\t${a ?? '-'}\t${b ?? '-'}`);
  }
}
console.log(`${Math.round(total / seconds).toLocaleString('en-US')} syllables/s`);
const file = path.join(workDir, 'restore-dev-errors.txt');
writeFileSync(file, `${errors.join('\n')}\n`);
console.log(`errors listed in ${file}`);
