import type { Command } from 'commander';
import { addRedisOption } from './queue-flags.js';

export function register(program: Command): void {
  const command = program.command('status').description('show the queue: documents waiting, in hand, done and failed (with reasons), and the workers connected');
  addRedisOption(command)
    .option('--json', 'print the status as JSON', false)
    .action(async (flags: { redis: string; json: boolean }) => {
      const [{ queueStatus, formatStatus }, { parseRedisUrl }] = await Promise.all([import('../pipeline/queue/status.js'), import('../pipeline/queue/redis.js')]);
      const status = await queueStatus(parseRedisUrl(flags.redis));
      process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    });
}
