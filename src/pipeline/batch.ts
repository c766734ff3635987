// The batch runner: every input through processInput, a few at a time, resumable and atomic. One output folder
// is written by one run at a time (a lock), its report is a journal (manifest.ts), and no input, however bad,
// stops the others; only a full disk stops the batch taking new inputs, since every later write would fail too.
import { access, constants, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { reasonOf, UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { isNoSpace, realIo, removeStaleTemps, type WriteIo } from './atomic.js';
import { discoverInputs, type BatchInput } from './inputs.js';
import { acquireRunLock } from './lock.js';
import { hashOptions, RunJournal, RUN_REPORT_NAME, STATE_DIR, type RunEntry } from './manifest.js';
import type { RunOptions } from './options.js';
import { pagesInFlight } from '../ocr/index.js';
import { noOutputReason } from '../output/index.js';
import { processInput } from './process-input.js';
import type { Progress } from './progress.js';
import { createStages, type Stages } from './stages.js';

export interface BatchSummary {
  done: number;
  /** Inputs written, with pages that could not be read (each named in the entry's warnings). */
  warnings: number;
  unchanged: number;
  failed: number;
  skipped: number;
  /** Inputs not started because the disk filled up: a rerun does them. */
  notStarted: number;
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

/** Path options are checked before any work: a mistyped --model must not show up after hours of OCR. */
export async function checkPathOptions(outDir: string, options: RunOptions): Promise<void> {
  if (outDir.trim() === '') throw new UsageError('-o, --output must name a folder (got "")');
  if (options.model !== undefined) {
    const info = await stat(options.model).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`--model ${options.model}: ${info ? 'not a file' : 'no such file'}`);
    await access(options.model, constants.R_OK).catch(() => {
      throw new UsageError(`--model ${options.model}: cannot be read (permission denied)`);
    });
  }
}

export async function runBatch(args: string[], outDir: string, options: RunOptions, progress: Progress, io: WriteIo = realIo): Promise<BatchSummary> {
  const started = Date.now();
  await checkPathOptions(outDir, options);
  const absOut = path.resolve(outDir);
  await ensureWritableFolder(absOut);
  const { inputs, skipped, failed, notices } = await discoverInputs(args, { outDir: absOut });
  const release = await acquireRunLock(absOut);
  try {
    skipped.forEach((s) => progress.notice(`skipped ${s.file}: ${s.reason}`));
    notices.forEach((n) => progress.notice(n));
    for (const input of inputs) {
      for (const reason of options.formats.map((f) => noOutputReason(f, input.file))) if (reason) progress.notice(`${input.file}: ${reason}`);
    }
    const stale = await removeStaleTemps(absOut);
    if (stale > 0) progress.notice(`removed ${stale} temporary file(s) left by an earlier run that was killed`);

    const optionsHash = hashOptions(options, VERSION);
    const header = { tool: 'vnocr' as const, version: VERSION, startedAt: new Date(started).toISOString(), options: { ...options }, skipped };
    const journal = await RunJournal.open(absOut, header, (w) => progress.notice(w), io);
    await journal.flush();

    let stages: Stages | undefined;
    const getStages = () => (stages ??= createStages(options, inputs.length));
    const counts = { done: 0, warnings: 0, unchanged: 0, failed: 0, notStarted: 0 };
    let diskFull = false;

    let viewError = false;
    const record = async (entry: RunEntry): Promise<void> => {
      try {
        await journal.add(entry);
      } catch (error) {
        if (isNoSpace(error)) diskFull = true;
        // Unrecorded, the input is done again by the next run: say it failed, whatever was written.
        entry = { ...entry, status: 'failed', error: `its report entry cannot be written (${reasonOf(error)}): free space and rerun` };
      }
      counts[entry.status === 'done-with-warnings' ? 'warnings' : entry.status]++;
      await journal.flush().catch((error) => {
        if (isNoSpace(error)) diskFull = true;
        // The journal holds the entry; the merged view catches up at the next write that succeeds.
        if (!viewError) progress.notice(`cannot rewrite ${RUN_REPORT_NAME} (${reasonOf(error)}); the entries are kept in ${path.join(absOut, STATE_DIR)}`);
        viewError = true;
      });
      progress.done(entry);
    };

    for (const f of failed) await record({ input: f.file, status: 'failed', outputs: [], pages: 0, seconds: 0, error: f.reason, optionsHash });

    const processOne = async (input: BatchInput): Promise<void> => {
      if (diskFull) {
        counts.notStarted++;
        return;
      }
      const previous = journal.entry(input.file);
      const { entry, cause } = await processInput(input, absOut, getStages, options, optionsHash, previous, (page) => progress.page(input.file, page), io);
      if (isNoSpace(cause)) diskFull = true;
      await record(entry);
    };

    progress.start(inputs.length);
    // Every file holds at least one page: as many files in flight as pages, so workers never wait for a decode.
    const limit = pLimit(pagesInFlight(options.jobs));
    try {
      await Promise.all(inputs.map((input) => limit(() => processOne(input))));
    } finally {
      await stages?.close();
    }
    journal.header.finishedAt = new Date().toISOString();
    await journal.flush().catch((error) => viewError || progress.notice(`cannot rewrite ${RUN_REPORT_NAME}: ${reasonOf(error)}`));
    if (diskFull) {
      progress.notice(`the disk holding ${absOut} is full: the batch stopped taking new inputs (${counts.notStarted} not started). Free space and rerun the same command: finished inputs are kept`);
    }
    const seconds = (Date.now() - started) / 1000;
    progress.finish({ ...counts, seconds });
    return { ...counts, skipped: skipped.length, seconds, reportFile: path.join(absOut, RUN_REPORT_NAME) };
  } finally {
    await release();
  }
}
