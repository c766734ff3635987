import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile, isUpToDate, readRunReport, RunJournal, type RunEntry } from '../src/pipeline/manifest.js';

const entry = (over: Partial<RunEntry> = {}): RunEntry => ({
  input: '/in/a.pdf',
  status: 'done',
  outputs: ['a.txt'],
  pages: 1,
  seconds: 1,
  inputHash: 'h',
  optionsHash: 'o',
  ...over,
});

describe('run report', () => {
  it('hashes file content, not names', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-manifest-'));
    await writeFile(path.join(dir, 'a'), 'same');
    await writeFile(path.join(dir, 'b'), 'same');
    await writeFile(path.join(dir, 'c'), 'other');
    expect(await hashFile(path.join(dir, 'a'))).toBe(await hashFile(path.join(dir, 'b')));
    expect(await hashFile(path.join(dir, 'a'))).not.toBe(await hashFile(path.join(dir, 'c')));
  });

  it('counts an input as up to date only with the same bytes, options and all outputs present', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-manifest-'));
    await writeFile(path.join(dir, 'a.txt'), 'x');
    expect(await isUpToDate(entry(), 'h', 'o', dir)).toBe(true);
    expect(await isUpToDate(entry(), 'h2', 'o', dir)).toBe(false);
    expect(await isUpToDate(entry(), 'h', 'o2', dir)).toBe(false);
    expect(await isUpToDate(entry({ status: 'failed' }), 'h', 'o', dir)).toBe(false);
    expect(await isUpToDate(entry({ outputs: ['a.txt', 'a.json'] }), 'h', 'o', dir)).toBe(false);
    expect(await isUpToDate(undefined, 'h', 'o', dir)).toBe(false);
  });

  it('rewrites the whole report after each entry, replacing an earlier entry for the same input', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-manifest-'));
    const file = path.join(dir, 'run-report.json');
    const writer = await RunJournal.open(dir, { tool: 'vnocr', version: '0', startedAt: '', options: {}, skipped: [] });
    await Promise.all([writer.record(entry()), writer.record(entry({ input: '/in/b.pdf' }))]);
    await writer.record(entry({ status: 'failed', error: 'broken' }));
    const report = await readRunReport(dir);
    expect(report?.entries.map((e) => [e.input, e.status])).toEqual([
      ['/in/a.pdf', 'failed'],
      ['/in/b.pdf', 'done'],
    ]);
    expect(JSON.parse(await readFile(file, 'utf8')).entries).toHaveLength(2);
  });

  it('keeps an entry recorded while the journal folder is being read', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-manifest-'));
    const writer = await RunJournal.open(dir, { tool: 'vnocr', version: '0', startedAt: '', options: {}, skipped: [] });
    for (let i = 0; i < 200; i++) await writer.add(entry({ input: `/in/${i}.pdf` }));
    // The first flush reads the folder back (it has never looked); the entry recorded meanwhile must survive it.
    await Promise.all([writer.flush(), writer.add(entry({ input: '/in/late.pdf' }))]);
    await writer.flush();
    const written = JSON.parse(await readFile(path.join(dir, 'run-report.json'), 'utf8')) as { entries: RunEntry[] };
    expect(written.entries.map((e) => e.input)).toContain('/in/late.pdf');
    expect(written.entries).toHaveLength(201);
  });

  it('treats an unreadable report as no report', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vnocr-manifest-'));
    await writeFile(path.join(dir, 'run-report.json'), '{ truncated');
    expect(await readRunReport(dir)).toBeUndefined();
  });
});
