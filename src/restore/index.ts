// Public entry of the restoration stage.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import type { ToneStyle } from '../types.js';
import { LanguageModel } from './lm/model.js';
import { Restorer, type ChannelFiles } from './restorer.js';

export { Restorer, type RestoreOptions } from './restorer.js';
export { doubtedSyllables } from './doubt.js';
export { LanguageModel } from './lm/model.js';
export { trainModel, readTrainingFile } from './train.js';
export { mixModels as adaptModel } from './lm/mix.js';

const dictionaries = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dictionaries');
export const DEFAULT_MODEL = path.join(dictionaries, 'vi-syllables.lm');

const models = new Map<string, LanguageModel>();

/** Loads a model once per process; a bad file is an InputError naming it. */
export function loadModel(file = DEFAULT_MODEL): LanguageModel {
  const key = path.resolve(file);
  let model = models.get(key);
  if (!model) {
    try {
      model = LanguageModel.load(key);
    } catch (error) {
      throw new InputError(file, `cannot load language model: ${error instanceof Error ? error.message : String(error)}`);
    }
    models.set(key, model);
  }
  return model;
}

/** The shipped OCR channel tables that exist. */
function channelFiles(): ChannelFiles {
  const files: ChannelFiles = {};
  const names = { eng: 'channel-eng.json', vie: 'channel-vie.json', vieScans: 'channel-vie-scans.json' } as const;
  for (const [key, name] of Object.entries(names) as [keyof ChannelFiles, string][]) {
    const file = path.join(dictionaries, name);
    if (existsSync(file)) files[key] = file;
  }
  return files;
}

let protectedWords: Set<string> | undefined;

function loadProtectedWords(): Set<string> {
  protectedWords ??= new Set(
    readFileSync(path.join(dictionaries, 'lexicon/acronyms.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return protectedWords;
}

export async function loadRestorer(opts: { modelPath?: string; toneStyle?: ToneStyle } = {}): Promise<Restorer> {
  return new Restorer(loadModel(opts.modelPath), opts.toneStyle ?? 'old', loadProtectedWords(), channelFiles());
}
