import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/pipeline/manifest.js';
import { runCli } from './helpers/cli.js';

const UNACCENTED = 'Ban Tuyen giao va Dan van Tinh uy bao cao tinh hinh trien khai thuc hien Ke hoach tren dia ban tinh.\n';
const ACCENTED = 'Sở Khoa học và Công nghệ tổ chức tập huấn chuyển đổi số cho cán bộ, công chức.\n';

async function readReport(out: string): Promise<RunReport> {
  return JSON.parse(await readFile(path.join(out, 'run-report.json'), 'utf8')) as RunReport;
}

describe('vnocr run over a folder of text inputs', () => {
  let root: string;
  let inDir: string;
  let outDir: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'vnocr-batch-'));
    inDir = path.join(root, 'in');
    outDir = path.join(root, 'out');
    await mkdir(path.join(inDir, 'sub'), { recursive: true });
    await writeFile(path.join(inDir, 'a.txt'), UNACCENTED);
    await writeFile(path.join(inDir, 'sub', 'b.txt'), ACCENTED);
    await writeFile(path.join(inDir, 'empty.pdf'), '');
    await writeFile(path.join(inDir, 'broken.png'), Buffer.from('not a png at all'));
    await writeFile(path.join(inDir, 'legacy.txt'), Buffer.from([0x54, 0xe0, 0x6e, 0x68, 0x20, 0xff, 0xfe, 0x80]));
    await writeFile(path.join(inDir, 'notes.docx'), 'x');
    await symlink(path.join(root, 'moved-away.tif'), path.join(inDir, 'gone.tif'));
  });

  it('writes mirrored outputs, reports each bad input on one line and exits 1', async () => {
    const result = await runCli(['run', inDir, '-o', outDir, '--formats', 'txt,json,md']);
    expect(result.code).toBe(1);
    for (const f of ['a.txt', 'a.json', 'a.md', 'sub/b.txt', 'sub/b.json', 'sub/b.md']) expect(existsSync(path.join(outDir, f)), f).toBe(true);
    const restored = await readFile(path.join(outDir, 'a.txt'), 'utf8');
    expect(restored).toContain('Tỉnh ủy');
    const report = await readReport(outDir);
    const status = Object.fromEntries(report.entries.map((e) => [path.relative(inDir, e.input), e.status]));
    expect(status).toEqual({ 'a.txt': 'done', [path.join('sub', 'b.txt')]: 'done', 'empty.pdf': 'failed', 'broken.png': 'failed', 'legacy.txt': 'failed', 'gone.tif': 'failed' });
    expect(report.skipped.map((s) => path.basename(s.file))).toEqual(['notes.docx']);
    const errorLines = result.stderr.split('\n').filter((l) => /: (?!done)/.test(l) && /empty\.pdf|broken\.png|legacy\.txt|gone\.tif/.test(l));
    expect(errorLines).toHaveLength(4);
    for (const line of errorLines) expect(line).toMatch(/^vnocr: \S+: .{8,}$/);
    expect(errorLines.find((l) => l.includes('gone.tif'))).toMatch(/broken symbolic link: its target \S+moved-away\.tif does not exist$/);
    const json = JSON.parse(await readFile(path.join(outDir, 'a.json'), 'utf8'));
    expect(json.restoration.changes.length).toBeGreaterThan(5);
  });

  it('skips unchanged inputs on a rerun and redoes them with --force', async () => {
    const again = await runCli(['run', inDir, '-o', outDir, '--formats', 'txt,json,md']);
    const report = await readReport(outDir);
    expect(report.entries.filter((e) => e.status === 'unchanged')).toHaveLength(2);
    expect(again.code).toBe(1);
    const forced = await runCli(['run', path.join(inDir, 'a.txt'), '-o', outDir, '--force']);
    expect(forced.code).toBe(0);
    expect((await readReport(outDir)).entries.find((e) => e.input.endsWith('a.txt'))?.status).toBe('done');
  });

  it('redoes an input whose content changed', async () => {
    const file = path.join(inDir, 'sub', 'b.txt');
    await writeFile(file, `${ACCENTED}Thêm một dòng.\n`);
    await runCli(['run', file, '-o', outDir]);
    expect((await readReport(outDir)).entries.find((e) => e.input === file)?.status).toBe('done');
  });
});

describe('vnocr usage errors', () => {
  it.each([
    [['run', '.', '-o', 'x', '--formats', 'docx'], /--formats must be one of txt, json, md/],
    [['run', '.', '-o', 'x', '--tone-style', 'modern'], /--tone-style must be one of old, new/],
    [['run', '.', '-o', 'x', '--jobs', 'many'], /--jobs must be a whole number/],
    [['run', '.'], /required option '-o, --output <dir>'/],
    [['frobnicate'], /unknown command/],
  ])('%j exits 2 with a message naming the problem', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 when the output folder cannot be written', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'vnocr-batch-'));
    await writeFile(path.join(root, 'file'), 'x');
    await writeFile(path.join(root, 'a.txt'), ACCENTED);
    const result = await runCli(['run', path.join(root, 'a.txt'), '-o', path.join(root, 'file', 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write to output folder .*file.out/);
  });
});
