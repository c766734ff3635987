// The run report (out/run-report.json): one entry per input, rewritten atomically after each input,
// so a killed run leaves a true record and a rerun knows what is already done.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { RunOptions } from './options.js';

export const RUN_REPORT_NAME = 'run-report.json';

export type EntryStatus = 'done' | 'failed' | 'unchanged';

export interface RunEntry {
  input: string;
  status: EntryStatus;
  outputs: string[];
  pages: number;
  seconds: number;
  error?: string;
  inputHash?: string;
  optionsHash: string;
}

export interface RunReport {
  tool: 'vnocr';
  version: string;
  startedAt: string;
  finishedAt?: string;
  options: Record<string, unknown>;
  entries: RunEntry[];
  skipped: { file: string; reason: string }[];
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Only the options that change what is written; --jobs or --force do not. */
export function hashOptions(options: RunOptions, version: string): string {
  const { formats, textLayer, preprocess, restore, toneStyle, mode, model } = options;
  const relevant = { version, formats: [...formats].sort(), textLayer, preprocess, restore, toneStyle, mode, model: model ?? null };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

export async function readRunReport(outDir: string): Promise<RunReport | undefined> {
  try {
    const report = JSON.parse(await readFile(path.join(outDir, RUN_REPORT_NAME), 'utf8')) as RunReport;
    return Array.isArray(report.entries) ? report : undefined;
  } catch {
    return undefined;
  }
}

/** True when an earlier run wrote every output of this input from the same bytes and options. */
export async function isUpToDate(previous: RunEntry | undefined, inputHash: string, optionsHash: string, outDir: string): Promise<boolean> {
  if (!previous || (previous.status !== 'done' && previous.status !== 'unchanged')) return false;
  if (previous.inputHash !== inputHash || previous.optionsHash !== optionsHash) return false;
  const present = await Promise.all(previous.outputs.map((o) => access(path.join(outDir, o)).then(() => true, () => false)));
  return present.every(Boolean);
}

/** Serialises writes of the report: entries finish concurrently, the file is written one at a time. */
export class RunReportWriter {
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    readonly report: RunReport,
  ) {}

  record(entry: RunEntry): Promise<void> {
    const i = this.report.entries.findIndex((e) => e.input === entry.input);
    if (i >= 0) this.report.entries[i] = entry;
    else this.report.entries.push(entry);
    return this.flush();
  }

  flush(): Promise<void> {
    const text = `${JSON.stringify(this.report, null, 2)}\n`;
    this.pending = this.pending.then(() => writeFileAtomic(this.file, text));
    return this.pending;
  }
}
