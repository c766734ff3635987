// Legacy 8-bit Vietnamese encodings as they arrive in old files read as Windows-1252/Latin-1:
// TCVN3 (ABC, TCVN 5712 VN3: one byte per accented letter) and VNI-Windows (base letter + a mark byte).
import { isValidSyllable } from './syllable.js';

// Unicode -> TCVN3 byte, as runs [first code point, bytes...] (from the TCVN 5712:1993 code table).
const TCVN3_RUNS: [number, number[]][] = [
  [0x00c0, [0x80, 0x83, 0xa2, 0x82, 0, 0, 0, 0, 0x87, 0x8a, 0xa3, 0, 0x8d, 0x90, 0, 0, 0, 0, 0x92, 0x95, 0xa4, 0x94, 0, 0, 0, 0x9d, 0x01, 0, 0, 0x16]],
  [0x00e0, [0xb5, 0xb8, 0xa9, 0xb7, 0, 0, 0, 0, 0xcc, 0xd0, 0xaa, 0, 0xd7, 0xdd, 0, 0, 0, 0, 0xdf, 0xe3, 0xab, 0xe2, 0, 0, 0, 0xef, 0xf3, 0, 0, 0xfd]],
  [0x0102, [0xa1, 0xa8]],
  [0x0110, [0xa7, 0xae]],
  [0x0128, [0x8f, 0xdc]],
  [0x0168, [0x9f, 0xf2]],
  [0x01a0, [0xa5, 0xac]],
  [0x01af, [0xa6, 0xad]],
  [0x1ea0, [
    0x84, 0xb9, 0x81, 0xb6, 0xc4, 0xca, 0xc1, 0xc7, 0xc2, 0xc8, 0xc3, 0xc9, 0x86, 0xcb, 0xc0, 0xbe,
    0xaf, 0xbb, 0xba, 0xbc, 0xbf, 0xbd, 0x85, 0xc6, 0x8b, 0xd1, 0x88, 0xce, 0x89, 0xcf, 0xda, 0xd5,
    0xc5, 0xd2, 0xcd, 0xd3, 0xd9, 0xd4, 0x8c, 0xd6, 0x8e, 0xd8, 0x91, 0xde, 0x96, 0xe4, 0x93, 0xe1,
    0xff, 0xe8, 0xdb, 0xe5, 0xe0, 0xe6, 0xf0, 0xe7, 0x97, 0xe9, 0x9b, 0xed, 0x98, 0xea, 0x99, 0xeb,
    0x9a, 0xec, 0x9c, 0xee, 0x02, 0xf4, 0x9e, 0xf1, 0x11, 0xf8, 0x04, 0xf5, 0x05, 0xf6, 0x06, 0xf7,
    0x12, 0xf9, 0x13, 0xfa, 0x17, 0xfe, 0x14, 0xfb, 0x15, 0xfc,
  ]],
];

/** Character seen when the TCVN3 byte is read as Windows-1252 -> the Vietnamese letter it stands for. */
const TCVN3_DECODE = new Map<string, string>();
const cp1252 = new TextDecoder('windows-1252');
for (const [start, bytes] of TCVN3_RUNS) {
  bytes.forEach((byte, i) => {
    // Only the high half: low control bytes never survive a text file.
    if (byte >= 0xa1) TCVN3_DECODE.set(cp1252.decode(Uint8Array.of(byte)), String.fromCodePoint(start + i));
  });
}

// VNI-Windows: vowel + mark byte(s). Marks as seen in Windows-1252.
const VNI_TONES: Record<string, string> = { ø: '\u0300', ù: '\u0301', û: '\u0309', õ: '\u0303', ï: '\u0323' };
const VNI_TONES_UPPER: Record<string, string> = { Ø: '\u0300', Ù: '\u0301', Û: '\u0309', Õ: '\u0303', Ï: '\u0323' };
// Circumflex (â ê ô) and breve (ă) combined with a tone in one byte.
const VNI_HAT: Record<string, string> = { â: '', á: '\u0301', à: '\u0300', å: '\u0309', ã: '\u0303', ä: '\u0323' };
const VNI_HAT_UPPER: Record<string, string> = { Â: '', Á: '\u0301', À: '\u0300', Å: '\u0309', Ã: '\u0303', Ä: '\u0323' };
const VNI_BREVE: Record<string, string> = { ê: '', é: '\u0301', è: '\u0300', ú: '\u0309', ü: '\u0303', ë: '\u0323' };
const VNI_BREVE_UPPER: Record<string, string> = { Ê: '', É: '\u0301', È: '\u0300', Ú: '\u0309', Ü: '\u0303', Ë: '\u0323' };
// Single-byte letters of VNI.
const VNI_LETTERS: Record<string, string> = {
  ô: 'ơ', Ô: 'Ơ', ö: 'ư', Ö: 'Ư', ñ: 'đ', Ñ: 'Đ',
  í: 'í', ì: 'ì', æ: 'ỉ', ó: 'ĩ', ò: 'ị', Í: 'Í', Ì: 'Ì', Æ: 'Ỉ', Ó: 'Ĩ', Ò: 'Ị', î: 'ỵ', Î: 'Ỵ',
};

function vniMark(base: string, mark: string, next: string): { text: string; used: number } | undefined {
  const lower = base === base.toLowerCase();
  const tones = lower ? VNI_TONES : VNI_TONES_UPPER;
  const hat = lower ? VNI_HAT : VNI_HAT_UPPER;
  const breve = lower ? VNI_BREVE : VNI_BREVE_UPPER;
  const b = base.toLowerCase();
  if ((b === 'a' || b === 'e' || b === 'o') && mark in hat) return { text: base + '\u0302' + hat[mark], used: 1 };
  if (b === 'a' && mark in breve) return { text: base + '\u0306' + breve[mark], used: 1 };
  if ('aeiouy'.includes(b) && mark in tones) return { text: base + tones[mark], used: 1 };
  // ơ/ư (one byte) followed by a tone byte.
  const letter = VNI_LETTERS[base];
  if (letter && (next in VNI_TONES || next in VNI_TONES_UPPER)) return { text: letter + (VNI_TONES[next] ?? VNI_TONES_UPPER[next]), used: 1 };
  return undefined;
}

export function decodeVni(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1] ?? '';
    const combined = /[a-zA-Z]/.test(c) ? vniMark(c, next, '') : vniMark(c, '', next);
    if (combined && /[a-zA-Z]/.test(c)) {
      out += combined.text;
      i += combined.used;
    } else if (c in VNI_LETTERS) {
      const withTone = vniMark(c, '', next);
      out += withTone ? withTone.text : VNI_LETTERS[c];
      if (withTone) i += withTone.used;
    } else out += c;
  }
  return out.normalize('NFC');
}

export function decodeTcvn3(text: string): string {
  let out = '';
  for (const c of text) out += TCVN3_DECODE.get(c) ?? c;
  return out.normalize('NFC');
}

export type LegacyEncoding = 'tcvn3' | 'vni';

interface SyllableCount {
  words: number;
  valid: number;
}

/** How many words text has, and how many of them are Vietnamese syllables written with the right letters. */
function countSyllables(text: string): SyllableCount {
  const validity = new Map<string, boolean>();
  let words = 0;
  let valid = 0;
  for (const [word] of text.matchAll(/\p{L}+/gu)) {
    let ok = validity.get(word);
    if (ok === undefined) validity.set(word, (ok = isValidSyllable(word)));
    words++;
    if (ok) valid++;
  }
  return { words, valid };
}

/** Words of text, counted only up to just past `limit`. */
function countWords(text: string, limit: number): number {
  const word = /\p{L}+/gu;
  let n = 0;
  while (n <= limit && word.test(text)) n++;
  return n;
}

/** The whitespace-separated chunks of text that hold a Latin-1 character, joined by spaces. */
function latin1Chunks(text: string): string {
  const chunks: string[] = [];
  const high = /[\u0080-\u00ff]/g;
  for (let m = high.exec(text); m; m = high.exec(text)) {
    if (/\s/.test(m[0])) continue; // a no-break space separates chunks
    let start = m.index;
    while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
    let end = m.index + 1;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    chunks.push(text.slice(start, end));
    high.lastIndex = end;
  }
  return chunks.join(' ');
}

/**
 * Guesses whether text is TCVN3 or VNI read as Windows-1252: it is when decoding it turns words that
 * are not Vietnamese (B¸o, c¸o) into Vietnamese syllables (Báo, cáo), at least three of them.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | undefined {
  if (!/[\u0080-\u00ff]/.test(text)) return undefined;
  // Genuine Unicode Vietnamese has letters outside Latin-1 (ơ, ư, ạ...); legacy text read as 1252 has none.
  if (/[\u0100-\u024f\u1ea0-\u1ef9]/.test(text)) return undefined;
  // Decoding changes only the chunks with a Latin-1 character, and NFC: the other chunks of an NFC text
  // count alike in every reading.
  const changing = text.normalize('NFC') === text ? latin1Chunks(text) : text;
  const native = countSyllables(changing);
  const vni = countSyllables(decodeVni(changing));
  const tcvn = countSyllables(decodeTcvn3(changing));
  // Words elsewhere dilute what a reading gains in share to under changed / elsewhere: past 12x as many
  // (a long text with a stray "±"), the gain is below 1/12 and cannot reach the 0.1 asked for.
  const changed = Math.max(native.words, vni.words, tcvn.words);
  if (countWords(text, native.words + 12 * changed) - native.words > 12 * changed) return undefined;
  const all = countSyllables(text);
  const elsewhere = { words: all.words - native.words, valid: all.valid - native.valid };
  const share = (c: SyllableCount) => {
    const words = elsewhere.words + c.words;
    return { words, share: words ? (elsewhere.valid + c.valid) / words : 0 };
  };
  const best = share(tcvn).share >= share(vni).share ? { name: 'tcvn3' as const, ...share(tcvn) } : { name: 'vni' as const, ...share(vni) };
  return readsBetter(best, share(native)) ? best.name : undefined;
}

/**
 * Whether a decoding makes Vietnamese of the words it changes where the text as read does not: at least three words,
 * 70% of them syllables, and 10 points more than as read.
 */
function readsBetter(decoded: { words: number; share: number }, asRead: { share: number }): boolean {
  return decoded.words >= 3 && decoded.share >= 0.7 && decoded.share >= asRead.share + 0.1;
}

const windows1258 = new TextDecoder('windows-1258');

/**
 * The bytes read as Windows-1258 (CP1258, Microsoft's Vietnamese code page: the hatted letters and đ in one byte
 * each, tones as combining marks after them), when that reading makes Vietnamese of them and the Windows-1252
 * one, `latin`, does not (readsBetter, on the words the two readings spell differently). Undefined otherwise.
 */
export function decodeWindows1258(bytes: Uint8Array, latin: string): string | undefined {
  const decoded = windows1258.decode(bytes);
  // One byte is one character in both readings, so their whitespace is the same and their words pair up.
  const [as1252, as1258] = [latin.split(/\s+/), decoded.split(/\s+/)];
  if (as1252.length !== as1258.length) return undefined;
  const differ = as1258.flatMap((w, i) => (w === as1252[i] ? [] : [i]));
  const share = (c: SyllableCount) => ({ words: c.words, share: c.words ? c.valid / c.words : 0 });
  const native = share(countSyllables(differ.map((i) => as1252[i]).join(' ')));
  const read = share(countSyllables(differ.map((i) => as1258[i]!.normalize('NFC')).join(' ')));
  return readsBetter(read, native) ? decoded.normalize('NFC') : undefined;
}

export function decodeLegacy(text: string, encoding: LegacyEncoding): string {
  return encoding === 'tcvn3' ? decodeTcvn3(text) : decodeVni(text);
}
