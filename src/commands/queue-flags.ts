// The option every queue command takes: where the Redis server is.
import type { Command } from 'commander';

export function addRedisOption(command: Command): Command {
  return command.requiredOption('--redis <url>', 'the queue\'s Redis server, e.g. redis://host:6379 (redis://:password@host:6379/0)');
}
