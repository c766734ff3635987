import type { Command } from 'commander';
import os from 'node:os';
import { positiveInteger } from '../pipeline/options.js';
import { addRedisOption } from './queue-flags.js';

interface WorkerFlags {
  redis: string;
  jobs?: string;
  concurrency?: string;
  stallSeconds: string;
  quiet: boolean;
  jsonLog: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('worker')
    .description('process documents queued with `vnocr submit`, on this machine, until stopped (SIGTERM or Ctrl-C)');
  addRedisOption(command)
    .option('-j, --jobs <n>', 'OCR workers (default: number of cores)')
    .option('--concurrency <n>', 'documents in hand at once (default: as many as `vnocr run` keeps in flight)')
    .option('--stall-seconds <s>', 'a document whose worker is not heard from for this long goes to another worker', '60')
    .option('-q, --quiet', 'print only errors', false)
    .option('--json-log', 'print one JSON event per line on stdout', false)
    .action(async (flags: WorkerFlags) => {
      const [{ runWorker }, { parseRedisUrl }, { chooseLogStyle, createProgress }] = await Promise.all([
        import('../pipeline/queue/worker.js'),
        import('../pipeline/queue/redis.js'),
        import('../pipeline/progress.js'),
      ]);
      const style = chooseLogStyle(flags);
      // A worker has no total to show a bar for: plain lines on a terminal too.
      const progress = createProgress(style === 'bar' ? 'plain' : style);
      await runWorker(
        {
          redis: parseRedisUrl(flags.redis),
          jobs: flags.jobs === undefined ? os.availableParallelism() : positiveInteger('--jobs', flags.jobs),
          concurrency: flags.concurrency === undefined ? undefined : positiveInteger('--concurrency', flags.concurrency),
          stallSeconds: positiveInteger('--stall-seconds', flags.stallSeconds, 86_400),
        },
        progress,
      );
    });
}
