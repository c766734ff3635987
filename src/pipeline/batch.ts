// The batch runner: every input through processInput, a few at a time, resumable and atomic.
import { mkdir, access, constants } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { reasonOf, UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { discoverInputs, type BatchInput } from './inputs.js';
import { hashOptions, readRunReport, RunReportWriter, RUN_REPORT_NAME, type RunEntry } from './manifest.js';
import type { RunOptions } from './options.js';
import { pagesInFlight } from '../ocr/index.js';
import { processInput } from './process-input.js';
import type { Progress } from './progress.js';
import { createStages, type Stages } from './stages.js';

export interface BatchSummary {
  done: number;
  unchanged: number;
  failed: number;
  skipped: number;
  seconds: number;
  reportFile: string;
}

export async function ensureWritableFolder(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`cannot write to output folder ${outDir}: ${reasonOf(error)}`);
  }
}

export async function runBatch(args: string[], outDir: string, options: RunOptions, progress: Progress): Promise<BatchSummary> {
  const started = Date.now();
  const absOut = path.resolve(outDir);
  await ensureWritableFolder(absOut);
  const { inputs, skipped, missing, notices } = await discoverInputs(args);
  skipped.forEach((s) => progress.notice(`skipped ${s.file}: ${s.reason}`));
  notices.forEach((n) => progress.notice(n));

  const previous = await readRunReport(absOut);
  const optionsHash = hashOptions(options, VERSION);
  const writer = new RunReportWriter(path.join(absOut, RUN_REPORT_NAME), {
    tool: 'vnocr',
    version: VERSION,
    startedAt: new Date(started).toISOString(),
    options: { ...options },
    entries: previous?.entries.filter((e) => !inputs.some((i) => i.file === e.input)) ?? [],
    skipped,
  });
  await writer.flush();

  let stages: Stages | undefined;
  const getStages = () => (stages ??= createStages(options, inputs.length));
  const counts = { done: 0, unchanged: 0, failed: 0 };
  for (const arg of missing) {
    const entry: RunEntry = { input: path.resolve(arg), status: 'failed', outputs: [], pages: 0, seconds: 0, error: 'no such file or folder', optionsHash };
    counts.failed++;
    await writer.record(entry);
    progress.done(entry);
  }

  const processOne = async (input: BatchInput): Promise<void> => {
    const before = previous?.entries.find((e) => e.input === input.file);
    const { entry } = await processInput(input, absOut, getStages, options, optionsHash, before, (page) => progress.page(input.file, page));
    counts[entry.status]++;
    await writer.record(entry);
    progress.done(entry);
  };

  progress.start(inputs.length);
  // Every file holds at least one page: as many files in flight as pages, so workers never wait for a decode.
  const limit = pLimit(pagesInFlight(options.jobs));
  try {
    await Promise.all(inputs.map((input) => limit(() => processOne(input))));
  } finally {
    await stages?.close();
  }
  writer.report.finishedAt = new Date().toISOString();
  await writer.flush();
  const seconds = (Date.now() - started) / 1000;
  progress.finish({ ...counts, seconds });
  return { ...counts, skipped: skipped.length, seconds, reportFile: path.join(absOut, RUN_REPORT_NAME) };
}
