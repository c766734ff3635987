// Writes that cannot lie. A file is written under a short temporary name in its own folder, every byte checked
// written (a full disk gives short writes, not always an error), flushed to disk, read back and compared, and
// only then renamed over its final name; the folder is flushed too, so the rename survives a power cut.
// Anything that fails removes the temporary file: a truncated file never lands under a final name.
// write-file-atomic did one write() and never checked how much of it was written.
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFully } from '../read-fully.js';

/** The one call that can be swapped in tests to simulate a full disk or short writes. */
export interface WriteIo {
  /** Writes up to `length` bytes of `data` from `offset` to `handle`, the temporary file of `target`. */
  write(handle: FileHandle, data: Buffer, offset: number, length: number, target: string): Promise<number>;
}

export const realIo: WriteIo = {
  write: async (handle, data, offset, length) => (await handle.write(data, offset, length)).bytesWritten,
};

/** Errors of a full disk or quota: the batch stops taking new inputs when one is seen. */
export function isNoSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

const TEMP_PREFIX = '.vnocr-';
const TEMP_SUFFIX = '.tmp';
/** Four hex digits of the host name: temporary files of a dead process on this host can be told apart. */
const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 4);

/**
 * `.vnocr-<host>-<pid>-<random>.tmp`, about 30 bytes whatever the target is called, so a file name of 250 bytes
 * can still be written (a suffix on the target's own name pushed names of 245 bytes past the 255-byte limit).
 */
function tempName(): string {
  return `${TEMP_PREFIX}${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

const TEMP_PATTERN = /^\.vnocr-([0-9a-f]{4})-(\d+)-[0-9a-f]{8}\.tmp$/;

export function isTempName(name: string): boolean {
  return TEMP_PATTERN.test(name);
}

/** Whether a process of this host lives (EPERM: it does, but is another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process on another host cannot be asked whether it lives: its temporary files are removed after a day. */
const FOREIGN_TEMP_AGE_MS = 24 * 3600 * 1000;

/**
 * Removes the temporary files that killed runs left under `dir` (recursively): those of dead processes on this
 * host, and those of other hosts older than a day. Returns how many were removed.
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removed += await removeStaleTemps(full);
      continue;
    }
    const match = TEMP_PATTERN.exec(entry.name);
    if (!match || !entry.isFile()) continue;
    const ours = match[1] === HOST_TAG;
    const stale = ours ? !processAlive(Number(match[2])) : Date.now() - (await stat(full).then((s) => s.mtimeMs, () => Date.now())) > FOREIGN_TEMP_AGE_MS;
    if (stale && (await unlink(full).then(() => true, () => false))) removed++;
  }
  return removed;
}

export class SymlinkError extends Error {}

/**
 * Creates the folders from `root` down to `file`'s folder, refusing any that is a symbolic link: an output folder
 * holding a link to elsewhere must not get vnocr's files written through it. `root` itself may be a link (the
 * user named it).
 */
export async function safeFolders(root: string, file: string): Promise<void> {
  const relative = path.relative(root, path.dirname(file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${file} is outside the output folder ${root}`);
  let dir = root;
  for (const part of relative.split(path.sep).filter(Boolean)) {
    dir = path.join(dir, part);
    const info = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info) await mkdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
    else if (info.isSymbolicLink()) throw new SymlinkError(`${dir} is a symbolic link: vnocr writes nothing through links in its output folder`);
    else if (!info.isDirectory()) throw new Error(`${dir} is not a folder`);
  }
}

async function writeAll(handle: FileHandle, data: Buffer, io: WriteIo, target: string): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const n = await io.write(handle, data, offset, data.length - offset, target);
    // A write that makes no progress would loop for ever: on a full disk, say so.
    if (n <= 0) throw Object.assign(new Error(`no space left on device: wrote ${offset} of ${data.length} bytes`), { code: 'ENOSPC' });
    offset += n;
  }
}

/** Bytes written, read back and compared at a time: a large PDF is not held twice. */
const CHUNK = 1 << 20;

/** The first `bytes` bytes of a file, copied into the output when it is written. */
export interface FileRange {
  copyOf: string;
  bytes: number;
}

/** The data of the parts in order, at most a chunk at a time; each chunk is valid until the next is asked for. */
async function* chunks(parts: (Buffer | FileRange)[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if (Buffer.isBuffer(part)) {
      for (let at = 0; at < part.length; at += CHUNK) yield part.subarray(at, at + CHUNK);
      continue;
    }
    const handle = await open(part.copyOf, 'r');
    try {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, part.bytes));
      for (let at = 0; at < part.bytes; ) {
        const read = await readFully(handle, chunk.subarray(0, Math.min(chunk.length, part.bytes - at)), at);
        if (read === 0) throw new Error(`${part.copyOf} is shorter than the ${part.bytes} bytes its output copies: it changed while the output was written`);
        yield chunk.subarray(0, read);
        at += read;
      }
    } finally {
      await handle.close();
    }
  }
}

async function readBack(file: string, parts: (Buffer | FileRange)[]): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const actual = Buffer.allocUnsafe(CHUNK);
    let position = 0;
    for await (const want of chunks(parts)) {
      const read = await readFully(handle, actual.subarray(0, want.length), position);
      if (read !== want.length || !actual.subarray(0, read).equals(want)) throw new Error(`${file}: read back bytes that differ from those written, at byte ${position}`);
      position += read;
    }
    if ((await readFully(handle, actual.subarray(0, 1), position)) !== 0) throw new Error(`${file}: read back more than the ${position} bytes written`);
  } finally {
    await handle.close();
  }
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    // Some file systems (and platforms) cannot flush a folder; the rename has still happened.
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Writes and checks `parts`, one after the other, under a temporary name beside `file`, and returns that name. */
async function prepare(file: string, parts: (Buffer | FileRange)[], io: WriteIo): Promise<string> {
  const temp = path.join(path.dirname(file), tempName());
  let handle: FileHandle | undefined;
  try {
    // O_EXCL: never opens an existing file or follows a link planted under the temporary name.
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    for await (const chunk of chunks(parts)) await writeAll(handle, chunk, io, file);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await readBack(temp, parts);
    return temp;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Writes several files completely or not at all (a file's data may come in parts, written one after the other,
 * a part being bytes or a range of another file): all are written and checked under temporary names first, and
 * only then renamed into place, so that an input whose second output fails to write (a full disk) does not leave
 * its first one new beside an old second one. A final component may be a symbolic link: the rename replaces
 * the link itself, never the file it points to.
 */
export async function writeFilesAtomic(files: { file: string; data: string | Buffer | (Buffer | FileRange)[] }[], io: WriteIo = realIo): Promise<void> {
  const temps: string[] = [];
  try {
    for (const { file, data } of files) temps.push(await prepare(file, typeof data === 'string' ? [Buffer.from(data, 'utf8')] : Array.isArray(data) ? data : [data], io));
    for (let i = 0; i < files.length; i++) await rename(temps[i]!, files[i]!.file);
  } catch (error) {
    await Promise.all(temps.map((t) => unlink(t).catch(() => undefined)));
    throw error;
  }
  for (const dir of new Set(files.map((f) => path.dirname(f.file)))) await syncFolder(dir);
}

/** Writes `data` to `file` completely or not at all. */
export async function writeFileAtomic(file: string, data: string | Buffer | (Buffer | FileRange)[], io: WriteIo = realIo): Promise<void> {
  await writeFilesAtomic([{ file, data }], io);
}
