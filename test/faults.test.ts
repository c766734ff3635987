// The fault catalogue (README, "Faults and what vnocr promises"): each case made at test time beside good inputs,
// the batch run in this process with .txt inputs (restoration off, so no model loads), a full disk simulated.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempName, realIo, writeFileAtomic, type WriteIo } from '../src/pipeline/atomic.js';
import { runBatch } from '../src/pipeline/batch.js';
import { discoverInputs } from '../src/pipeline/inputs.js';
import { acquireRunLock, lockFile } from '../src/pipeline/lock.js';
import { readRunReport, RunJournal, type RunEntry } from '../src/pipeline/manifest.js';
import { resolveRunOptions } from '../src/pipeline/options.js';
import type { Progress } from '../src/pipeline/progress.js';

const TEXT = 'Sở Khoa học và Công nghệ tổ chức tập huấn chuyển đổi số cho cán bộ, công chức.\n';
const options = resolveRunOptions({ restore: false, jobs: 1 });

async function tmp(name: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `vnocr-fault-${name}-`));
}

/** A folder of .txt inputs. */
async function textInputs(root: string, names: string[]): Promise<string> {
  const dir = path.join(root, 'in');
  for (const n of names) {
    await mkdir(path.dirname(path.join(dir, n)), { recursive: true });
    await writeFile(path.join(dir, n), `${n}: ${TEXT}`);
  }
  return dir;
}

function recorder(): Progress & { lines: string[]; entries: RunEntry[] } {
  const lines: string[] = [];
  const entries: RunEntry[] = [];
  return {
    lines,
    entries,
    start: () => {},
    page: () => {},
    done: (e) => void entries.push(e),
    notice: (m) => void lines.push(m),
    finish: () => {},
  };
}

/** Every file under `dir`, relative, hidden ones included. */
async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  return out.sort();
}

/** A write that accepts at most `chunk` bytes a call, and fails with ENOSPC once `capacity` bytes are written. */
function smallDisk(capacity: number, chunk = 1 << 30): WriteIo & { used: number } {
  const io = {
    used: 0,
    write: async (handle: Parameters<WriteIo['write']>[0], data: Buffer, offset: number, length: number, target: string) => {
      if (io.used >= capacity) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = Math.min(length, chunk, capacity - io.used);
      const written = await realIo.write(handle, data, offset, n, target);
      io.used += written;
      return written;
    },
  };
  return io;
}

describe('1. writes that cannot lie', () => {
  it('writes every byte even when the system writes a few at a time', async () => {
    const dir = await tmp('short');
    const data = Buffer.from('x'.repeat(100_000));
    await writeFileAtomic(path.join(dir, 'a.json'), data, smallDisk(Infinity, 4096 + 7));
    expect((await readFile(path.join(dir, 'a.json'))).equals(data)).toBe(true);
  });

  it('on a full disk leaves the old file whole and no temporary file', async () => {
    const dir = await tmp('enospc');
    const file = path.join(dir, 'a.json');
    await writeFile(file, 'old');
    await expect(writeFileAtomic(file, 'y'.repeat(400_000), smallDisk(262_144))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('a write that makes no progress fails as a full disk instead of looping', async () => {
    const dir = await tmp('zero');
    const io: WriteIo = { write: async () => 0 };
    await expect(writeFileAtomic(path.join(dir, 'a.txt'), 'abc', io)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a full disk fails that input clearly, stops taking new ones, and a rerun completes the batch', async () => {
    const root = await tmp('disk');
    const inDir = await textInputs(root, ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
    const out = path.join(root, 'out');
    const progress = recorder();
    // The disk fills up while c's outputs are written (two inputs are in flight): every write from then on fails.
    let full = false;
    const io: WriteIo = {
      write: async (handle, data, offset, length, target) => {
        full ||= target.endsWith('c.json');
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return realIo.write(handle, data, offset, length, target);
      },
    };
    const summary = await runBatch([inDir], out, options, progress, io);
    const status = Object.fromEntries(progress.entries.map((e) => [path.basename(e.input), e.status]));
    expect(status['a.txt']).toBe('done');
    expect(status['c.txt']).toBe('failed');
    expect(progress.entries.find((e) => e.input.endsWith('c.txt'))!.error).toMatch(/ENOSPC.*free space and rerun/);
    expect(summary.notStarted).toBeGreaterThanOrEqual(1);
    expect(status['e.txt']).toBeUndefined();
    expect(progress.lines.join('\n')).toMatch(/disk .* is full: the batch stopped taking new inputs .*Free space and rerun/);
    expect(existsSync(path.join(out, 'c.json'))).toBe(false);
    // Nothing truncated: every JSON parses, every .txt holds its whole text, no temporary file is left.
    for (const f of await allFiles(out)) {
      expect(isTempName(path.basename(f)), f).toBe(false);
      if (f.endsWith('.json')) JSON.parse(await readFile(path.join(out, f), 'utf8'));
      else if (f.endsWith('.txt')) expect(await readFile(path.join(out, f), 'utf8')).toContain('Sở Khoa học');
    }
    const rerun = await runBatch([inDir], out, options, recorder());
    expect(rerun.failed + rerun.notStarted).toBe(0);
    expect(rerun.done + rerun.unchanged).toBe(5);
    expect((await readRunReport(out))!.entries.map((e) => e.status)).not.toContain('failed');
  });
});

describe('2. never overwrite what is not ours', () => {
  it.each([
    ['the input folder itself', (inDir: string) => inDir],
    ['"" (the current folder)', () => ''],
  ])('refuses an output folder that is %s', async (_, out) => {
    const root = await tmp('same');
    const inDir = await textInputs(root, ['a.txt']);
    const cwd = process.cwd();
    process.chdir(inDir);
    try {
      await expect(runBatch([inDir], out(inDir), options, recorder())).rejects.toMatchObject({ exitCode: 2 });
    } finally {
      process.chdir(cwd);
    }
    expect(await readFile(path.join(inDir, 'a.txt'), 'utf8')).toBe(`a.txt: ${TEXT}`);
  });

  it('refuses an output folder where an output would replace an input file', async () => {
    const root = await tmp('onto');
    const inDir = await textInputs(root, ['a.txt']);
    await expect(runBatch([path.join(inDir, 'a.txt')], inDir, options, recorder())).rejects.toThrow(/would replace the input/);
    expect(await readFile(path.join(inDir, 'a.txt'), 'utf8')).toBe(`a.txt: ${TEXT}`);
  });

  it('does not walk into an output folder inside the input folder, on any rerun', async () => {
    const root = await tmp('inside');
    const inDir = await textInputs(root, ['a.txt', 'sub/b.txt']);
    const out = path.join(inDir, 'out');
    await runBatch([inDir], out, options, recorder());
    const again = await runBatch([inDir], out, options, recorder());
    expect(again.unchanged).toBe(2);
    expect((await readRunReport(out))!.entries).toHaveLength(2);
    expect(existsSync(path.join(out, 'out'))).toBe(false);
  });

  it('gives every input its own outputs over the whole batch', async () => {
    const root = await tmp('clash');
    await mkdir(path.join(root, 'x'));
    await mkdir(path.join(root, 'y'));
    for (const f of ['x/a.png', 'y/a.png', 'a.pdf', 'a.png', 'a.pdf.txt', 'A.pdf', 'run-report.pdf']) await writeFile(path.join(root, f), 'x');
    const names = ['x/a.png', 'y/a.png', 'a.pdf', 'a.png', 'a.pdf.txt', 'A.pdf', 'run-report.pdf'].map((f) => path.join(root, f));
    const { inputs } = await discoverInputs(names);
    const stems = inputs.map((i) => i.outputStem.toLowerCase());
    expect(new Set(stems).size).toBe(names.length);
    expect(stems).not.toContain('run-report');
    expect(inputs.find((i) => i.file.endsWith('a.pdf.txt'))!.outputStem).toBe('a.pdf');
  });

  it('writes nothing through a symbolic link in the output folder', async () => {
    const root = await tmp('links');
    const inDir = await textInputs(root, ['sub/a.txt', 'b.txt']);
    const elsewhere = path.join(root, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'precious.json'), 'keep');
    const out = path.join(root, 'out');
    await mkdir(out);
    await symlink(elsewhere, path.join(out, 'sub'));
    await symlink(path.join(elsewhere, 'precious.json'), path.join(out, 'run-report.json'));
    await symlink(path.join(elsewhere, 'precious.json'), path.join(out, 'b.json'));
    const progress = recorder();
    const summary = await runBatch([inDir], out, options, progress);
    expect(summary.failed).toBe(1);
    expect(progress.entries.find((e) => e.input.endsWith('a.txt'))!.error).toMatch(/symbolic link: vnocr writes nothing through links/);
    expect(await readdir(elsewhere)).toEqual(['precious.json']);
    expect(await readFile(path.join(elsewhere, 'precious.json'), 'utf8')).toBe('keep');
    // The links to a file were replaced by vnocr's own files, not written through.
    expect((await lstat(path.join(out, 'run-report.json'))).isFile()).toBe(true);
    expect((await lstat(path.join(out, 'b.json'))).isFile()).toBe(true);
  });
});

describe('3. the report is a journal', () => {
  it('keeps every earlier entry from the moment a rerun starts', async () => {
    const root = await tmp('journal');
    const inDir = await textInputs(root, ['d.txt', 'e.txt', 'f.txt', 'g.txt']);
    const out = path.join(root, 'out');
    await runBatch([inDir], out, options, recorder());
    // A rerun with more inputs opens the journal and rewrites the merged view, then is killed: nothing is forgotten.
    await writeFile(path.join(inDir, 'a.txt'), TEXT);
    const journal = await RunJournal.open(out, { tool: 'vnocr', version: 'x', startedAt: '', options: {}, skipped: [] });
    await journal.flush();
    expect((await readRunReport(out))!.entries).toHaveLength(4);
    const rerun = await runBatch([inDir], out, options, recorder());
    expect([rerun.unchanged, rerun.done]).toEqual([4, 1]);
  });

  it('keeps the entries of a report from before the journal', async () => {
    const root = await tmp('legacy');
    const inDir = await textInputs(root, ['a.txt']);
    const out = path.join(root, 'out');
    await runBatch([inDir], out, options, recorder());
    const report = (await readRunReport(out))!;
    spawnSync('rm', ['-rf', path.join(out, '.vnocr')]);
    await writeFile(path.join(out, 'run-report.json'), JSON.stringify(report));
    expect((await runBatch([inDir], out, options, recorder())).unchanged).toBe(1);
    expect(existsSync(path.join(out, '.vnocr', 'entries'))).toBe(true);
  });

  it.each([
    ['not JSON', '{ "entries": [ {"inp'],
    ['a null entry', '{"entries": [null]}'],
    ['outputs as a string', '{"entries": [{"input": "/x/a.txt", "status": "done", "outputs": "a.txt", "pages": 1, "seconds": 1, "optionsHash": "o"}]}'],
  ])('sets a damaged report (%s) aside with a warning and goes on', async (_, damaged) => {
    const root = await tmp('damaged');
    const inDir = await textInputs(root, ['a.txt']);
    const out = path.join(root, 'out');
    await mkdir(out);
    await writeFile(path.join(out, 'run-report.json'), damaged);
    const progress = recorder();
    expect((await runBatch([inDir], out, options, progress)).done).toBe(1);
    expect(progress.lines.join('\n')).toMatch(/run-report\.json is (not valid JSON|damaged).*set aside as run-report\.json\.damaged-/);
    expect((await readdir(out)).filter((f) => f.startsWith('run-report.json.damaged-'))).toHaveLength(1);
    expect((await readRunReport(out))!.entries).toHaveLength(1);
  });

  it('refuses a second run on one output folder, and takes over the lock of a dead one', async () => {
    const out = await tmp('lock');
    const release = await acquireRunLock(out);
    await expect(acquireRunLock(out)).rejects.toThrow(/in use by another vnocr run \(pid \d+/);
    await release();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(lockFile(out), JSON.stringify({ pid: dead, host: os.hostname(), startedAt: 'then' }));
    const again = await acquireRunLock(out);
    expect(JSON.parse(await readFile(lockFile(out), 'utf8')).pid).toBe(process.pid);
    await again();
    expect(existsSync(lockFile(out))).toBe(false);
  });

  it('redoes an input whose output was deleted, and removes temporary files of killed runs', async () => {
    const root = await tmp('redo');
    const inDir = await textInputs(root, ['a.txt', 'b.txt']);
    const out = path.join(root, 'out');
    await runBatch([inDir], out, options, recorder());
    await import('node:fs/promises').then((fs) => fs.unlink(path.join(out, 'a.json')));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const { createHash } = await import('node:crypto');
    const host = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 4);
    const leftover = path.join(out, `.vnocr-${host}-${dead}-0123abcd.tmp`);
    await writeFile(leftover, 'half');
    const progress = recorder();
    const rerun = await runBatch([inDir], out, options, progress);
    expect([rerun.done, rerun.unchanged]).toEqual([1, 1]);
    expect(existsSync(path.join(out, 'a.json'))).toBe(true);
    expect(existsSync(leftover)).toBe(false);
    expect(progress.lines.join('\n')).toMatch(/removed 1 temporary file/);
  });
});
