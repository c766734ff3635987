// The batch runner: every input through processDocument, a few at a time, resumable and atomic.
import { mkdir, access, constants, readlink } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import writeFileAtomic from 'write-file-atomic';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { processDocument } from './document.js';
import { discoverInputs, type BatchInput } from './inputs.js';
import { hashFile, hashOptions, isUpToDate, readRunReport, RunReportWriter, RUN_REPORT_NAME, type RunEntry } from './manifest.js';
import type { RunOptions } from './options.js';
import { pagesInFlight } from '../ocr/index.js';
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

/** One line, whatever was thrown: the batch log shows one line per failed input. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || 'unknown error';
}

/** Why an input failed. A broken symbolic link fails to open like a missing file: say which it is. */
async function failureReason(file: string, error: unknown): Promise<string> {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    const target = await readlink(file).catch(() => undefined);
    if (target !== undefined) return `broken symbolic link: its target ${target} does not exist`;
  }
  return reasonOf(error);
}

async function ensureWritableFolder(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`cannot write to output folder ${outDir}: ${reasonOf(error)}`);
  }
}

async function writeOutputs(outDir: string, input: BatchInput, outputs: Record<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [format, content] of Object.entries(outputs)) {
    const relative = `${input.outputStem}.${format}`;
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, content);
    written.push(relative);
  }
  return written;
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
    const t0 = Date.now();
    let entry: RunEntry;
    let inputHash: string | undefined;
    try {
      inputHash = await hashFile(input.file);
      const before = previous?.entries.find((e) => e.input === input.file);
      if (!options.force && (await isUpToDate(before, inputHash, optionsHash, absOut))) {
        entry = { ...before!, status: 'unchanged', seconds: 0 };
      } else {
        const result = await processDocument(input.file, getStages(), options, (page) => progress.page(input.file, page.page));
        const outputs = await writeOutputs(absOut, input, result.outputs as Record<string, string>);
        entry = { input: input.file, status: 'done', outputs, pages: result.pages.length, seconds: 0, inputHash, optionsHash };
      }
    } catch (error) {
      entry = { input: input.file, status: 'failed', outputs: [], pages: 0, seconds: 0, error: await failureReason(input.file, error), inputHash, optionsHash };
    }
    entry.seconds = (Date.now() - t0) / 1000;
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
