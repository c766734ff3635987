// `vnocr worker`: takes documents from the queue and processes them as `vnocr run` does, into the output folder
// each job names (a path every worker sees). Delivery is at least once: a worker that dies leaves its jobs to be
// taken again by another once their lock runs out, and since outputs are written atomically from the same input
// and options, doing a document twice writes the same bytes.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { reasonOf } from '../../errors.js';
import { VERSION } from '../../version.js';
import { entryFile, hashOptions, recordEntry, validEntry, type RunEntry } from '../manifest.js';
import { pagesInFlight } from '../../ocr/index.js';
import type { RunOptions } from '../options.js';
import { processInput } from '../process-input.js';
import type { Progress } from '../progress.js';
import { createStages, type Stages } from '../stages.js';
import { isTransient, QUEUE_NAME, QUEUE_PREFIX, type DocumentJob } from './jobs.js';
import { checkRedis, connectionOptions } from './redis.js';

export interface WorkerSettings {
  redis: string;
  /** OCR workers, as `vnocr run --jobs`. */
  jobs: number;
  /** Documents in hand at once; by default as many as `vnocr run` keeps in flight. */
  concurrency?: number;
  /** A job whose worker has not been heard from for this long is given to another worker. */
  stallSeconds: number;
}

export interface WorkerSummary {
  done: number;
  failed: number;
  retried: number;
}

/** One set of stages per set of options, shared by the documents in hand as in one `vnocr run`. */
class StagesByOptions {
  private readonly all = new Map<string, { stages: Stages; users: number }>();

  async use<T>(key: string, options: RunOptions, work: (stages: () => Stages) => Promise<T>): Promise<T> {
    let slot = this.all.get(key);
    if (!slot) {
      // Jobs of another submission with other options: stages nobody uses any more are let go.
      for (const [other, idle] of this.all) if (idle.users === 0) this.all.delete(other) && (await idle.stages.close());
      slot = { stages: createStages(options), users: 0 };
      this.all.set(key, slot);
    }
    slot.users++;
    try {
      return await work(() => slot.stages);
    } finally {
      slot.users--;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.all.values()].map((s) => s.stages.close()));
    this.all.clear();
  }
}

/** The input's entry in the output folder's journal, if one is recorded there. */
async function recordedEntry(outDir: string, file: string): Promise<RunEntry | undefined> {
  return readFile(entryFile(outDir, file), 'utf8').then((text) => validEntry(JSON.parse(text)), () => undefined);
}

/** Runs until SIGTERM or SIGINT: then takes no more jobs, finishes those in hand and returns. A second signal ends at once. */
export async function runWorker(settings: WorkerSettings, progress: Progress): Promise<WorkerSummary> {
  await checkRedis(settings.redis);
  const summary: WorkerSummary = { done: 0, failed: 0, retried: 0 };
  const stages = new StagesByOptions();

  const processJob = async (job: Job<DocumentJob, RunEntry>): Promise<RunEntry> => {
    const { input, outDir, optionsHash, version } = job.data;
    const options: RunOptions = { ...job.data.options, jobs: settings.jobs };
    if (hashOptions(options, VERSION) !== optionsHash) {
      throw new UnrecoverableError(`submitted with vnocr ${version}, and this worker runs vnocr ${VERSION}: run workers of the submitter's version`);
    }
    progress.notice(`started ${input.file}`);
    const onPage = (page: number) => void job.updateProgress({ page }).catch(() => undefined);
    // A job taken again after its worker died may have been finished and recorded just before: then it is not redone.
    const previous = await recordedEntry(outDir, input.file);
    const { entry, cause } = await stages.use(optionsHash, options, (get) => processInput(input, outDir, get, options, optionsHash, previous, onPage));
    const tries = job.opts.attempts ?? 1;
    if (entry.status === 'failed' && isTransient(cause) && job.attemptsMade + 1 < tries) {
      summary.retried++;
      progress.notice(`${input.file}: ${entry.error} (try ${job.attemptsMade + 1} of ${tries}: it will be tried again)`);
      throw new Error(entry.error);
    }
    // Recorded by each worker in the journal, where entries of different inputs never overwrite each other.
    // An entry that cannot be written (a full disk) throws: the job is tried again.
    if (entry.status !== 'unchanged') await recordEntry(outDir, entry);
    progress.done(entry);
    if (entry.status === 'failed') {
      summary.failed++;
      // The document itself is at fault (or the last try failed): trying again would fail the same way.
      throw new UnrecoverableError(entry.error);
    }
    summary.done++;
    return entry;
  };

  const name = `${os.hostname()}:${process.pid}`;
  const worker = new Worker<DocumentJob, RunEntry>(QUEUE_NAME, processJob, {
    connection: connectionOptions(settings.redis, (line) => progress.notice(line)),
    prefix: QUEUE_PREFIX,
    concurrency: settings.concurrency ?? pagesInFlight(settings.jobs),
    lockDuration: settings.stallSeconds * 1000,
    // Every worker looks for stalled jobs; one checked twice a lock's time is taken within two locks' time.
    stalledInterval: (settings.stallSeconds * 1000) / 2,
    // A document that kills its worker each time (out of memory) fails after three tries instead of going round.
    maxStalledCount: 2,
    name,
    autorun: false,
  });
  let lastError = '';
  worker.on('error', (error) => {
    // Connection errors repeat while Redis is down; the retry strategy already says so.
    const reason = reasonOf(error);
    if (reason !== lastError && !/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|Connection is closed/.test(reason)) progress.notice(`queue: ${reason}`);
    lastError = reason;
  });

  const stop = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.once('SIGTERM', () => process.exit(143));
      process.once('SIGINT', () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  progress.notice(`worker ${name} waiting for documents (${settings.jobs} OCR worker(s), ${worker.concurrency} document(s) at a time)`);
  const running = worker.run();
  const signal = await Promise.race([stop, running.then(() => undefined)]);
  if (signal) progress.notice(`${signal}: taking no more documents; finishing those in hand (send it again to stop at once: they will be done by another worker)`);
  await worker.close();
  await running;
  await stages.close();
  progress.finish({ done: summary.done, unchanged: 0, failed: summary.failed, seconds: process.uptime() });
  return summary;
}
