// .txt input: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when the zero bytes show it), or a
// legacy 8-bit Vietnamese encoding (TCVN3, VNI, Windows-1258). Read only when it is a regular file of bounded size, and refused when what
// it decodes to is not plausibly text (NULs, control characters): such bytes are never copied into outputs.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { decodeLegacy, decodeWindows1258, detectLegacyEncoding } from '../text/legacy.js';

/**
 * Largest .txt a batch reads: 2 MB, about 500 pages of text. Restoration's memory grows with the text: 2 MB peaked
 * at 0.4-1.1 GB by kind (README, "Memory of one input"; an 8 MB file passed 2 GB), so a larger file is refused
 * before it is read rather than risk the 1.5 GB a single input may take.
 */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

export interface ReadTextOptions {
  /** Refuse larger files (`vnocr train` reads whole corpora and allows any size). */
  maxBytes?: number;
}

/** Control characters no document text holds (tab, line feed, vertical tab, form feed, carriage return pass). */
const CONTROL = /[\x00-\x08\x0e-\x1f\x7f]/;

/** The bytes of a regular file, its type checked before opening (a FIFO or /dev/zero would hang or never end). */
async function readBounded(file: string, maxBytes: number): Promise<Buffer> {
  const info = await stat(file);
  if (!info.isFile()) throw new InputError(file, 'not a regular file');
  if (info.size > maxBytes) throw new InputError(file, `text file too large (${(info.size / 2 ** 20).toFixed(1)} MB; at most ${maxBytes / 2 ** 20} MB): split it first`);
  // O_NONBLOCK: should the path have become a FIFO since, opening it does not wait for a writer.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new InputError(file, 'not a regular file');
    // One byte more than allowed tells a file that grew since from one that did not.
    const bytes = Buffer.allocUnsafe(Math.min(opened.size, maxBytes) + 1);
    let read = 0;
    for (;;) {
      const { bytesRead } = await handle.read(bytes, read, bytes.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read === bytes.length) break;
    }
    if (read > maxBytes) throw new InputError(file, `text file too large (grew past ${maxBytes / 2 ** 20} MB while read)`);
    return bytes.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/**
 * UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte. 'le' when the odd bytes are mostly zero
 * and the even ones are not ('be' the other way round); undefined for anything else.
 */
export function bomlessUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  const n = Math.min(bytes.length, 65536) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.3 * pairs && evenZero < 0.05 * pairs) return 'le';
  if (evenZero > 0.3 * pairs && oddZero < 0.05 * pairs) return 'be';
  return undefined;
}

const NOT_TEXT = 'not a text file in UTF-8, UTF-16, TCVN3, VNI or Windows-1258';

function decode(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return new TextDecoder(`utf-16${utf16}`, { fatal: true }).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Old Vietnamese files were typed in TCVN3 or VNI: read the bytes as Windows-1252 and decode if they fit;
    // or saved in Windows' own Vietnamese code page.
    const latin = new TextDecoder('windows-1252').decode(bytes);
    if (CONTROL.test(latin)) throw new InputError(file, NOT_TEXT);
    const legacy = detectLegacyEncoding(latin);
    if (legacy) return decodeLegacy(latin, legacy);
    const windows = decodeWindows1258(bytes, latin);
    if (windows) return windows;
    throw new InputError(file, NOT_TEXT);
  }
}

export async function readTextFile(file: string, options: ReadTextOptions = {}): Promise<string> {
  const bytes = await readBounded(file, options.maxBytes ?? MAX_TEXT_BYTES);
  if (bytes.length === 0) throw new InputError(file, 'empty file (0 bytes)');
  return textOf(file, bytes);
}

/** The text of `bytes` (a file's or standard input's, `file` naming it), in NFC; refused when it is not plain text. */
export function textOf(file: string, bytes: Buffer): string {
  let text: string;
  try {
    text = decode(file, bytes);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, NOT_TEXT);
  }
  const control = CONTROL.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split('\n').length;
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new InputError(file, `not plain text: control character U+${code} on line ${line} (a binary file, or text in an encoding not recognised)`);
  }
  return text.normalize('NFC');
}
