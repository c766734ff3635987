// The fault catalogue (README, "Faults and what vnocr promises"): each case made at test time beside good inputs,
// the batch run in this process with .txt inputs (restoration off, so no model loads), a full disk simulated.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, lstat, mkdir, mkdtemp, readdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { writePdf } from '../scripts/lib/pdf.js';
import { MAX_PDF_BYTES, openPdf, renderPdfPage } from '../src/ingest/pdf.js';
import { MAX_TEXT_BYTES, readTextFile } from '../src/ingest/text.js';
import { isTempName, realIo, writeFileAtomic, type WriteIo } from '../src/pipeline/atomic.js';
import { runBatch } from '../src/pipeline/batch.js';
import { discoverInputs } from '../src/pipeline/inputs.js';
import { acquireRunLock, lockFile } from '../src/pipeline/lock.js';
import { readRunReport, RunJournal, type RunEntry } from '../src/pipeline/manifest.js';
import { resolveRunOptions } from '../src/pipeline/options.js';
import { processInput } from '../src/pipeline/process-input.js';
import type { Progress } from '../src/pipeline/progress.js';
import { createStages, type Stages } from '../src/pipeline/stages.js';
import { loadRestorer } from '../src/restore/index.js';
import { reflow } from '../src/structure/reflow.js';
import { MAX_RUN, tokenize } from '../src/text/tokenize.js';
import { projectRoot, runCli } from './helpers/cli.js';

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

  it('writes an output in parts, a part copied from another file, and fails whole when that file is shorter', async () => {
    const dir = await tmp('parts');
    const source = path.join(dir, 'in.pdf');
    const original = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => i % 251));
    await writeFile(source, original);
    const tail = Buffer.from('\nappended update\n');
    const out = path.join(dir, 'out.pdf');
    await writeFileAtomic(out, [{ copyOf: source, bytes: original.length }, tail], smallDisk(Infinity, 700_001));
    expect((await readFile(out)).equals(Buffer.concat([original, tail]))).toBe(true);
    await truncate(source, 1000);
    await expect(writeFileAtomic(path.join(dir, 'again.pdf'), [{ copyOf: source, bytes: original.length }, tail])).rejects.toThrow(/shorter than the 3000000 bytes/);
    expect((await readdir(dir)).sort()).toEqual(['in.pdf', 'out.pdf']);
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
        // By name: a journal entry's file is a hash, and ends in 'c.json' one time in sixteen.
        full ||= path.basename(target) === 'c.json';
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return realIo.write(handle, data, offset, length, target);
      },
    };
    const summary = await runBatch([inDir], out, options, progress, io);
    const status = Object.fromEntries(progress.entries.map((e) => [path.basename(e.input), e.status]));
    // Which of a and b was still being written when the disk filled depends on timing. Done means both its
    // outputs landed and its report entry was written; outputs that landed without an entry are a failure
    // that says so (the rerun does that input again).
    for (const name of ['a', 'b']) {
      const landed = existsSync(path.join(out, `${name}.json`)) && existsSync(path.join(out, `${name}.txt`));
      const entry = progress.entries.find((e) => e.input.endsWith(`${name}.txt`))!;
      if (!landed) expect(entry.status, name).toBe('failed');
      else if (entry.status !== 'done') expect(entry.error, name).toMatch(/report entry cannot be written .*ENOSPC/);
    }
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

/** discoverInputs as a user without root's right to read every folder (root reads a chmod 000 folder). */
async function discoverAsUser(args: string[]): Promise<{ failed: { file: string; reason: string }[]; inputs: number }> {
  if (process.getuid?.() !== 0) {
    const d = await discoverInputs(args);
    return { failed: d.failed, inputs: d.inputs.length };
  }
  const script = `import('./src/pipeline/inputs.ts').then(async (m) => { const d = await m.discoverInputs(${JSON.stringify(args)}); console.log(JSON.stringify({ failed: d.failed, inputs: d.inputs.length })); })`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: projectRoot, uid: 65534, gid: 65534, encoding: 'utf8', env: { ...process.env, TSX_TSCONFIG_PATH: undefined, HOME: '/tmp' } });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
}

describe('4. one entry never sinks the batch', () => {
  it('fails an unreadable folder with one line and reads the rest', async () => {
    const root = await tmp('eacces');
    await chmod(root, 0o755);
    const inDir = await textInputs(root, ['a.txt', 'locked/b.txt']);
    await chmod(inDir, 0o755);
    await chmod(path.join(inDir, 'locked'), 0o000);
    try {
      const { failed, inputs } = await discoverAsUser([inDir]);
      expect(inputs).toBe(1);
      expect(failed).toEqual([{ file: path.join(inDir, 'locked'), reason: 'cannot read folder: permission denied (EACCES)' }]);
    } finally {
      await chmod(path.join(inDir, 'locked'), 0o755);
    }
  });

  it('fails a path too long, a FIFO and a device (never opened, so never hanging), and does the rest', async () => {
    const root = await tmp('odd');
    const inDir = await textInputs(root, ['a.txt']);
    spawnSync('mkfifo', [path.join(inDir, 'pipe.txt')]);
    spawnSync('mkfifo', [path.join(root, 'named.txt')]);
    const tooLong = path.join(root, `${'x'.repeat(300)}.txt`);
    const deep = path.join(root, ...Array.from({ length: 50 }, () => 'y'.repeat(100)), 'z.txt');
    const progress = recorder();
    const summary = await runBatch([inDir, path.join(root, 'named.txt'), '/dev/zero', tooLong, deep], path.join(root, 'out'), options, progress);
    expect(summary.done).toBe(1);
    const reasons = Object.fromEntries(progress.entries.filter((e) => e.status === 'failed').map((e) => [path.basename(e.input).slice(0, 12), e.error]));
    expect(reasons).toEqual({
      'pipe.txt': 'not a regular file: a FIFO (named pipe)',
      'named.txt': 'not a regular file: a FIFO (named pipe)',
      zero: 'not a regular file: a character device',
      xxxxxxxxxxxx: 'path too long for the file system (ENAMETOOLONG)',
      'z.txt': 'path too long for the file system (ENAMETOOLONG)',
    });
  }, 20_000);

  it('writes the other formats of a PDF only an owner password encrypts, and says in one line why it has no searchable PDF', async () => {
    const root = await tmp('owner-encrypted');
    const inDir = path.join(root, 'in');
    await mkdir(inDir);
    const { data, info } = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    const doc = await PDFDocument.load(writePdf([{ jpeg: data, width: info.width, height: info.height, dpi: 200 }]));
    // Anyone may open it (no user password); the owner password sets what may be done with it.
    doc.encrypt({ ownerPassword: 'owner', permissions: { modifying: false } });
    await writeFile(path.join(inDir, 'restricted.pdf'), await doc.save());
    const progress = recorder();
    const out = path.join(root, 'out');
    await runBatch([inDir], out, resolveRunOptions({ formats: ['txt', 'pdf'], jobs: 1 }), progress);
    const [entry] = progress.entries;
    expect(entry).toMatchObject({ status: 'done-with-warnings', warnings: [expect.stringMatching(/^no \.pdf written: the PDF is encrypted .*qpdf --decrypt/)] });
    expect(await readFile(path.join(out, 'restricted.txt'), 'utf8')).toContain('Sở Khoa học');
    expect(existsSync(path.join(out, 'restricted.pdf'))).toBe(false);
  }, 30_000);

  it('fails a file that changes while it is read', async () => {
    const root = await tmp('changing');
    const inDir = await textInputs(root, ['a.txt']);
    const file = path.join(inDir, 'a.txt');
    const real = createStages(options);
    // Another program appends to the file while vnocr reads it.
    const stages: Stages = { ...real, extractPages: async (f, onPage) => ((await appendFile(f, 'thêm\n')), real.extractPages(f, onPage)) };
    const out = path.join(root, 'out');
    await mkdir(out);
    const { entry } = await processInput({ file, outputStem: 'a' }, out, () => stages, options, 'o');
    expect(entry.status).toBe('failed');
    expect(entry.error).toMatch(/changed while it was being read/);
    expect(await readdir(out)).toEqual([]);
  });

  it(`refuses a .txt over ${MAX_TEXT_BYTES / 2 ** 20} MB before reading it`, async () => {
    const root = await tmp('big');
    const inDir = await textInputs(root, ['a.txt']);
    // Sparse: takes no room on disk.
    await writeFile(path.join(inDir, 'huge.txt'), '');
    await truncate(path.join(inDir, 'huge.txt'), MAX_TEXT_BYTES + 1);
    const progress = recorder();
    expect((await runBatch([inDir], path.join(root, 'out'), options, progress)).done).toBe(1);
    expect(progress.entries.find((e) => e.input.endsWith('huge.txt'))!.error).toMatch(/text file too large \(2\.0 MB; at most 2 MB\): split it first/);
  });

  it('writes outputs of names up to the 255-byte limit (temporary names are short)', async () => {
    const root = await tmp('names');
    const names = [`${'x'.repeat(250)}.txt`, `${'ạ'.repeat(80)}.txt`];
    const inDir = await textInputs(root, names);
    const out = path.join(root, 'out');
    expect((await runBatch([inDir], out, options, recorder())).done).toBe(2);
    expect(existsSync(path.join(out, `${'x'.repeat(250)}.json`))).toBe(true);
    expect(existsSync(path.join(out, `${'ạ'.repeat(80)}.json`))).toBe(true);
  });
});

describe('5. honest text', () => {
  it.each([
    ['UTF-16LE without a BOM', Buffer.from('Bao cao so 12 ve tinh hinh.\n', 'utf16le'), 'Bao cao so 12 ve tinh hinh.\n'],
    ['UTF-16BE without a BOM', Buffer.from('Bao cao so 12 ve tinh hinh.\n', 'utf16le').swap16(), 'Bao cao so 12 ve tinh hinh.\n'],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Báo cáo số 12\n', 'utf16le')]), 'Báo cáo số 12\n'],
  ])('decodes %s', async (_, bytes, text) => {
    const dir = await tmp('utf16');
    await writeFile(path.join(dir, 'a.txt'), bytes);
    expect(await readTextFile(path.join(dir, 'a.txt'))).toBe(text);
  });

  it.each([
    ['a NUL byte', Buffer.from('Báo cáo\0số 12\n'), /control character U\+0000 on line 1/],
    ['an escape on line 2', Buffer.from('Báo cáo\nsố \x1b[31m12\n'), /control character U\+001B on line 2/],
    ['binary bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /not (plain text|a text file)/],
  ])('refuses text with %s', async (_, bytes, reason) => {
    const dir = await tmp('binary');
    await writeFile(path.join(dir, 'a.txt'), bytes);
    await expect(readTextFile(path.join(dir, 'a.txt'))).rejects.toThrow(reason);
  });
});

describe('5. hostile text in time and memory linear in its length', () => {
  // Each of these took minutes before (the work on one word or run grew with its length squared or cubed).
  it('keeps a word of thousands of letters and a line of stray marks as written, in any mode', async () => {
    const restorer = await loadRestorer();
    const text = `Bao cao ${'a'.repeat(5000)} va ${'\u0301'.repeat(3000)} ${'a-'.repeat(2000)} ket qua.`;
    for (const mode of ['auto', 'unaccented', 'ocr-eng'] as const) {
      const restored = restorer.restore(text, { mode }).text;
      expect(restored).toContain(` ${'a'.repeat(5000)} `);
      expect(restored).toContain(` ${'\u0301'.repeat(3000)} `);
      expect(restored).toContain(` ${'a-'.repeat(2000)} `);
    }
    expect(tokenize('a'.repeat(MAX_RUN + 1))).toEqual([{ text: 'a'.repeat(MAX_RUN + 1), kind: 'protected', start: 0 }]);
  }, 30_000);

  it('reflows a paragraph of 150,000 lines', () => {
    const lines = Array.from({ length: 150_000 }, (_, i) => (i % 2 ? 'ket qua' : 'thuc hien-'));
    const [paragraph] = reflow(lines);
    expect(paragraph!.length).toBe(lines.join(' ').length);
  });
});

describe('6. options checked first', () => {
  it('refuses a missing --model before any work, exit 2', async () => {
    const root = await tmp('model');
    const inDir = await textInputs(root, ['a.txt']);
    const out = path.join(root, 'out');
    const result = await runCli(['run', inDir, '-o', out, '--model', path.join(root, 'nope.bin')], { MALLOC_ARENA_MAX: '2' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--model \S+nope\.bin: no such file/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('5. honest pages', () => {
  it('keeps the good pages of a TIFF and a PDF with one corrupt page, and names the bad page', async () => {
    const root = await tmp('pages');
    const line = path.join(projectRoot, 'fixtures/pages/line.png');
    const png = await sharp(line).png().toBuffer();
    await sharp([png, png], { join: { animated: true } }).tiff().toFile(path.join(root, 'two.tiff'));
    const tiff = await readFile(path.join(root, 'two.tiff'));
    // The second page's strips, which come after the first's, overwritten.
    tiff.fill(0xab, Math.floor(tiff.length * 0.55), Math.floor(tiff.length * 0.9));
    await writeFile(path.join(root, 'bad.tiff'), tiff);
    const { data, info } = await sharp(line).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    const junk = Buffer.from(data).fill(0x11, 200, data.length - 10);
    const page = { width: info.width, height: info.height, dpi: 200 };
    await writeFile(path.join(root, 'bad.pdf'), writePdf([{ jpeg: data, ...page }, { jpeg: junk, ...page }]));
    const progress = recorder();
    const summary = await runBatch([path.join(root, 'bad.tiff'), path.join(root, 'bad.pdf')], path.join(root, 'out'), options, progress);
    expect(summary.warnings).toBe(2);
    for (const e of progress.entries) {
      expect(e.status).toBe('done-with-warnings');
      expect(e.pages).toBe(2);
      expect(e.warnings).toHaveLength(1);
      expect(e.warnings![0]).toMatch(/^page 2: .*(unreadable or truncated image, page 2|image is corrupt and cannot be decoded)/);
    }
    expect(await readFile(path.join(root, 'out', 'bad.pdf.txt'), 'utf8')).toMatch(/\w{4}/);
    expect(progress.lines).toEqual([expect.stringMatching(/renamed/), expect.stringMatching(/renamed/)]);
  }, 60_000);

  it('reads a PDF page whose one image of two is corrupt, and warns of the image left out', async () => {
    const root = await tmp('pdfimage');
    const { data, info } = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    const junk = Buffer.from(data).fill(0x11, 200, data.length - 10);
    const doc = await PDFDocument.create();
    const [w, h] = [(info.width * 72) / 200, (info.height * 72) / 200];
    const page = doc.addPage([w, 2 * h]);
    page.drawImage(await doc.embedJpg(data), { x: 0, y: h, width: w, height: h });
    page.drawImage(await doc.embedJpg(junk), { x: 0, y: 0, width: w, height: h });
    await writeFile(path.join(root, 'mixed.pdf'), await doc.save());
    const progress = recorder();
    const summary = await runBatch([path.join(root, 'mixed.pdf')], path.join(root, 'out'), options, progress);
    expect(summary.warnings).toBe(1);
    expect(progress.entries[0]!.status).toBe('done-with-warnings');
    expect(progress.entries[0]!.warnings).toEqual(['page 1: an image on the page is corrupt and was left out']);
    expect(await readFile(path.join(root, 'out', 'mixed.txt'), 'utf8')).toMatch(/\w{4}/);
  }, 60_000);

  it('refuses a PDF that draws an image over the pixel limit before decoding anything', async () => {
    const root = await tmp('pdfpixels');
    const { data } = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    await writeFile(path.join(root, 'huge.pdf'), writePdf([{ jpeg: data, width: 20000, height: 20000, dpi: 2000 }]));
    await expect(openPdf(path.join(root, 'huge.pdf'))).rejects.toThrow(/PDF holds an image too large to decode \(20000×20000 px, over 150 megapixels\)/);
  });

  it(`refuses a PDF over ${MAX_PDF_BYTES / 2 ** 20} MB before reading it, and does the rest`, async () => {
    const root = await tmp('pdfsize');
    const inDir = await textInputs(root, ['a.txt']);
    await writeFile(path.join(inDir, 'huge.pdf'), '%PDF-1.7\n');
    await truncate(path.join(inDir, 'huge.pdf'), MAX_PDF_BYTES + 1);
    const progress = recorder();
    expect((await runBatch([inDir], path.join(root, 'out'), options, progress)).done).toBe(1);
    expect(progress.entries.find((e) => e.input.endsWith('huge.pdf'))!.error).toMatch(/PDF too large \(256 MB; at most 256 MB\): split it first/);
  });

  it('renders a PDF page over the pixel budget at the DPI that fits it', async () => {
    const root = await tmp('pdfbudget');
    const { data, info } = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    await writeFile(path.join(root, 'big.pdf'), writePdf([{ jpeg: data, width: info.width, height: info.height, dpi: 200 }]));
    const doc = await openPdf(path.join(root, 'big.pdf'));
    const budget = (info.width * info.height) / 4;
    const page = await renderPdfPage(doc, 1, 'big.pdf', false, budget);
    await doc.destroy();
    expect(page.width * page.height).toBeLessThanOrEqual(budget * 1.01);
    // 300 DPI would be 1.5 times the scan's pixels a side; half the scan's pixels is a third of 300 DPI a side.
    expect(page.dpi).toBe(100);
    expect(page.width).toBeGreaterThan(info.width / 2 - 2);
  });

  it('refuses to render a PDF page that would be over the pixel limit at 300 DPI', async () => {
    const root = await tmp('pdfpage');
    const { data, info } = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().jpeg().toBuffer({ resolveWithObject: true });
    // 1 DPI: the page is 1654 inches wide.
    await writeFile(path.join(root, 'wide.pdf'), writePdf([{ jpeg: data, width: info.width, height: info.height, dpi: 1 }]));
    const doc = await openPdf(path.join(root, 'wide.pdf'));
    await expect(renderPdfPage(doc, 1, 'wide.pdf')).rejects.toThrow(/PDF page 1 too large to render/);
    await doc.destroy();
  });
});
