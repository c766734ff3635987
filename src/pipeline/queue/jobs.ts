// What a queued document is: its job's data, an id that only the same work shares, and how its failures are retried.
import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { BatchInput } from '../inputs.js';
import type { RunOptions } from '../options.js';

export const QUEUE_NAME = 'documents';
/** Key prefix in Redis: the queue's keys start with `vnocr:documents:`. */
export const QUEUE_PREFIX = 'vnocr';

export interface DocumentJob {
  input: BatchInput;
  /** Absolute output folder, the same path on every worker (a shared mount). */
  outDir: string;
  options: RunOptions;
  /** hashOptions(options, version of the submitter): a worker of another version refuses the job. */
  optionsHash: string;
  inputHash: string;
  version: string;
}

/**
 * One id per (output folder, input, content, options): submitting the same work twice adds nothing, while a changed
 * file or other options make new work. Prefixed so that it is never all digits (BullMQ keeps those for its own ids).
 */
export function jobIdOf(outDir: string, file: string, inputHash: string, optionsHash: string): string {
  return `d${createHash('sha256').update(JSON.stringify([outDir, file, inputHash, optionsHash])).digest('hex').slice(0, 40)}`;
}

/** Tries of a job whose error can pass (a full disk, a flaky mount), spaced 10 s, 20 s, 40 s, 80 s, 160 s apart. */
export const ATTEMPTS = 6;
const FIRST_RETRY_MS = 10_000;
/** Finished jobs kept in Redis for `status` (about 2 KB each); the output folder's report keeps every entry. */
const KEEP_FINISHED = 100_000;

export const JOB_OPTIONS: JobsOptions = {
  attempts: ATTEMPTS,
  backoff: { type: 'exponential', delay: FIRST_RETRY_MS },
  removeOnComplete: { count: KEEP_FINISHED },
  removeOnFail: { count: KEEP_FINISHED },
};

/** Errors of the machine or the storage, not of the document: another try, later, may succeed. */
const TRANSIENT_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'ENOMEM', 'ESTALE', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']);

export function isTransient(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  }
  return false;
}
