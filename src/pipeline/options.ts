// Options of a batch run, validated up front so a typo fails before any work starts.
import os from 'node:os';
import { invalidOption } from '../errors.js';
import type { InputMode, ToneStyle } from '../types.js';

export const OUTPUT_FORMATS = ['txt', 'json', 'md', 'pdf', 'alto', 'hocr'] as const;
export const TEXT_LAYER_POLICIES = ['auto', 'always', 'never'] as const;
export const TONE_STYLES = ['old', 'new'] as const;
export const RESTORE_MODES = ['auto', 'correct', 'unaccented', 'ocr-eng', 'ocr-vie'] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type TextLayerPolicy = (typeof TEXT_LAYER_POLICIES)[number];

export interface RunOptions {
  formats: OutputFormat[];
  jobs: number;
  textLayer: TextLayerPolicy;
  preprocess: boolean;
  restore: boolean;
  toneStyle: ToneStyle;
  mode: InputMode | 'auto';
  /** Path of a language model built with `vnocr train`; the shipped one when absent. */
  model?: string;
  force: boolean;
}

export const DEFAULT_RUN_OPTIONS: RunOptions = {
  formats: ['txt', 'json'],
  jobs: os.availableParallelism(),
  textLayer: 'auto',
  preprocess: true,
  restore: true,
  toneStyle: 'old',
  mode: 'auto',
  force: false,
};

export function oneOf<T extends string>(name: string, allowed: readonly T[], value: unknown): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidOption(name, allowed, value);
}

export function positiveInteger(name: string, value: unknown, max = 256): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalidOption(name, `a whole number from 1 to ${max}`, value);
  return n;
}

/** Parses `txt,json,md` into a list of formats. */
export function parseFormats(value: string): OutputFormat[] {
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw invalidOption('--formats', `a comma-separated list of ${OUTPUT_FORMATS.join(', ')}`, value);
  return [...new Set(parts.map((p) => oneOf('--formats', OUTPUT_FORMATS, p)))];
}

/** Fills defaults and checks every field, naming the option at fault. */
export function resolveRunOptions(partial: Partial<RunOptions>): RunOptions {
  const o = { ...DEFAULT_RUN_OPTIONS, ...partial };
  if (!Array.isArray(o.formats) || o.formats.length === 0) throw invalidOption('--formats', OUTPUT_FORMATS, o.formats);
  o.formats.forEach((f) => oneOf('--formats', OUTPUT_FORMATS, f));
  return {
    ...o,
    jobs: positiveInteger('--jobs', o.jobs),
    textLayer: oneOf('--text-layer', TEXT_LAYER_POLICIES, o.textLayer),
    toneStyle: oneOf('--tone-style', TONE_STYLES, o.toneStyle),
    mode: oneOf('--mode', RESTORE_MODES, o.mode),
  };
}
