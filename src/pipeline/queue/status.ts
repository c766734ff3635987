// `vnocr status`: what the queue holds, which workers are connected, and why the failed documents failed.
import { Queue } from 'bullmq';
import type { RunEntry } from '../manifest.js';
import { QUEUE_NAME, QUEUE_PREFIX, type DocumentJob } from './jobs.js';
import { checkRedis, connectionOptions } from './redis.js';

/** Failures listed by `status`; `status --json` lists as many. */
const FAILURES_SHOWN = 100;

export interface QueueStatus {
  waiting: number;
  active: number;
  /** Waiting to be tried again after an error that can pass. */
  retrying: number;
  done: number;
  failed: number;
  workers: string[];
  failures: { input: string; outDir: string; reason: string; tries: number }[];
}

export async function queueStatus(redis: string): Promise<QueueStatus> {
  await checkRedis(redis);
  const queue = new Queue<DocumentJob, RunEntry>(QUEUE_NAME, { connection: connectionOptions(redis, () => undefined), prefix: QUEUE_PREFIX });
  try {
    const counts = await queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'completed', 'failed');
    // A worker's connections are named <prefix>:<queue>:w:<host>:<pid>.
    const workers = (await queue.getWorkers()).map((w) => String(w.rawname ?? '').split(':w:')[1] ?? String(w.addr));
    const failed = await queue.getFailed(0, FAILURES_SHOWN - 1);
    return {
      waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      retrying: counts.delayed ?? 0,
      done: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      workers: [...new Set(workers)].sort(),
      failures: failed.map((j) => ({ input: j.data.input.file, outDir: j.data.outDir, reason: j.failedReason, tries: j.attemptsMade })),
    };
  } finally {
    await queue.close();
  }
}

export function formatStatus(s: QueueStatus): string {
  const lines = [
    `waiting ${s.waiting}, in hand ${s.active}, to retry ${s.retrying}, done ${s.done}, failed ${s.failed}`,
    `workers connected: ${s.workers.length}${s.workers.length ? ` (${s.workers.join(', ')})` : ''}`,
  ];
  if (s.failures.length) lines.push(`failed documents${s.failed > s.failures.length ? ` (the last ${s.failures.length})` : ''}:`, ...s.failures.map((f) => `  ${f.input}: ${f.reason}`));
  return `${lines.join('\n')}\n`;
}
