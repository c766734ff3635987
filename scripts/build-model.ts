// Builds the shipped language model, dictionaries/vi-syllables.lm.gz, from the training split of the shared
// corpus, seed report 000 and the lexicon's phrases. Run: npm run train  (about a minute; reads ../shared).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { trainModel } from '../src/restore/train.js';
import { corpusSplit, projectRoot, seedText } from './lib/corpus.js';

const PHRASE_WEIGHT = 20;
const out = path.join(projectRoot, 'dictionaries/vi-syllables.lm.gz');
const phrases = readFileSync(path.join(projectRoot, 'dictionaries/lexicon/phrases.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'));

const t0 = Date.now();
const train = corpusSplit('train');
const seed = seedText('000').split('\n');
const model = trainModel(() => [...train, ...seed], {
  weighted: { text: phrases, weight: PHRASE_WEIGHT },
  meta: { builtFrom: 'shared corpus (train split) + seed 000 + dictionaries/lexicon/phrases.txt', paragraphs: train.length + seed.length },
});
writeFileSync(out, model);
console.log(`${out}: ${(model.length / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
