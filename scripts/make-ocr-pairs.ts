// Makes training pairs for the OCR channel: train-split corpus paragraphs rendered into scans, OCR'd with
// tesseract.js (English model by default, as archives often were), and aligned word by word with the truth.
// Writes .cache/pairs/<lang>.jsonl (not committed). Usage: npx tsx scripts/make-ocr-pairs.ts [--lang eng] [--pages 40]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alignWords } from '../src/eval/index.js';
import { createOcrEngine } from '../src/ocr/engine.js';
import { encodePnm } from '../src/ocr/pnm.js';
import { preprocessPage } from '../src/preprocess/index.js';
import { corpusSplit, projectRoot } from './lib/corpus.js';
import { PRESETS, renderPages, type PresetName } from './lib/render.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const lang = arg('lang', 'eng');
const pageBudget = Number(arg('pages', '40'));
const presets: PresetName[] = ['clean', 'office', 'poor'];

const paragraphs = corpusSplit('train').filter((p, i) => i % 97 === 0 && p.split(' ').length >= 15 && !/\.{5,}|…{2,}/.test(p));
const engine = createOcrEngine({ jobs: 2, lang });
const out: string[] = [];
let pages = 0;
let at = 0;
const jobs: Promise<void>[] = [];
while (pages < pageBudget && at < paragraphs.length) {
  // Every third page in capitals: headers are, and OCR confuses capital marks (Ả/Ẳ, Ê/Ế) its own way.
  const block = paragraphs.slice(at, at + 12).join('\n');
  const text = pages % 3 === 2 ? block.toLocaleUpperCase('vi') : block;
  at += 12;
  const preset = presets[pages % presets.length]!;
  for (const page of await renderPages(text, { ...PRESETS[preset], seed: pages + 1 })) {
    if (pages++ >= pageBudget) break;
    const n = pages;
    jobs.push(
      // Preprocessed as the pipeline does it (deskewed, binarised): the channel is learned on what OCR sees there.
      // A page with a line or two of text counts as blank there; it is read as it is.
      preprocessPage(page.image, { enabled: true }).then((prepared) => engine.recognize(prepared.blank ? page.image : encodePnm(prepared.image, prepared.bilevel), 1)).then((result) => {
        const truth = page.lines.join(' ').split(/\s+/).filter(Boolean);
        const seen = result.text.split(/\s+/).filter(Boolean);
        for (const [t, o] of alignWords(truth, seen)) out.push(JSON.stringify([t ?? null, o ?? null]));
        process.stderr.write(`page ${n} (${preset})\n`);
      }),
    );
  }
  // One block at a time: rendering every page up front runs out of heap past ~150 pages.
  await Promise.all(jobs.splice(0));
}
await engine.terminate();
const dir = path.join(projectRoot, '.cache/pairs');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, `${lang}.jsonl`), `${out.join('\n')}\n`);
console.log(`${out.length} aligned word pairs from ${pages} pages -> .cache/pairs/${lang}.jsonl`);
