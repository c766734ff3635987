import type { Command } from 'commander';
import { EXIT_OK, EXIT_SOME_FAILED } from '../errors.js';
import { addRedisOption } from './queue-flags.js';
import { addRunOptions, runOptionsFrom, type RunFlags } from './run-flags.js';

interface SubmitFlags extends RunFlags {
  redis: string;
  wait: boolean;
}

export function register(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('submit')
    .description('queue every input (files or folders, recursively) for `vnocr worker`s: inputs and output folder on a path every worker sees')
    .argument('<inputs...>', 'PDF, PNG, JPEG, TIFF, WebP or UTF-8 .txt files, or folders of them');
  addRedisOption(addRunOptions(command, { jobs: false }))
    .option('--wait', 'follow the documents until all are done, as `vnocr run` shows them, and exit as it does', false)
    .action(async (inputs: string[], flags: SubmitFlags) => {
      const options = runOptionsFrom(flags);
      const [{ submitBatch }, { parseRedisUrl }, { chooseLogStyle, createProgress }] = await Promise.all([
        import('../pipeline/queue/submit.js'),
        import('../pipeline/queue/redis.js'),
        import('../pipeline/progress.js'),
      ]);
      const style = chooseLogStyle(flags);
      const progress = createProgress(style === 'bar' && !flags.wait ? 'plain' : style);
      const summary = await submitBatch(inputs, flags.output, options, parseRedisUrl(flags.redis), flags.wait, progress);
      setExitCode(summary.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK);
    });
}
