// Builds the shipped language model, dictionaries/vi-syllables.lm.gz, from a mixture: the training split of the
// legal corpus (weighted up), a sample of each genre of the general corpus's training split, seed report 000
// and the lexicon's phrases. Tone marks are put in one style (old: hóa, ủy) before counting (sentences.ts).
//   npm run train [-- --out file] [-- --general 30] [-- --legal-weight 2] [-- --min-trigram 2]
// --general is the general corpus's sample in millions of syllables, shared out by GENRE_SHARES. Reads
// ../shared, streams the general corpus; about 10 minutes and 2 GB of memory on one core.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ModelBuilder, DEFAULT_BUILD_OPTIONS } from '../src/restore/lm/build.js';
import { addParagraph } from '../src/restore/train.js';
import { corpusSplit, projectRoot, seedText } from './lib/corpus.js';
import { GENERAL_FILES, type Genre } from './lib/general.js';
import { generalLines } from './lib/general.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const out = path.resolve(arg('out', path.join(projectRoot, 'dictionaries/vi-syllables.lm.gz')));
const generalMillions = Number(arg('general', '30'));
const legalWeight = Number(arg('legal-weight', '2'));
const minTrigramCount = Number(arg('min-trigram', '2'));
const PHRASE_WEIGHT = 20;

/** Share of the general sample per genre (news dominates the corpus; everyday words come from fiction). */
const GENRE_SHARES: Record<Genre, number> = { news: 0.35, encyclopedia: 0.25, web: 0.1, fiction: 0.2, literature: 0.1 };
/** Syllables per file, from the corpus README, to turn a genre's share into a sampling rate. */
const FILE_SYLLABLES: Record<string, number> = {
  'news-vietnews': 26_805_649,
  'news-baomoi': 12_789_098,
  'news-2026': 942_135,
  'wiki-viwiki2017': 12_168_270,
  'wiki-viwik19': 3_911_933,
  'wiki-viwikisum': 857_776,
  'web-viwikisum': 7_427_591,
  'fiction-webnovels': 10_411_562,
  'literature-classics': 2_954_835,
};

const t0 = Date.now();
const log = (msg: string) => console.error(`${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s  ${msg}`);
const builder = new ModelBuilder();
const legal = corpusSplit('train');
for (const p of legal) addParagraph(builder, p, legalWeight);
for (const p of seedText('000').split('\n')) addParagraph(builder, p, legalWeight);
const phrases = readFileSync(path.join(projectRoot, 'dictionaries/lexicon/phrases.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'));
for (const p of phrases) addParagraph(builder, p, PHRASE_WEIGHT);
log(`legal corpus: ${legal.length} paragraphs x${legalWeight}`);

const sampled: Record<string, number> = {};
for (const { file, genre } of GENERAL_FILES) {
  const genreSyllables = GENERAL_FILES.filter((f) => f.genre === genre).reduce((n, f) => n + FILE_SYLLABLES[f.file]!, 0);
  const keep = Math.min(1, (generalMillions * 1e6 * GENRE_SHARES[genre]) / genreSyllables);
  let lines = 0;
  for await (const line of generalLines(file, 'train', keep)) {
    addParagraph(builder, line);
    lines++;
  }
  sampled[file] = Math.round(keep * 1000) / 1000;
  log(`${file}: ${lines} lines (${(keep * 100).toFixed(0)}% of its training blocks)`);
}

const model = builder.build({
  ...DEFAULT_BUILD_OPTIONS,
  minTrigramCount,
  meta: {
    builtFrom: 'legal corpus (train split) + seed 000 + dictionaries/lexicon/phrases.txt + corpus-general (train split, sampled by genre)',
    legalWeight,
    phraseWeight: PHRASE_WEIGHT,
    generalSampled: sampled,
  },
});
writeFileSync(out, model);
log(`${out}: ${(model.length / 1e6).toFixed(1)} MB`);
