// `vnocr submit`: one job per input document, for workers on any machine that sees the same paths. Inputs already
// done with the same bytes and options are passed over, and work already in the queue is not added twice.
// With `wait`, it follows the jobs to their end and reports them as `vnocr run` does.
import path from 'node:path';
import pLimit from 'p-limit';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { VERSION } from '../../version.js';
import { checkPathOptions, ensureWritableFolder, type BatchSummary } from '../batch.js';
import { discoverInputs, type BatchInput } from '../inputs.js';
import { hashFile, hashOptions, isUpToDate, RunJournal, RUN_REPORT_NAME, type RunEntry } from '../manifest.js';
import type { RunOptions } from '../options.js';
import type { Progress } from '../progress.js';
import { reasonOf } from '../../errors.js';
import { jobIdOf, JOB_OPTIONS, QUEUE_NAME, QUEUE_PREFIX, type DocumentJob } from './jobs.js';
import { checkRedis, connectionOptions } from './redis.js';

/** Files read for their hash at once: enough to keep a network mount busy. */
const HASHING = 4;
/** How often `wait` asks the queue for the jobs it has not heard of, in case an event was missed. */
const RECHECK_MS = 5000;
const RECHECK_JOBS = 200;

export interface SubmitSummary extends BatchSummary {
  /** Jobs added by this submit. */
  queued: number;
  /** Jobs that were already waiting or in hand for the same work. */
  alreadyQueued: number;
}

type Outcome = { kind: 'queued'; id: string; file: string } | { kind: 'entry'; entry: RunEntry };

export async function submitBatch(args: string[], outDir: string, options: RunOptions, redis: string, wait: boolean, progress: Progress): Promise<SubmitSummary> {
  const started = Date.now();
  await checkPathOptions(outDir, options);
  const absOut = path.resolve(outDir);
  await ensureWritableFolder(absOut);
  await checkRedis(redis);
  // Every worker must find the model where the submitter does.
  const jobOptions: RunOptions = { ...options, model: options.model && path.resolve(options.model) };
  const { inputs, skipped, failed, notices } = await discoverInputs(args, { outDir: absOut });
  skipped.forEach((s) => progress.notice(`skipped ${s.file}: ${s.reason}`));
  notices.forEach((n) => progress.notice(n));

  const optionsHash = hashOptions(jobOptions, VERSION);
  // Workers record their documents' entries in the same journal; this process records what it settles itself.
  const header = { tool: 'vnocr' as const, version: VERSION, startedAt: new Date(started).toISOString(), options: { ...jobOptions }, skipped };
  const journal = await RunJournal.open(absOut, header, (w) => progress.notice(w));
  const previous = new Map(journal.entries().map((e) => [e.input, e]));

  const connection = connectionOptions(redis, (line) => progress.notice(line));
  const queue = new Queue<DocumentJob, RunEntry>(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  // Listening before adding: a job done in the meantime is still heard of.
  const events = wait ? new QueueEvents(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX }) : undefined;
  await events?.waitUntilReady();

  const counts = { done: 0, warnings: 0, unchanged: 0, failed: 0, notStarted: 0, queued: 0, alreadyQueued: 0 };
  const count = (entry: RunEntry) => {
    counts[entry.status === 'done-with-warnings' ? 'warnings' : entry.status]++;
    progress.done(entry);
  };
  /** An entry this process settles (a failed or unchanged input); those of queued documents are their workers'. */
  const settled = async (entry: RunEntry) => {
    await journal.add(entry);
    count(entry);
  };

  /** Adds the job unless the same work is waiting or in hand; a finished one (its outputs since lost, or failed) is replaced. */
  const enqueue = async (input: BatchInput, inputHash: string): Promise<string> => {
    const id = jobIdOf(absOut, input.file, inputHash, optionsHash);
    const existing = await queue.getJob(id);
    const state = existing ? await existing.getState() : 'unknown';
    if (state === 'completed' || state === 'failed') await existing!.remove();
    else if (state !== 'unknown') {
      counts.alreadyQueued++;
      return id;
    }
    const data: DocumentJob = { input, outDir: absOut, options: jobOptions, optionsHash, inputHash, version: VERSION };
    await queue.add('document', data, { ...JOB_OPTIONS, jobId: id });
    counts.queued++;
    return id;
  };

  const submitOne = async (input: BatchInput): Promise<Outcome> => {
    let inputHash: string;
    try {
      inputHash = await hashFile(input.file);
    } catch (error) {
      return { kind: 'entry', entry: { input: input.file, status: 'failed', outputs: [], pages: 0, seconds: 0, error: reasonOf(error), optionsHash } };
    }
    const before = previous.get(input.file);
    if (!options.force && (await isUpToDate(before, inputHash, optionsHash, absOut))) {
      return { kind: 'entry', entry: { ...before!, status: 'unchanged', seconds: 0 } };
    }
    return { kind: 'queued', id: await enqueue(input, inputHash), file: input.file };
  };

  try {
    progress.start(inputs.length + failed.length);
    for (const f of failed) await settled({ input: f.file, status: 'failed', outputs: [], pages: 0, seconds: 0, error: f.reason, optionsHash });
    const limit = pLimit(HASHING);
    const pending = new Map<string, string>();
    await Promise.all(
      inputs.map((input) =>
        limit(async () => {
          const outcome = await submitOne(input);
          if (outcome.kind === 'entry') await settled(outcome.entry);
          else pending.set(outcome.id, outcome.file);
        }),
      ),
    );
    if (events) await follow(queue, events, pending, optionsHash, async (entry) => count(entry), progress);
  } finally {
    await events?.close();
    await queue.close();
  }
  if (wait) journal.header.finishedAt = new Date().toISOString();
  // run-report.json as the journal now stands: with `wait`, every document's entry.
  await journal.flush();
  const seconds = (Date.now() - started) / 1000;
  if (wait) progress.finish({ ...counts, seconds });
  else progress.notice(`${counts.queued} queued, ${counts.alreadyQueued} already in the queue, ${counts.unchanged} unchanged, ${counts.failed} failed: vnocr status shows how they go`);
  return { ...counts, skipped: skipped.length, seconds, reportFile: path.join(absOut, RUN_REPORT_NAME) };
}

/** The entry a finished job stands for: its worker's entry, or a failure with the job's last reason. */
function entryOf(job: Job<DocumentJob, RunEntry> | undefined, file: string, optionsHash: string, state: string): RunEntry | undefined {
  if (state === 'completed' && job?.returnvalue) return job.returnvalue;
  if (state === 'failed' || state === 'unknown') {
    const error = state === 'unknown' ? 'its job was removed from the queue before it finished' : (job?.failedReason ?? 'failed in the queue');
    return { input: file, status: 'failed', outputs: [], pages: 0, seconds: 0, error, optionsHash };
  }
  return undefined;
}

/** Waits until every job in `pending` (id -> input file) has finished, reporting each as it does. */
async function follow(
  queue: Queue<DocumentJob, RunEntry>,
  events: QueueEvents,
  pending: Map<string, string>,
  optionsHash: string,
  finished: (entry: RunEntry) => Promise<void>,
  progress: Progress,
): Promise<void> {
  if (pending.size === 0) return;
  let heardAt = Date.now();
  let settle: () => void;
  const allDone = new Promise<void>((resolve) => (settle = resolve));
  const conclude = async (id: string, state: string) => {
    heardAt = Date.now();
    const file = pending.get(id);
    if (file === undefined) return;
    const entry = entryOf(await queue.getJob(id), file, optionsHash, state);
    if (!entry || !pending.delete(id)) return;
    await finished(entry);
    if (pending.size === 0) settle();
  };
  events.on('progress', ({ jobId, data }) => {
    const file = pending.get(jobId);
    if (file !== undefined && typeof data === 'object' && data !== null && 'page' in data) progress.page(file, Number(data.page));
  });
  events.on('completed', ({ jobId }) => void conclude(jobId, 'completed'));
  events.on('failed', ({ jobId }) => void conclude(jobId, 'failed'));
  // Events can be missed (a lost connection, a trimmed stream): after a quiet while, the queue is asked about the
  // oldest jobs still pending (jobs are taken in the order they were added).
  const recheck = setInterval(() => {
    if (Date.now() - heardAt < RECHECK_MS) return;
    for (const id of [...pending.keys()].slice(0, RECHECK_JOBS)) void queue.getJobState(id).then((state) => conclude(id, state), () => undefined);
  }, RECHECK_MS);
  try {
    await allDone;
  } finally {
    clearInterval(recheck);
  }
}
