import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunReport } from '../src/pipeline/manifest.js';
import { glibcVersion, relaunchEnv } from '../src/relaunch.js';
import { projectRoot, spawnCli } from './helpers/cli.js';

const glibc = () => '2.36';
const noGlibc = () => undefined;
const argv = (command: string) => ['node', 'vnocr', command, 'in', '-o', 'out'];

describe('relaunching a batch with two malloc arenas', () => {
  it('applies to `vnocr run` on glibc, with the arenas set and the child marked', () => {
    const env = relaunchEnv(argv('run'), { PATH: '/bin' }, glibc);
    expect(env).toMatchObject({ PATH: '/bin', MALLOC_ARENA_MAX: '2', VNOCR_RELAUNCHED: '1' });
  });

  it('leaves other commands, other C libraries, a relaunched child and a user’s own setting alone', () => {
    expect(relaunchEnv(argv('ocr'), {}, glibc)).toBeUndefined();
    expect(relaunchEnv(argv('run'), {}, noGlibc)).toBeUndefined();
    expect(relaunchEnv(argv('run'), { VNOCR_RELAUNCHED: '1' }, glibc)).toBeUndefined();
    expect(relaunchEnv(argv('run'), { MALLOC_ARENA_MAX: '8' }, glibc)).toBeUndefined();
    expect(relaunchEnv(argv('run'), { GLIBC_TUNABLES: 'glibc.malloc.arena_max=4' }, glibc)).toBeUndefined();
  });

  describe.runIf(glibcVersion() !== undefined)('the child process', () => {
    it('reads the batch with two arenas, and ends when the parent is killed mid-batch', async () => {
      const { parent, childPid, out } = await startBatch();
      // Read once the child has exec'd: between fork and exec it still shows the parent's environment.
      const environ = () => readFile(`/proc/${childPid}/environ`, 'utf8').then((e) => e.split('\0'));
      await waitFor(async () => ((await environ()).some((v) => v.startsWith('VNOCR_RELAUNCHED=')) ? true : undefined)).catch(() => undefined);
      expect(await environ()).toContain('MALLOC_ARENA_MAX=2');
      await waitFor(async () => ((await doneEntries(out)) >= 1 ? true : undefined));
      parent.kill('SIGKILL');
      await waitForEnd(childPid);
      expect(alive(childPid)).toBe(false);
      expect(await doneEntries(out)).toBeLessThan(PAGES);
    });

    it('passes SIGTERM on, and the parent ends of it as the child did', async () => {
      const { parent, childPid, out } = await startBatch();
      await waitFor(async () => ((await doneEntries(out)) >= 1 ? true : undefined));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.on('exit', (_code, signal) => resolve(signal)));
      parent.kill('SIGTERM');
      expect(await exited).toBe('SIGTERM');
      expect(alive(childPid)).toBe(false);
    });

    it('ends when the parent is killed before the child has finished loading', async () => {
      const { parent, childPid, out } = await startBatch();
      parent.kill('SIGKILL');
      await waitForEnd(childPid);
      expect(alive(childPid)).toBe(false);
      expect(await doneEntries(out)).toBeLessThan(PAGES);
    });
  });
});

/** More pages than the child could read in the time it is given to end (20 s, for a loaded machine). */
const PAGES = 120;

async function startBatch() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'vnocr-relaunch-'));
  const inDir = path.join(root, 'in');
  const out = path.join(root, 'out');
  await mkdir(inDir);
  for (let i = 1; i <= PAGES; i++) await copyFile(path.join(projectRoot, 'fixtures/pages/line.png'), path.join(inDir, `page${i}.png`));
  const parent = spawnCli(['run', inDir, '-o', out, '--jobs', '1', '--quiet']);
  const children = () => readFile(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8');
  const childPid = await waitFor(async () => Number((await children()).trim()) || undefined);
  return { parent, childPid, out };
}

async function doneEntries(out: string): Promise<number> {
  return ((await readRunReport(out))?.entries ?? []).filter((e) => e.status === 'done').length;
}

/** Waits up to 20 s (a loaded machine) for the process to end; the caller then asserts that it did. */
async function waitForEnd(pid: number): Promise<void> {
  await waitFor(async () => (alive(pid) ? undefined : true)).catch(() => undefined);
}

/** Running: a zombie (state Z) has ended, whether or not anyone has reaped it yet. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => Promise<T | undefined>, seconds = 20): Promise<T> {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
  }
  throw new Error(`nothing after ${seconds} s`);
}
