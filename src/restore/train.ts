// `vnocr train`: a language model from any Vietnamese text (files or folders of UTF-8 .txt).
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { ModelBuilder, DEFAULT_BUILD_OPTIONS, type BuildOptions } from './lm/build.js';
import { sentencesOf } from './sentences.js';

/** Builds a model from paragraphs, each given once; `weighted` paragraphs count `weight` times (lexicon phrases). */
export function trainModel(
  paragraphs: () => Iterable<string>,
  options: Partial<BuildOptions> & { weighted?: { text: string[]; weight: number } } = {},
): Buffer {
  const builder = new ModelBuilder();
  const extra = options.weighted;
  const all = function* () {
    for (const p of paragraphs()) yield* sentencesOf(p);
    if (extra) for (let i = 0; i < extra.weight; i++) for (const p of extra.text) yield* sentencesOf(p);
  };
  for (const s of all()) builder.addVocabulary(s);
  return builder.build(all, { ...DEFAULT_BUILD_OPTIONS, ...options });
}

/** Reads a UTF-8 text file into paragraphs (one per line), with a clear error for anything else. */
export function readTrainingFile(file: string): string[] {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(file, 'not UTF-8 text');
  }
  return text.split(/\r?\n/);
}
