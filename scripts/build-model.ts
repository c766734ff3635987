// Builds the shipped language model, dictionaries/vi-syllables.lm, as a mixture of two models: one from the
// legal corpus's training split, seed report 000 and the lexicon's phrases, one from a sample of each genre of
// the general corpus's training split (itself a sample of every genre interpolated with a literature-only
// model). Each is estimated on its own (Kneser-Ney discounts from its own counts), then the two are interpolated
// with the legal model's share chosen on the dev splits (mix.ts). Tone marks are put in one style (old: hóa, ủy)
// before counting (sentences.ts).
//   npm run train [-- --out file] [-- --general 116] [-- --legal-share 0.2] [-- --general-min-trigram 3]
//   npm run train -- --part legal|general --out part.lm      one part only
//   npm run train -- --mix legal.lm general.lm --legal-share 0.2 --out file
// --general is the general corpus's sample in millions of syllables, shared out by GENRE_SHARES (116: all of
// it). Reads ../shared, streams the general corpus; about 10 minutes and 5 GB of memory on one core.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ModelBuilder, DEFAULT_BUILD_OPTIONS } from '../src/restore/lm/build.js';
import { mixModels } from '../src/restore/lm/mix.js';
import { LanguageModel } from '../src/restore/lm/model.js';
import { addParagraph } from '../src/restore/train.js';
import { corpusSplit, projectRoot, seedText } from './lib/corpus.js';
import { GENERAL_FILES, generalLines, type Genre } from './lib/general.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const out = path.resolve(arg('out', path.join(projectRoot, 'dictionaries/vi-syllables.lm')));
const generalMillions = Number(arg('general', '116'));
const legalShare = Number(arg('legal-share', '0.2'));
/** Trigrams of the general sample seen fewer times are pruned: all the corpus at 3 beats a sample at 2 for the same size (dev splits). */
const generalMinTrigram = Number(arg('general-min-trigram', '3'));
const PHRASE_WEIGHT = 20;

/** Share of the general sample per genre (news dominates the corpus; everyday words come from fiction). */
const GENRE_SHARES: Record<Genre, number> = { news: 0.35, encyclopedia: 0.25, web: 0.1, fiction: 0.2, literature: 0.1 };
/**
 * Times each line of a genre is counted: fiction and literature are small beside news, and their trigrams are
 * rarer, so pruning would take most of them.
 */
const GENRE_TIMES: Record<Genre, number> = { news: 1, encyclopedia: 1, web: 1, fiction: 2, literature: 2 };
/**
 * Share of a literature-only model, every trigram of it kept, in the general model. Pruning drops most of
 * literature's trigrams (archaic words and verse seen once or twice). Chosen on the dev splits: at 0.1 literature
 * went 88.91% -> 89.67% and every other genre stayed within 0.15 point; 0.15 and 0.2 gained literature a little
 * more but lost more elsewhere and turned a real OCR header back to unaccented text.
 */
const LITERATURE_SHARE = 0.1;
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

function legalModel(): Buffer {
  const builder = new ModelBuilder();
  const legal = corpusSplit('train');
  for (const p of legal) addParagraph(builder, p);
  for (const p of seedText('000').split('\n')) addParagraph(builder, p);
  const phrases = readFileSync(path.join(projectRoot, 'dictionaries/lexicon/phrases.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  for (const p of phrases) addParagraph(builder, p, PHRASE_WEIGHT);
  log(`legal corpus: ${legal.length} paragraphs`);
  return builder.build({
    ...DEFAULT_BUILD_OPTIONS,
    meta: { builtFrom: 'legal corpus (train split) + seed 000 + dictionaries/lexicon/phrases.txt', phraseWeight: PHRASE_WEIGHT },
  });
}

/** The general corpus's sample; with `only`, that genre on its own with every trigram kept. */
async function generalModel(only?: Genre): Promise<Buffer> {
  const builder = new ModelBuilder();
  const sampled: Record<string, number> = {};
  for (const { file, genre } of GENERAL_FILES.filter((f) => !only || f.genre === only)) {
    const genreSyllables = GENERAL_FILES.filter((f) => f.genre === genre).reduce((n, f) => n + FILE_SYLLABLES[f.file]!, 0);
    const keep = Math.min(1, (generalMillions * 1e6 * GENRE_SHARES[genre]) / genreSyllables);
    let lines = 0;
    for await (const line of generalLines(file, 'train', keep)) {
      // On its own a genre is counted once: its Kneser-Ney discounts come from its counts of counts, which repeats would empty of ones.
      addParagraph(builder, line, only ? 1 : GENRE_TIMES[genre]);
      lines++;
    }
    sampled[file] = Math.round(keep * 1000) / 1000;
    log(`${file}: ${lines} lines (${(keep * 100).toFixed(0)}% of its training blocks)`);
  }
  if (only) return builder.build({ ...DEFAULT_BUILD_OPTIONS, minWordCount: 2, minTrigramCount: 1, meta: { builtFrom: `corpus-general ${only} (train split)` } });
  // Foreign words and typos are many in web text: a syllable needs three sightings.
  return builder.build({ ...DEFAULT_BUILD_OPTIONS, minWordCount: 3, minTrigramCount: generalMinTrigram, meta: { builtFrom: 'corpus-general (train split, sampled by genre)', generalSampled: sampled } });
}

async function generalWithLiterature(): Promise<Buffer> {
  const general = LanguageModel.fromBuffer(await generalModel());
  const literature = LanguageModel.fromBuffer(await generalModel('literature'));
  log(`literature mixed in, share ${LITERATURE_SHARE}`);
  return mixModels(general, literature, LITERATURE_SHARE);
}

const part = arg('part', '');
const mixArg = process.argv.indexOf('--mix');
let model: Buffer;
if (part === 'legal') model = legalModel();
else if (part === 'general') model = await generalWithLiterature();
else {
  const [legal, general] =
    mixArg >= 0 ? [readFileSync(process.argv[mixArg + 1]!), readFileSync(process.argv[mixArg + 2]!)] : [legalModel(), await generalWithLiterature()];
  model = mixModels(LanguageModel.fromBuffer(general), LanguageModel.fromBuffer(legal), legalShare);
  log(`mixed, legal share ${legalShare}`);
}
writeFileSync(out, model);
log(`${out}: ${(model.length / 1e6).toFixed(1)} MB`);
