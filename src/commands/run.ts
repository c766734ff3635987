import type { Command } from 'commander';
import { EXIT_OK, EXIT_SOME_FAILED } from '../errors.js';
import { parseFormats, positiveInteger, resolveRunOptions, type RunOptions } from '../pipeline/options.js';

interface RunFlags {
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

export function register(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('run')
    .description('OCR, restore and structure every input (files or folders, recursively) into an output folder')
    .argument('<inputs...>', 'PDF, PNG, JPEG, TIFF, WebP or UTF-8 .txt files, or folders of them')
    .requiredOption('-o, --output <dir>', 'output folder; mirrors the input tree')
    .option('--formats <list>', 'outputs to write: comma-separated txt,json,md,pdf,alto,hocr', 'txt,json')
    .option('-j, --jobs <n>', 'OCR workers and files in flight (default: number of cores)')
    .option('--text-layer <policy>', 'use PDF text layers: auto|always|never', 'auto')
    .option('--no-preprocess', 'OCR the page images as they are (no deskew, resample, normalise)')
    .option('--no-restore', 'do not restore diacritics or correct OCR errors')
    .option('--tone-style <style>', 'tone-mark placement: old (hóa, ủy) | new (hoá, uỷ)', 'old')
    .option('--mode <mode>', 'input kind for restoration: auto|correct|unaccented|ocr-eng|ocr-vie', 'auto')
    .option('--model <path>', 'language model built with `vnocr train` (default: the shipped model)')
    .option('--force', 'redo inputs even when an earlier run already wrote them', false)
    .option('-q, --quiet', 'print only errors', false)
    .option('--json-log', 'print one JSON event per line on stdout', false)
    .action(async (inputs: string[], flags: RunFlags) => {
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
      const options = resolveRunOptions(partial);
      const [{ runBatch }, { chooseLogStyle, createProgress }] = await Promise.all([import('../pipeline/batch.js'), import('../pipeline/progress.js')]);
      const progress = createProgress(chooseLogStyle(flags));
      const summary = await runBatch(inputs, flags.output, options, progress);
      setExitCode(summary.failed + summary.warnings + summary.notStarted > 0 ? EXIT_SOME_FAILED : EXIT_OK);
    });
}
