// .txt input: UTF-8 (with or without BOM), UTF-16 with a BOM, or a legacy 8-bit Vietnamese encoding.
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { decodeLegacy, detectLegacyEncoding } from '../text/legacy.js';

export async function readTextFile(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (bytes.length === 0) throw new InputError(file, 'empty file (0 bytes)');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2)).normalize('NFC');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2)).normalize('NFC');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).normalize('NFC');
  } catch {
    // Old Vietnamese files were typed in TCVN3 or VNI: read the bytes as Windows-1252 and decode if they fit.
    const latin = new TextDecoder('windows-1252').decode(bytes);
    const legacy = /[\x00-\x08\x0e-\x1f]/.test(latin) ? undefined : detectLegacyEncoding(latin);
    if (legacy) return decodeLegacy(latin, legacy);
    throw new InputError(file, 'not a text file in UTF-8, UTF-16 (with BOM), TCVN3 or VNI');
  }
}
