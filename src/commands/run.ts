import type { Command } from 'commander';
import { EXIT_OK, EXIT_SOME_FAILED } from '../errors.js';
import { addRunOptions, runOptionsFrom, type RunFlags } from './run-flags.js';

export function register(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('run')
    .description('OCR, restore and structure every input (files or folders, recursively) into an output folder')
    .argument('<inputs...>', 'PDF, PNG, JPEG, TIFF, WebP or UTF-8 .txt files, or folders of them');
  addRunOptions(command).action(async (inputs: string[], flags: RunFlags) => {
    const options = runOptionsFrom(flags);
    const [{ runBatch }, { chooseLogStyle, createProgress }] = await Promise.all([import('../pipeline/batch.js'), import('../pipeline/progress.js')]);
    const progress = createProgress(chooseLogStyle(flags));
    const summary = await runBatch(inputs, flags.output, options, progress);
    setExitCode(summary.failed + summary.warnings + summary.notStarted > 0 ? EXIT_SOME_FAILED : EXIT_OK);
  });
}
