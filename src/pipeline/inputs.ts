// Finds the inputs of a batch and gives each one its place in the output tree.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

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
  /** Arguments that name nothing: each one counts as a failed input. */
  missing: string[];
  /** Visible notices such as renamed outputs. */
  notices: string[];
}

function isSupported(file: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

/**
 * The files under `dir`. Symbolic links are followed (archives often link scans in from elsewhere); a folder
 * already walked, through a link back up the tree for one, is not walked again. A broken link is kept as a
 * file, so that the batch reports it rather than passing over it in silence.
 */
async function walk(dir: string, walked = new Set<string>()): Promise<string[]> {
  const real = await realpath(dir);
  if (walked.has(real)) return [];
  walked.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const target = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : entry;
    if (target?.isDirectory()) files.push(...(await walk(full, walked)));
    else if (!target || target.isFile()) files.push(full);
  }
  return files;
}

/**
 * Expands files and folders (recursively) into inputs. A file named on the command line sits at the
 * top of the output tree; a folder's files keep their paths relative to that folder.
 */
export async function discoverInputs(args: string[]): Promise<Discovery> {
  const found: { file: string; relative: string }[] = [];
  const skipped: Discovery['skipped'] = [];
  const missing: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(arg);
    const info = await stat(abs).catch(() => undefined);
    if (!info) {
      missing.push(arg);
    } else if (info.isDirectory()) {
      for (const file of await walk(abs)) found.push({ file, relative: path.relative(abs, file) });
    } else {
      found.push({ file: abs, relative: path.basename(abs) });
    }
  }
  const inputs: BatchInput[] = [];
  for (const { file, relative } of found) {
    if (isSupported(file)) inputs.push({ file, outputStem: stripExtension(relative) });
    else skipped.push({ file, reason: `unsupported file type "${path.extname(file) || '(none)'}" (supported: ${SUPPORTED_EXTENSIONS.join(' ')})` });
  }
  const notices = resolveClashes(inputs);
  return { inputs: dedupe(inputs), skipped, missing, notices };
}

function stripExtension(relative: string): string {
  return relative.slice(0, relative.length - path.extname(relative).length);
}

function dedupe(inputs: BatchInput[]): BatchInput[] {
  const seen = new Set<string>();
  return inputs.filter((input) => !seen.has(input.file) && seen.add(input.file));
}

/** `a.pdf` beside `a.png` would both write `a.txt`: both keep their extension instead (`a.pdf.txt`, `a.png.txt`). */
function resolveClashes(inputs: BatchInput[]): string[] {
  const byStem = new Map<string, BatchInput[]>();
  for (const input of inputs) {
    const key = input.outputStem.toLowerCase();
    byStem.set(key, [...(byStem.get(key) ?? []), input]);
  }
  const notices: string[] = [];
  for (const group of byStem.values()) {
    if (new Set(group.map((g) => g.file)).size < 2) continue;
    for (const input of group) {
      input.outputStem = `${input.outputStem}${path.extname(input.file)}`;
      notices.push(`${input.file}: output renamed to ${input.outputStem}.* because another input has the same name`);
    }
  }
  return notices;
}
