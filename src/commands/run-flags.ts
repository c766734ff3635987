// The options that say what a batch writes, shared by `vnocr run` and `vnocr submit` (whose workers write the same).
import type { Command } from 'commander';
import { parseFormats, positiveInteger, resolveRunOptions, type RunOptions } from '../pipeline/options.js';

export interface RunFlags {
  output: string;
  formats: string;
  jobs?: string;
  textLayer: string;
  preprocess: boolean;
  restore: boolean;
  toneStyle: string;
  mode: string;
  model?: string;
  force: boolean;
  quiet: boolean;
  jsonLog: boolean;
}

/** Adds -o and the run options; `jobs` is left out where the workers choose their own (`vnocr submit`). */
export function addRunOptions(command: Command, { jobs = true } = {}): Command {
  command
    .requiredOption('-o, --output <dir>', 'output folder; mirrors the input tree')
    .option('--formats <list>', 'outputs to write: comma-separated txt,json,md,pdf,alto,hocr', 'txt,json');
  if (jobs) command.option('-j, --jobs <n>', 'OCR workers and files in flight (default: number of cores)');
  return command
    .option('--text-layer <policy>', 'use PDF text layers: auto|always|never', 'auto')
    .option('--no-preprocess', 'OCR the page images as they are (no deskew, resample, normalise)')
    .option('--no-restore', 'do not restore diacritics or correct OCR errors')
    .option('--tone-style <style>', 'tone-mark placement: old (hóa, ủy) | new (hoá, uỷ)', 'old')
    .option('--mode <mode>', 'input kind for restoration: auto|correct|unaccented|ocr-eng|ocr-vie', 'auto')
    .option('--model <path>', 'language model built with `vnocr train` (default: the shipped model)')
    .option('--force', 'redo inputs even when an earlier run already wrote them', false)
    .option('-q, --quiet', 'print only errors', false)
    .option('--json-log', 'print one JSON event per line on stdout', false);
}

export function runOptionsFrom(flags: RunFlags): RunOptions {
  const partial: Partial<RunOptions> = {
    formats: parseFormats(flags.formats),
    textLayer: flags.textLayer as RunOptions['textLayer'],
    preprocess: flags.preprocess,
    restore: flags.restore,
    toneStyle: flags.toneStyle as RunOptions['toneStyle'],
    mode: flags.mode as RunOptions['mode'],
    model: flags.model,
    force: flags.force,
  };
  if (flags.jobs !== undefined) partial.jobs = positiveInteger('--jobs', flags.jobs);
  return resolveRunOptions(partial);
}
