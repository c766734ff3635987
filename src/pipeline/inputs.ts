// Finds the inputs of a batch and gives each one its own place in the output tree. Nothing found here can stop
// the batch: a folder that cannot be read, a path too long, a FIFO or a device each become one failed entry.
import { readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { RUN_REPORT_NAME } from './manifest.js';

export const SUPPORTED_EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp', '.txt'] as const;

export interface BatchInput {
  /** Absolute path of the input file. */
  file: string;
  /** Output path without extension, relative to the output folder: `x/a` for `in/x/a.pdf`. */
  outputStem: string;
}

export interface Discovery {
  inputs: BatchInput[];
  /** Files passed over (unsupported types), each with a one-line reason. */
  skipped: { file: string; reason: string }[];
  /** Arguments and files that cannot be inputs (missing, unreadable, not regular files): each a failed entry. */
  failed: { file: string; reason: string }[];
  /** Visible notices such as renamed outputs. */
  notices: string[];
}

export interface DiscoverOptions {
  /** The output folder: never walked into, and never allowed to put an output on an input. */
  outDir?: string;
}

function isSupported(file: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

const CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'path too long for the file system',
  ELOOP: 'too many levels of symbolic links',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EIO: 'input/output error',
};

/** One short reason for a file system error. */
function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return CODES[code] ? `${CODES[code]} (${code})` : (error as Error).message.split('\n')[0]!;
}

/** What a file is when it is not a regular file or a folder: such files are never opened (a FIFO would hang). */
function oddKind(info: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string | undefined {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return undefined;
}

interface Walk {
  walked: Set<string>;
  outReal?: string;
  files: string[];
  failed: Discovery['failed'];
  notices: string[];
}

/**
 * The files under `dir`. Symbolic links are followed (archives often link scans in from elsewhere); a folder
 * already walked, through a link back up the tree for one, is not walked again, and neither is the output folder.
 * A broken link is kept as a file, so that the batch reports it rather than passing over it in silence.
 */
async function walk(dir: string, w: Walk): Promise<void> {
  let real: string;
  let entries;
  try {
    real = await realpath(dir);
    if (w.walked.has(real)) return;
    w.walked.add(real);
    if (real === w.outReal) {
      w.notices.push(`passed over ${dir}: it is the output folder`);
      return;
    }
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    w.failed.push({ file: dir, reason: `cannot read folder: ${fsReason(error)}` });
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    let target: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'> | undefined = entry;
    if (entry.isSymbolicLink()) {
      try {
        target = await stat(full);
      } catch (error) {
        // A broken link goes on as a file, to be reported as one; a link that cannot be followed fails here.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          w.failed.push({ file: full, reason: fsReason(error) });
          continue;
        }
        target = undefined;
      }
    }
    if (target?.isDirectory()) await walk(full, w);
    else if (!target || target.isFile()) w.files.push(full);
    else w.failed.push({ file: full, reason: `not a regular file: ${oddKind(target)}` });
  }
}

async function realOrSelf(file: string): Promise<string> {
  return realpath(file).catch(() => file);
}

/**
 * Expands files and folders (recursively) into inputs. A file named on the command line sits at the
 * top of the output tree; a folder's files keep their paths relative to that folder. With `outDir`, refuses
 * (UsageError) an output folder that is an input folder, or whose outputs would land on an input or inside a
 * folder being read (the next run would read them back).
 */
export async function discoverInputs(args: string[], options: DiscoverOptions = {}): Promise<Discovery> {
  const outReal = options.outDir ? await realOrSelf(path.resolve(options.outDir)) : undefined;
  const w: Walk = { walked: new Set(), outReal, files: [], failed: [], notices: [] };
  const found: { file: string; relative: string }[] = [];
  const folders: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(arg);
    let info: Stats;
    try {
      info = await stat(abs);
    } catch (error) {
      w.failed.push({ file: abs, reason: fsReason(error) });
      continue;
    }
    if (info.isDirectory()) {
      const real = await realOrSelf(abs);
      if (real === outReal) throw new UsageError(`output folder ${options.outDir} is the input folder ${arg}: its outputs would replace inputs; choose another -o`);
      folders.push(real);
      w.files = [];
      await walk(abs, w);
      for (const file of w.files) found.push({ file, relative: path.relative(abs, file) });
    } else if (info.isFile()) {
      found.push({ file: abs, relative: path.basename(abs) });
    } else {
      w.failed.push({ file: abs, reason: `not a regular file: ${oddKind(info)}` });
    }
  }
  const inputs: BatchInput[] = [];
  const skipped: Discovery['skipped'] = [];
  for (const { file, relative } of found) {
    if (isSupported(file)) inputs.push({ file, outputStem: stripExtension(relative) });
    else skipped.push({ file, reason: `unsupported file type "${path.extname(file) || '(none)'}" (supported: ${SUPPORTED_EXTENSIONS.join(' ')})` });
  }
  const unique = dedupe(inputs);
  const notices = [...w.notices, ...resolveClashes(unique)];
  if (outReal) await refuseOverlap(unique, outReal, folders);
  return { inputs: unique, skipped, failed: dedupeFailed(w.failed), notices };
}

function stripExtension(relative: string): string {
  return relative.slice(0, relative.length - path.extname(relative).length);
}

function dedupe(inputs: BatchInput[]): BatchInput[] {
  const seen = new Set<string>();
  return inputs.filter((input) => !seen.has(input.file) && seen.add(input.file));
}

function dedupeFailed(failed: Discovery['failed']): Discovery['failed'] {
  const seen = new Set<string>();
  return failed.filter((f) => !seen.has(f.file) && seen.add(f.file));
}

/** Output stems compared as a case-insensitive file system would: `A.txt` and `a.txt` are one file there. */
const key = (stem: string) => stem.toLowerCase();
/** Stems vnocr's own files use: an input called `run-report.pdf` must not write over the report. */
const RESERVED = new Set([key(path.parse(RUN_REPORT_NAME).name)]);

/**
 * Gives every input its own output stem, over the whole batch. `a.pdf` beside `a.png` would both write `a.txt`:
 * both keep their extension (`a.pdf.txt`, `a.png.txt`). A name so made can clash again (with an input called
 * `a.pdf.txt`, or `A.pdf` beside `a.pdf`): inputs whose own stem is free keep it, and the others get `~2`, `~3`.
 */
function resolveClashes(inputs: BatchInput[]): string[] {
  const byStem = new Map<string, BatchInput[]>();
  for (const input of inputs) byStem.set(key(input.outputStem), [...(byStem.get(key(input.outputStem)) ?? []), input]);
  const renamed = new Set<BatchInput>();
  for (const [stem, group] of byStem) {
    if (group.length < 2 && !RESERVED.has(stem)) continue;
    for (const input of group) {
      input.outputStem = `${input.outputStem}${path.extname(input.file)}`;
      renamed.add(input);
    }
  }
  const taken = new Set<string>(RESERVED);
  for (const input of inputs) if (!renamed.has(input)) taken.add(key(input.outputStem));
  const notices: string[] = [];
  for (const input of renamed) {
    let stem = input.outputStem;
    for (let n = 2; taken.has(key(stem)); n++) stem = `${input.outputStem}~${n}`;
    input.outputStem = stem;
    taken.add(key(stem));
    notices.push(`${input.file}: output renamed to ${stem}.* because another input has the same name`);
  }
  return notices;
}

/** Every format an output may be written in: checked all, so that no choice of --formats lands on an input. */
const ALL_FORMATS = ['txt', 'json', 'md'];

async function refuseOverlap(inputs: BatchInput[], outReal: string, folders: string[]): Promise<void> {
  const inputPaths = new Map<string, string>();
  for (const input of inputs) inputPaths.set(key(await realOrSelf(input.file)), input.file);
  // An output folder inside an input folder is passed over by the walk: its outputs are not read back.
  const readBack = folders.filter((f) => outReal !== f && !outReal.startsWith(f + path.sep));
  for (const input of inputs) {
    for (const format of ALL_FORMATS) {
      const output = path.join(outReal, `${input.outputStem}.${format}`);
      const clash = inputPaths.get(key(output));
      if (clash) throw new UsageError(`output ${output} of ${input.file} would replace the input ${clash}: choose another -o`);
      const inside = readBack.find((f) => output.startsWith(f + path.sep));
      if (inside) throw new UsageError(`output ${output} of ${input.file} would land inside the input folder ${inside} and be read back next run: choose another -o`);
    }
  }
}
