// A PDF input read for its incremental update without its image data. pdf-lib parses the whole file, but the
// update only rewrites pages, their content streams and the catalog; the page images (nine tenths of a scan's PDF)
// are never read by it. Their data is left as zeros in a zero-filled buffer, whose untouched memory the system
// does not commit: the input's 136 MB were held once more at the end of a 200-page run, now only its other bytes.
import { open, type FileHandle } from 'node:fs/promises';
import { readFully } from '../read-fully.js';

const CHUNK = 1 << 20;
/** Bytes kept between one read and the next, so that a `stream` keyword and its end of line cut by a read are seen whole. */
const OVERLAP = 8;
/** Image data shorter than this is read anyway: skipping it saves little. */
const MIN_SKIPPED = 64 * 1024;
/** How far back from its `stream` keyword an image's dictionary is looked for. */
const DICT_REACH = 4096;

const STREAM = Buffer.from('stream', 'latin1');
const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** Whether `endstream` follows `at` (after white space): the image's /Length is where its data ends. */
async function endsStreamAt(handle: FileHandle, at: number): Promise<boolean> {
  const probe = Buffer.alloc(32);
  const n = await readFully(handle, probe, at);
  let i = 0;
  while (i < n && WHITE.has(probe[i]!)) i++;
  return probe.toString('latin1', i, i + 9) === 'endstream';
}

/**
 * The length of the image data that follows the `stream` keyword at `at` in `bytes` (its bytes before it filled
 * in), when its object is an image whose /Length is a number; undefined otherwise (another stream, an indirect
 * length, or a `stream` that is not the keyword), which is read as it is.
 */
function imageDataLength(bytes: Buffer, at: number): number | undefined {
  const head = bytes.toString('latin1', Math.max(0, at - DICT_REACH), at);
  if (head.endsWith('end')) return undefined;
  let start = head.lastIndexOf('obj');
  while (start >= 3 && head.slice(start - 3, start) === 'end') start = head.lastIndexOf('obj', start - 1);
  if (start < 0) return undefined;
  const dict = head.slice(start);
  if (!/\/Subtype\s*\/Image\b/.test(dict)) return undefined;
  const length = /\/Length\s+(\d+)(\s+\d+\s+R)?/.exec(dict);
  return length && !length[2] ? Number(length[1]) : undefined;
}

/** The file's bytes, with the data of its large images (direct /Length) left as zeros and never read. */
export async function readWithoutImageData(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const out = Buffer.alloc(size);
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, size));
    let position = 0;
    while (position < size) {
      const n = await readFully(handle, chunk.subarray(0, Math.min(chunk.length, size - position)), position);
      if (n === 0) throw new Error(`${file} got shorter while it was read`);
      const bytes = chunk.subarray(0, n);
      const last = position + n >= size;
      let copied = 0;
      let next = last ? size : position + Math.max(n - OVERLAP, 1);
      for (let i = bytes.indexOf(STREAM); i >= 0; i = bytes.indexOf(STREAM, i + STREAM.length)) {
        const eolAt = i + STREAM.length;
        if (eolAt + 2 > n && !last) break; // seen again, whole, after the overlap
        bytes.copy(out, position + copied, copied, Math.min(eolAt + 2, n));
        copied = Math.min(eolAt + 2, n);
        const eol = bytes[eolAt] === 0x0d && bytes[eolAt + 1] === 0x0a ? 2 : bytes[eolAt] === 0x0a ? 1 : 0;
        if (eol === 0) continue;
        const length = imageDataLength(out, position + i);
        const dataStart = position + eolAt + eol;
        if (length === undefined || length < MIN_SKIPPED || dataStart + length > size || !(await endsStreamAt(handle, dataStart + length))) continue;
        // The data's first bytes up to the end of line were copied above: they are put back to zeros.
        out.fill(0, dataStart, position + copied);
        copied = -1;
        next = dataStart + length;
        break;
      }
      if (copied >= 0) bytes.copy(out, position + copied, copied, n);
      position = next;
    }
    return out;
  } finally {
    await handle.close();
  }
}
