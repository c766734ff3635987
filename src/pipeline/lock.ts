// One batch run per output folder at a time: `<outdir>/.vnocr/lock`, created exclusively, names the process
// holding it. A lock whose process has died on this host is taken over; one held by a live process, or by a
// process on another host (which cannot be asked), refuses the run with a message saying how to go on.
// Queue workers that record entries of one folder together do not take this lock: the journal serves them.
import { unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { processAlive } from './atomic.js';
import { STATE_DIR } from './manifest.js';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export function lockFile(outDir: string): string {
  return path.join(outDir, STATE_DIR, 'lock');
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the lock with its content in one step: written under a temporary name, then hard-linked to the lock's
 * name (which fails if it exists). A run killed at any moment never leaves an empty lock.
 */
async function tryCreate(file: string, me: LockOwner): Promise<boolean> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(me)}\n`);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function justMade(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs < 2000;
}

/** Takes the output folder's lock and returns the function that gives it back (also called on exit). */
export async function acquireRunLock(outDir: string): Promise<() => Promise<void>> {
  const file = lockFile(outDir);
  await mkdir(path.dirname(file), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  // An unreadable lock younger than 2 s may be another run's being made: waited for, up to about 3 s in all.
  for (let attempt = 0; attempt < 16; attempt++) {
    if (await tryCreate(file, me)) {
      const release = () => {
        try {
          // Synchronous, so that it also runs from an exit handler.
          unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.once('exit', release);
      return async () => {
        process.removeListener('exit', release);
        await unlink(file).catch(() => undefined);
      };
    }
    const owner = await readOwner(file);
    if (!owner && (await justMade(file))) {
      // Another run has just created it and not yet written its name.
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    if (owner && owner.host !== me.host) {
      throw new UsageError(
        `output folder ${outDir} is in use by vnocr (pid ${owner.pid}) on host ${owner.host} since ${owner.startedAt}: ` +
          `use another -o, or delete ${file} if that run has ended`,
      );
    }
    if (owner && processAlive(owner.pid)) {
      throw new UsageError(`output folder ${outDir} is in use by another vnocr run (pid ${owner.pid}, since ${owner.startedAt}): wait for it or use another -o`);
    }
    // Dead owner (or an unreadable lock from a run killed while writing it): take it over. Renaming it away first
    // means two runs taking over at once cannot both delete the new lock one of them creates.
    await rename(file, `${file}.stale-${process.pid}`).then(
      () => unlink(`${file}.stale-${process.pid}`),
      () => undefined,
    );
  }
  throw new UsageError(`cannot take the lock ${file} of output folder ${outDir}: another run keeps taking it`);
}
