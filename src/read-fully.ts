// One positioned read that a short read does not cut short: both the atomic writer and the PDF input reader need it.
import type { FileHandle } from 'node:fs/promises';

/** Fills `into` from `position` on; fewer bytes only at the end of the file. */
export async function readFully(handle: FileHandle, into: Buffer, position: number): Promise<number> {
  let read = 0;
  while (read < into.length) {
    const { bytesRead } = await handle.read(into, read, into.length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return read;
}
