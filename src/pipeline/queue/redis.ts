// The Redis server behind the queue: its address as given with --redis, a first check that names what is wrong
// when it cannot be reached, and connections that keep trying (and say so) while it is down later on.
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { reasonOf, UsageError } from '../../errors.js';

/** Longest wait between two tries to reach Redis again. */
const MAX_RETRY_MS = 10_000;

/** The URL as it can be printed: a password in it is hidden. */
export function printableUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** Checks that `url` is a Redis URL before anything connects with it. */
export function parseRedisUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['redis:', 'rediss:'].includes(parsed.protocol) || !parsed.hostname) {
    throw new UsageError(`--redis must be a URL such as redis://host:6379 or redis://:password@host:6379/0 (got ${JSON.stringify(printableUrl(url))})`);
  }
  return url;
}

/**
 * Connection options for BullMQ. ioredis reconnects forever; `say` tells of each outage when it starts and
 * every tenth try after, once for all of a process's connections, so a worker whose Redis went away says so
 * and carries on when it is back.
 */
export function connectionOptions(url: string, say: (line: string) => void): RedisOptions {
  let saidAt = 0;
  return {
    url,
    retryStrategy: (times: number) => {
      const wait = Math.min(1000 * 2 ** Math.min(times - 1, 4), MAX_RETRY_MS);
      // ioredis counts the tries of each outage from 1 again.
      if ((times === 1 || times % 10 === 0) && Date.now() - saidAt > 2000) {
        say(`cannot reach Redis at ${printableUrl(url)}: trying again in ${Math.round(wait / 1000)} s (try ${times})`);
        saidAt = Date.now();
      }
      return wait;
    },
  };
}

/**
 * Connects once, and fails with one clear line when Redis is not there: a worker or submit pointed at the wrong
 * place should say so at once rather than wait in silence.
 */
export async function checkRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 5000, enableOfflineQueue: false });
  let lastError: unknown;
  client.on('error', (error) => (lastError = error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = reasonOf(lastError ?? error);
    throw new UsageError(`cannot reach Redis at ${printableUrl(url)} (${reason}): start redis-server there, or give the right --redis URL`);
  } finally {
    client.disconnect();
  }
}
