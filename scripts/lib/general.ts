// The general-domain corpus (../shared/corpus-general) and its fixed split, by genre. Its own held-out documents
// are not in the files, so a split is made here: documents follow each other in each file, and a block of
// consecutive lines about one document long stands in for a document. A block is held out for testing or
// tuning by a hash of its file and number, fixed before any tuning.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sharedDir, type Split } from './corpus.js';

export type Genre = 'news' | 'encyclopedia' | 'web' | 'fiction' | 'literature';

/** Each source file with its genre and lines per document (its README's lines / documents, rounded). */
export const GENERAL_FILES: readonly { file: string; genre: Genre; blockLines: number }[] = [
  { file: 'news-vietnews', genre: 'news', blockLines: 18 },
  { file: 'news-baomoi', genre: 'news', blockLines: 19 },
  { file: 'news-2026', genre: 'news', blockLines: 6 },
  { file: 'wiki-viwiki2017', genre: 'encyclopedia', blockLines: 40 },
  { file: 'wiki-viwik19', genre: 'encyclopedia', blockLines: 12 },
  { file: 'wiki-viwikisum', genre: 'encyclopedia', blockLines: 6 },
  { file: 'web-viwikisum', genre: 'web', blockLines: 41 },
  { file: 'fiction-webnovels', genre: 'fiction', blockLines: 59 },
  { file: 'literature-classics', genre: 'literature', blockLines: 95 },
];

export const GENRES: readonly Genre[] = ['news', 'encyclopedia', 'web', 'fiction', 'literature'];

/** 1% of blocks are the test split, 1% the dev split; the rest is for training. */
export function generalSplitOfBlock(file: string, block: number): Split {
  const h = createHash('sha256').update(`vnocr-general-split|${file}|${block}`).digest().readUInt32BE(0) % 100;
  return h === 0 ? 'test' : h === 1 ? 'dev' : 'train';
}

export function generalPath(file: string): string {
  const p = path.join(sharedDir, 'corpus-general', `${file}.txt.gz`);
  if (!existsSync(p)) throw new Error(`${p} not found: the shared data folder must sit beside the project (../shared)`);
  return p;
}

/**
 * Streams the lines of one file that fall in a split. `keep` (0..1] samples training lines, by block, so a
 * sample still holds whole documents.
 */
export async function* generalLines(file: string, split: Split, keep = 1): AsyncGenerator<string> {
  const { blockLines } = GENERAL_FILES.find((f) => f.file === file)!;
  const lines = createInterface({ input: createReadStream(generalPath(file)).pipe(createGunzip()), crlfDelay: Infinity });
  let i = 0;
  let block = -1;
  let take = false;
  for await (const line of lines) {
    const b = Math.floor(i++ / blockLines);
    if (b !== block) {
      block = b;
      take = generalSplitOfBlock(file, b) === split && (keep >= 1 || sampled(file, b, keep));
    }
    if (take && line.trim()) yield line;
  }
}

function sampled(file: string, block: number, keep: number): boolean {
  return createHash('sha256').update(`vnocr-general-sample|${file}|${block}`).digest().readUInt32BE(0) / 2 ** 32 < keep;
}

/**
 * Held-out paragraphs of one genre for the benchmark or tuning: lines of at least `minWords` words from the
 * split's blocks of every file of the genre, `count` of them spread evenly over all such lines.
 */
export async function genreParagraphs(genre: Genre, split: 'test' | 'dev', count: number, minWords = 8): Promise<string[]> {
  const all: string[] = [];
  for (const { file } of GENERAL_FILES.filter((f) => f.genre === genre)) {
    for await (const line of generalLines(file, split)) if (line.split(' ').length >= minWords) all.push(line);
  }
  if (all.length <= count) return all;
  const step = all.length / count;
  return Array.from({ length: count }, (_, k) => all[Math.floor(k * step)]!);
}
