// One input of a batch into the output folder: its outputs written atomically, and the entry that records it.
// Shared by `vnocr run` (runBatch) and the queue's workers, so both write the same files the same way.
import { readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { reasonOf } from '../errors.js';
import { isNoSpace, realIo, safeFolders, writeFilesAtomic, type WriteIo } from './atomic.js';
import { processDocument } from './document.js';
import type { BatchInput } from './inputs.js';
import { hashFile, isUpToDate, type RunEntry } from './manifest.js';
import type { RunOptions } from './options.js';
import type { OutputPart } from '../types.js';
import type { Stages } from './stages.js';

export interface InputResult {
  entry: RunEntry;
  /** What was thrown when the entry failed: a caller may retry an error that can pass (a full disk: isNoSpace). */
  cause?: unknown;
}

/** Why an input failed. A broken symbolic link fails to open like a missing file: say which it is. */
async function failureReason(file: string, error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    const target = await readlink(file).catch(() => undefined);
    if (target !== undefined) return `broken symbolic link: its target ${target} does not exist`;
  }
  if (isNoSpace(error)) return `no space left to write its outputs (${code}): free space and rerun`;
  return reasonOf(error);
}

/** Writes an input's outputs, all or none; returns their paths relative to the output folder. */
async function writeOutputs(outDir: string, input: BatchInput, outputs: Record<string, string | OutputPart[]>, io: WriteIo): Promise<string[]> {
  const files = Object.entries(outputs).map(([ending, content]) => {
    const data = typeof content === 'string' ? content : content.map((part) => (part instanceof Uint8Array ? Buffer.from(part.buffer, part.byteOffset, part.byteLength) : part));
    return { relative: `${input.outputStem}.${ending}`, file: path.join(outDir, `${input.outputStem}.${ending}`), data };
  });
  for (const f of files) await safeFolders(outDir, f.file);
  await writeFilesAtomic(files, io);
  return files.map((f) => f.relative);
}

/** What identifies a file's content cheaply: if any of it moves while the file is read, the reading is not trusted. */
async function fingerprint(file: string): Promise<string> {
  const s = await stat(file);
  return `${s.size}:${s.mtimeMs}:${s.ino}`;
}

/**
 * Processes one input into `outDir` (absolute) unless `previous`, its entry from an earlier run, shows it is up to
 * date. Never throws: a failure is a failed entry with its one-line reason. `stages` is called only when there is work.
 * Pages that could not be read, and outputs that could not be made, make the entry `done-with-warnings`, each named in `warnings`.
 */
export async function processInput(
  input: BatchInput,
  outDir: string,
  stages: () => Stages,
  options: RunOptions,
  optionsHash: string,
  previous?: RunEntry,
  onPage?: (page: number) => void,
  io: WriteIo = realIo,
): Promise<InputResult> {
  const t0 = Date.now();
  let result: InputResult;
  let inputHash: string | undefined;
  try {
    const before = await fingerprint(input.file);
    inputHash = await hashFile(input.file);
    if (!options.force && (await isUpToDate(previous, inputHash, optionsHash, outDir))) {
      result = { entry: { ...previous!, status: 'unchanged', seconds: 0, recordedAt: undefined } };
    } else {
      const document = await processDocument(input.file, stages(), options, (page) => onPage?.(page.page));
      if ((await fingerprint(input.file)) !== before) throw new Error('the file changed while it was being read: rerun when it is complete');
      const outputs = await writeOutputs(outDir, input, document.outputs, io);
      const warnings = [...document.pages.filter((p) => p.warning).map((p) => `page ${p.page}: ${p.warning}`), ...document.warnings];
      const entry: RunEntry = { input: input.file, status: warnings.length ? 'done-with-warnings' : 'done', outputs, pages: document.pages.length, seconds: 0, inputHash, optionsHash };
      if (warnings.length) entry.warnings = warnings;
      result = { entry };
    }
  } catch (error) {
    const reason = await failureReason(input.file, error);
    result = { entry: { input: input.file, status: 'failed', outputs: [], pages: 0, seconds: 0, error: reason, inputHash, optionsHash }, cause: error };
  }
  result.entry.seconds = (Date.now() - t0) / 1000;
  return result;
}
