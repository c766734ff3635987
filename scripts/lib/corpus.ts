// The shared corpus and its fixed split. Documents follow each other in the file, so contiguous blocks of
// lines stand in for documents: block i is held out for testing when i % 10 == 9 and for tuning when i % 10 == 8.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// VNOCR_SHARED points elsewhere, e.g. from a git worktree that does not sit beside the data.
export const sharedDir = path.resolve(process.env.VNOCR_SHARED ?? path.join(projectRoot, '../shared'));
export const BLOCK_LINES = 1000;

export type Split = 'train' | 'dev' | 'test';

export function splitOfBlock(block: number): Split {
  return block % 10 === 9 ? 'test' : block % 10 === 8 ? 'dev' : 'train';
}

function requireShared(file: string): string {
  if (!existsSync(file)) throw new Error(`${file} not found: the shared data folder must sit beside the project (../shared)`);
  return file;
}

let cached: string[] | undefined;

export function corpusLines(): string[] {
  cached ??= gunzipSync(readFileSync(requireShared(path.join(sharedDir, 'corpus/legal-vi.train.txt.gz'))))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0);
  return cached;
}

/** Paragraphs of one split, in file order. */
export function corpusSplit(split: Split): string[] {
  return corpusLines().filter((_, i) => splitOfBlock(Math.floor(i / BLOCK_LINES)) === split);
}

/** The correct-text seed report (000_*): training data for the default model. */
export function seedText(prefix: '000' | '001'): string {
  const dir = requireShared(path.join(sharedDir, 'seeds'));
  const name = readdirSync(dir).find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`no seed ${prefix}_* in ${dir}`);
  return readFileSync(path.join(dir, name), 'utf8');
}
