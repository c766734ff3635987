// `vnocr train`: a language model from any Vietnamese text (files or folders of UTF-8 .txt).
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { ModelBuilder, DEFAULT_BUILD_OPTIONS, type BuildOptions } from './lm/build.js';
import { sentencesOf } from './sentences.js';

/** Adds a paragraph's sentences and its names to a builder, `times` times over. */
export function addParagraph(builder: ModelBuilder, paragraph: string, times = 1): void {
  const names: string[] = [];
  for (const s of sentencesOf(paragraph, names)) builder.add(s, times);
  builder.addNames(names, times);
}

/** Builds a model from paragraphs, each given once; `weighted` paragraphs count `weight` times (lexicon phrases). */
export function trainModel(
  paragraphs: () => Iterable<string>,
  options: Partial<BuildOptions> & { weighted?: { text: string[]; weight: number } } = {},
): Buffer {
  const builder = new ModelBuilder();
  for (const p of paragraphs()) addParagraph(builder, p);
  const extra = options.weighted;
  if (extra) for (const p of extra.text) addParagraph(builder, p, extra.weight);
  return builder.build({ ...DEFAULT_BUILD_OPTIONS, ...options });
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
