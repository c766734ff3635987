// One input of a batch into the output folder: its outputs written atomically, and the entry that records it.
// Shared by `vnocr run` (runBatch) and the queue's workers, so both write the same files the same way.
import { mkdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { reasonOf } from '../errors.js';
import { processDocument } from './document.js';
import type { BatchInput } from './inputs.js';
import { hashFile, isUpToDate, type RunEntry } from './manifest.js';
import type { RunOptions } from './options.js';
import type { Stages } from './stages.js';

export interface InputResult {
  entry: RunEntry;
  /** What was thrown when the entry failed: a caller may retry an error that can pass (a full disk). */
  cause?: unknown;
}

/** Why an input failed. A broken symbolic link fails to open like a missing file: say which it is. */
async function failureReason(file: string, error: unknown): Promise<string> {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    const target = await readlink(file).catch(() => undefined);
    if (target !== undefined) return `broken symbolic link: its target ${target} does not exist`;
  }
  return reasonOf(error);
}

async function writeOutputs(outDir: string, input: BatchInput, outputs: Record<string, string | Uint8Array>): Promise<string[]> {
  const written: string[] = [];
  for (const [ending, content] of Object.entries(outputs)) {
    const relative = `${input.outputStem}.${ending}`;
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFileAtomic(target, typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    written.push(relative);
  }
  return written;
}

/**
 * Processes one input into `outDir` (absolute) unless `previous`, its entry from an earlier run, shows it is up to
 * date. Never throws: a failure is a failed entry with its one-line reason. `stages` is called only when there is work.
 */
export async function processInput(
  input: BatchInput,
  outDir: string,
  stages: () => Stages,
  options: RunOptions,
  optionsHash: string,
  previous?: RunEntry,
  onPage?: (page: number) => void,
): Promise<InputResult> {
  const t0 = Date.now();
  let result: InputResult;
  let inputHash: string | undefined;
  try {
    inputHash = await hashFile(input.file);
    if (!options.force && (await isUpToDate(previous, inputHash, optionsHash, outDir))) {
      result = { entry: { ...previous!, status: 'unchanged', seconds: 0 } };
    } else {
      const document = await processDocument(input.file, stages(), options, (page) => onPage?.(page.page));
      const outputs = await writeOutputs(outDir, input, document.outputs);
      result = { entry: { input: input.file, status: 'done', outputs, pages: document.pages.length, seconds: 0, inputHash, optionsHash } };
    }
  } catch (error) {
    const reason = await failureReason(input.file, error);
    result = { entry: { input: input.file, status: 'failed', outputs: [], pages: 0, seconds: 0, error: reason, inputHash, optionsHash }, cause: error };
  }
  result.entry.seconds = (Date.now() - t0) / 1000;
  return result;
}
