// The work queue (issue 16): pages per minute of 1, 2 and 4 `vnocr worker` processes against `vnocr run` on the
// same folder of one-page scans, and what the queue itself costs per document. Needs redis-server (skipped without).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { BenchTable } from '../src/types.js';
import { QUEUE_NAME, QUEUE_PREFIX } from '../src/pipeline/queue/jobs.js';
import { redisServerBinary, startRedis, type TestRedis } from '../test/helpers/redis.js';
import { projectRoot } from '../scripts/lib/corpus.js';
import { heldoutParagraphs, scans, timeCli, workDir } from './lib.js';

const cli = path.join(projectRoot, 'bin/vnocr.js');
const CORES = os.availableParallelism();

function startWorker(url: string, jobs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'worker', '--redis', url, '--jobs', String(jobs)], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (d) => {
      log += d;
      if (log.includes('waiting for documents')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${log}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** The queue's own time per document, from Redis: a job's time in hand beyond its document's processing. */
async function handlingSeconds(url: string): Promise<number[]> {
  const queue = new Queue(QUEUE_NAME, { connection: { url }, prefix: QUEUE_PREFIX });
  try {
    const jobs = await queue.getCompleted(0, -1);
    return jobs.map((j) => (j.finishedOn! - j.processedOn!) / 1000 - (j.returnvalue as { seconds: number }).seconds);
  } finally {
    await queue.close();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function run({ quick }: { quick: boolean }): Promise<BenchTable[]> {
  const binary = redisServerBinary();
  if (!binary) throw new Error('redis-server is not installed (apt-get install redis-server): the queue bench needs it');
  const count = quick ? 6 : 16;
  const pages = await scans('queue', heldoutParagraphs(count * 12).join('\n'), 'office', count);
  const dir = path.join(workDir, 'queue-in');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  pages.forEach((p, i) => copyFileSync(p.file, path.join(dir, `scan-${String(i + 1).padStart(3, '0')}${path.extname(p.file)}`)));
  const perMinute = (seconds: number) => (pages.length / seconds) * 60;
  const out = (name: string) => {
    const o = path.join(workDir, `queue-out-${name}`);
    rmSync(o, { recursive: true, force: true });
    return o;
  };

  const local = await timeCli(['run', dir, '-o', out('run'), '--quiet']);
  const rows: (string | number)[][] = [[`vnocr run (--jobs ${CORES})`, local.seconds, perMinute(local.seconds), '1.00']];
  let overhead: { submit: number; handling: number; endToEnd: number } | undefined;
  for (const workers of [1, 2, 4]) {
    const redis: TestRedis = await startRedis(binary);
    const jobs = Math.max(1, Math.floor(CORES / workers));
    const started = await Promise.all(Array.from({ length: workers }, () => startWorker(redis.url, jobs)));
    try {
      const target = out(`w${workers}`);
      // Submit alone (hashing and adding the jobs), then the whole batch through the queue.
      const submitOnly = await timeCli(['submit', dir, '-o', target, '--redis', redis.url, '--quiet']);
      const whole = await timeCli(['submit', dir, '-o', target, '--redis', redis.url, '--wait', '--quiet']);
      const seconds = submitOnly.seconds + whole.seconds;
      rows.push([`${workers} worker(s), --jobs ${jobs} each`, seconds, perMinute(seconds), (local.seconds / seconds).toFixed(2)]);
      if (workers === 1) overhead = { submit: submitOnly.seconds / pages.length, handling: mean(await handlingSeconds(redis.url)), endToEnd: (seconds - local.seconds) / pages.length };
    } finally {
      await Promise.all(started.map(stopWorker));
      await redis.stop();
    }
  }
  const perDoc = local.seconds / pages.length;
  const o = overhead!;
  return [
    {
      title: `Work queue: ${pages.length} one-page scans (office preset), this ${CORES}-core machine (issue 16)`,
      columns: ['how', 'seconds', 'pages/min', 'speed vs run'],
      rows,
      notes: [
        'Workers are started (and idle) before the clock starts; their first document loads the OCR engine and the model, as vnocr run does.',
        'The queue rows include submit: hashing each input and adding its job, then submit --wait following the jobs.',
      ],
    },
    {
      title: 'Work queue: overhead per document against vnocr run (target ≤ 5% of a local run’s time)',
      columns: ['part', 'seconds/document', 'share of run’s time/document'],
      rows: [
        ['submit (hash, look up, add the job)', o.submit, `${((o.submit / perDoc) * 100).toFixed(1)}%`],
        ['worker: job in hand beyond processing (record entry, complete the job)', o.handling, `${((o.handling / perDoc) * 100).toFixed(1)}%`],
        ['end to end: 1 worker minus vnocr run', o.endToEnd, `${((o.endToEnd / perDoc) * 100).toFixed(1)}%`],
      ],
      notes: ['submit alone includes one node start; end to end includes two (submit, submit --wait) and is noisy on a shared machine.'],
    },
  ];
}
