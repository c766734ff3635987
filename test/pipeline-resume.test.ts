import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../src/pipeline/batch.js';
import { lockFile } from '../src/pipeline/lock.js';
import { readRunReport } from '../src/pipeline/manifest.js';
import { resolveRunOptions } from '../src/pipeline/options.js';
import { createProgress } from '../src/pipeline/progress.js';
import { projectRoot, runCli, spawnCli } from './helpers/cli.js';

describe('a killed batch', () => {
  it('leaves only whole outputs, and a rerun completes it without redoing finished inputs', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'vnocr-resume-'));
    const inDir = path.join(root, 'in');
    const out = path.join(root, 'out');
    await mkdir(inDir);
    for (let i = 1; i <= 4; i++) await copyFile(path.join(projectRoot, 'fixtures/pages/line.png'), path.join(inDir, `page${i}.png`));

    const child = spawnCli(['run', inDir, '-o', out, '--jobs', '1', '--quiet']);
    // Kill it as soon as the first input is recorded as done.
    const killedAfter = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(async () => {
        const done = (await readRunReport(out))?.entries.filter((e) => e.status === 'done').length ?? 0;
        if (done >= 1) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(done);
        }
      }, 50);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the batch ended before it could be killed'));
      });
    });
    await new Promise((r) => child.on('close', r));
    const partial = (await readRunReport(out))!;
    const doneFirst = partial.entries.filter((e) => e.status === 'done').map((e) => e.input);
    expect(doneFirst.length).toBeGreaterThanOrEqual(killedAfter);
    expect(doneFirst.length).toBeLessThan(4);
    // Every output present is complete: the JSON ones parse.
    for (const f of await readdir(out)) if (f.endsWith('.json')) JSON.parse(await readFile(path.join(out, f), 'utf8'));

    const rerun = await runCli(['run', inDir, '-o', out, '--jobs', '1', '--quiet']);
    expect(rerun.code).toBe(0);
    const final = (await readRunReport(out))!;
    expect(final.entries).toHaveLength(4);
    for (const e of final.entries) {
      expect(e.status).toBe(doneFirst.includes(e.input) ? 'unchanged' : 'done');
      for (const o of e.outputs) expect(existsSync(path.join(out, o))).toBe(true);
    }
  });
});

describe('a rerun killed at its start', () => {
  it('forgets no finished input, and leaves a lock the next run takes over', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'vnocr-resume-'));
    const inDir = path.join(root, 'in');
    const out = path.join(root, 'out');
    await mkdir(inDir);
    const text = 'Sở Khoa học và Công nghệ tổ chức tập huấn chuyển đổi số.\n';
    for (const n of ['m', 'n', 'o', 'p']) await writeFile(path.join(inDir, `${n}.txt`), `${n} ${text}`);
    const options = resolveRunOptions({ restore: false, jobs: 1 });
    const quiet = createProgress('quiet', () => {});
    expect((await runBatch([inDir], out, options, quiet)).done).toBe(4);
    // Three new inputs that sort first; the rerun is killed as soon as it holds the lock.
    for (const n of ['a', 'b', 'c']) await writeFile(path.join(inDir, `${n}.txt`), `${n} ${text}`);
    const child = spawnCli(['run', inDir, '-o', out, '--no-restore', '--jobs', '1', '--quiet'], { MALLOC_ARENA_MAX: '2' });
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (!existsSync(lockFile(out))) return;
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve();
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the rerun ended before it could be killed'));
      });
    });
    await new Promise((r) => child.on('close', r));
    expect(existsSync(lockFile(out))).toBe(true);
    expect((await readRunReport(out))!.entries.filter((e) => e.status === 'done')).toHaveLength(4);
    const rerun = await runBatch([inDir], out, options, quiet);
    expect([rerun.unchanged, rerun.done]).toEqual([4, 3]);
  });
});
