// The work queue with a real Redis: submit, two worker processes, one killed mid-document (issue 16).
import { copyFile, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readRunReport } from '../src/pipeline/manifest.js';
import type { QueueStatus } from '../src/pipeline/queue/status.js';
import { projectRoot, runCli, spawnCli } from './helpers/cli.js';
import { freePort, redisServerBinary, startRedis, type TestRedis } from './helpers/redis.js';

const binary = redisServerBinary();
/** Short, so that a killed worker's document is taken again within seconds. */
const WORKER = ['--jobs', '1', '--concurrency', '1', '--stall-seconds', '5'];
const INPUTS: [string, string][] = [
  ['pages/line.png', 'a.png'],
  ['pages/line-tilted.jpg', 'b.jpg'],
  ['pages/line.tiff', 'sub/c.tiff'],
  ['text/line.txt', 'd.txt'],
  ['bad/corrupt.png', 'bad.png'],
];

const children: ReturnType<typeof spawnCli>[] = [];

/** Collects a child's stderr and resolves when a line matches. The child is killed after its test. */
function watch(child: ReturnType<typeof spawnCli>) {
  children.push(child);
  let log = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stderr.on('data', (d) => {
    log += d;
    for (const w of [...waiters]) {
      const m = log.match(w.pattern);
      if (m) waiters.splice(waiters.indexOf(w), 1) && w.resolve(m);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    log: () => log,
    exited,
    line: (pattern: RegExp, seconds = 90) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const m = log.match(pattern);
        if (m) return resolve(m);
        waiters.push({ pattern, resolve });
        setTimeout(() => reject(new Error(`no line like ${pattern} in ${seconds} s; log:\n${log}`)), seconds * 1000);
      }),
  };
}

async function status(url: string): Promise<QueueStatus> {
  const result = await runCli(['status', '--redis', url, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as QueueStatus;
}

/** Every file under `dir` but the report and vnocr's own state, relative to it. */
async function outputFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((f) => f !== 'run-report.json' && !f.startsWith('.vnocr'))
    .sort();
}

describe('the work queue', () => {
  it('has a redis-server to test with in CI', () => {
    // Locally the Redis tests are skipped without redis-server; CI (.ci/run installs it) must run them.
    if (process.env.CI === 'true') expect(binary, 'redis-server is missing: .ci/run should have installed it').toBeDefined();
  });

  it('with no Redis there, `vnocr worker` says so on one line and exits 2', async () => {
    const port = await freePort();
    const result = await runCli(['worker', '--redis', `redis://127.0.0.1:${port}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^vnocr: cannot reach Redis at redis://127\\.0\\.0\\.1:${port}/? \\(connect ECONNREFUSED [^)]+\\): start redis-server there, or give the right --redis URL\\n$`));
  });

  describe.runIf(binary !== undefined)('with a real Redis', () => {
    let redis: TestRedis;
    let root: string;
    let inDir: string;
    let out: string;

    beforeAll(async () => {
      redis = await startRedis(binary!);
      root = await mkdtemp(path.join(os.tmpdir(), 'vnocr-queue-'));
      inDir = path.join(root, 'in');
      out = path.join(root, 'out');
      await mkdir(path.join(inDir, 'sub'), { recursive: true });
      for (const [from, to] of INPUTS) await copyFile(path.join(projectRoot, 'fixtures', from), path.join(inDir, to));
    });
    afterAll(async () => redis?.stop());
    // A test that fails halfway must not leave its workers taking the next test's jobs.
    afterEach(() => {
      for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });

    it('loses and duplicates nothing when one of two workers is killed mid-document, and writes what `vnocr run` writes', async () => {
      const ref = path.join(root, 'ref');
      const local = runCli(['run', inDir, '-o', ref, '--jobs', '1', '--quiet']);
      const submit = runCli(['submit', inDir, '-o', out, '--redis', redis.url, '--wait']);
      const a = watch(spawnCli(['worker', '--redis', redis.url, ...WORKER]));
      const b = watch(spawnCli(['worker', '--redis', redis.url, ...WORKER]));
      // A good document that takes OCR time (not bad.png, which fails at once), so the kill lands while it is read.
      const [, killedDoc] = await a.line(/started (\S+\/(?:a\.png|b\.jpg|c\.tiff))\n/);
      a.child.kill('SIGKILL');

      const submitted = await submit;
      expect(submitted.code, submitted.stderr).toBe(1);
      const failureLines = submitted.stderr.split('\n').filter((l) => l.includes('bad.png'));
      expect(failureLines).toEqual([expect.stringMatching(/^vnocr: \S+bad\.png: unreadable or truncated image/)]);
      // The killed worker's document was taken again by the other one.
      expect(b.log()).toContain(`started ${killedDoc}\n`);
      expect(b.log()).toMatch(new RegExp(`done ${killedDoc!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));

      const queue = await status(redis.url);
      expect(queue).toMatchObject({ waiting: 0, active: 0, retrying: 0, done: 4, failed: 1 });
      expect(queue.failures).toEqual([expect.objectContaining({ input: path.join(inDir, 'bad.png'), tries: 1, reason: expect.stringMatching(/^unreadable or truncated image/) })]);

      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
      expect((await local).code).toBe(1);
      const files = await outputFiles(ref);
      expect(files).toHaveLength(8);
      expect(await outputFiles(out)).toEqual(files);
      for (const f of files) expect((await readFile(path.join(out, f))).equals(await readFile(path.join(ref, f))), f).toBe(true);

      const report = (await readRunReport(out))!;
      expect(report.entries.map((e) => [path.relative(inDir, e.input), e.status]).sort()).toEqual([
        ['a.png', 'done'],
        ['b.jpg', 'done'],
        ['bad.png', 'failed'],
        ['d.txt', 'done'],
        [path.join('sub', 'c.tiff'), 'done'],
      ]);
    }, 300_000);

    it('a rerun of submit passes over what is done and queues only the failed document, once', async () => {
      const again = await runCli(['submit', inDir, '-o', out, '--redis', redis.url]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain('1 queued, 0 already in the queue, 4 unchanged, 0 failed');
      const twice = await runCli(['submit', inDir, '-o', out, '--redis', redis.url]);
      expect(twice.stderr).toContain('0 queued, 1 already in the queue, 4 unchanged, 0 failed');
      expect(await status(redis.url)).toMatchObject({ waiting: 1, active: 0, failed: 0 });
    }, 120_000);

    it('a worker rides out Redis going away, and on SIGTERM finishes the document in hand, takes no other and exits 0', async () => {
      const client = new Redis(redis.url);
      await client.flushall();
      client.disconnect();
      const worker = watch(spawnCli(['worker', '--redis', redis.url, ...WORKER]));
      await worker.line(/waiting for documents/);
      const port = Number(new URL(redis.url).port);
      await redis.stop();
      await worker.line(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/?: trying again in \d+ s/);
      redis = await startRedis(binary!, port);
      const second = path.join(root, 'second');
      await mkdir(second);
      for (const name of ['one.png', 'two.png']) await copyFile(path.join(projectRoot, 'fixtures/pages/line.png'), path.join(second, name));
      const submitted = await runCli(['submit', second, '-o', path.join(root, 'out2'), '--redis', redis.url]);
      expect(submitted.code, submitted.stderr).toBe(0);
      const [, first] = await worker.line(/started (\S+)\n/);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.log()).toContain(`done ${first} `);
      expect(worker.log().match(/started /g)).toHaveLength(1);
      // Recorded by the worker itself: no submit --wait was there to do it.
      expect((await readRunReport(path.join(root, 'out2')))?.entries.map((e) => [e.input, e.status])).toEqual([[first, 'done']]);
      expect(await status(redis.url)).toMatchObject({ waiting: 1, active: 0, done: 1, failed: 0 });
    }, 180_000);
  });
});
