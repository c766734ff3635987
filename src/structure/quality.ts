// Whether a value reads as text: OCR of a stamp, a seal or a pen stroke gives tokens no word or code is made of.
import { isValidSyllable } from '../text/syllable.js';
import { folded } from './patterns.js';

/** A number or code: groups of digits (a letter may follow) or letters, apart by "/", ".", "-", "&": "39/2011/NQ-HĐND", "GD&ĐT". */
const CODE = /^(?:\d+\p{L}?|\p{L}+)(?:[/.,:&-](?:\d+\p{L}?|\p{L}+))*$/u;

/** The letters Vietnamese is written in (f, j, w, z of codes and loanwords among them), lower case. */
const VIETNAMESE_LETTERS = new Set('aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz');

/** Whether every letter of a token is one Vietnamese is written in: not the "Ð" (Icelandic eth) OCR reads for "Đ", nor "ñ". */
function onlyVietnameseLetters(token: string): boolean {
  for (const c of token.toLowerCase()) if (c.charCodeAt(0) >= 0x80 && !VIETNAMESE_LETTERS.has(c) && /\p{L}/u.test(c)) return false;
  return true;
}

/**
 * Whether a token reads as text: a Vietnamese syllable (one tone mark: "NGÀÃI" is none), an acronym of capitals
 * with at most one vowel ("UBND", "HĐND", "VPUB"), or a number or code, in Vietnamese letters. Not "TR0N6", "Ngay:e⁄{L!", "QĐÐ".
 */
function readsAsText(token: string): boolean {
  let reads = READS_AS_TEXT.get(token);
  if (reads === undefined) {
    if (READS_AS_TEXT.size > 100_000) READS_AS_TEXT.clear();
    READS_AS_TEXT.set(token, (reads = tokenReadsAsText(token)));
  }
  return reads;
}

/** readsAsText's answers: values are checked token by token, and the same tokens come in field after field. */
const READS_AS_TEXT = new Map<string, boolean>();

function tokenReadsAsText(token: string): boolean {
  if (!CODE.test(token) || !onlyVietnameseLetters(token)) return false;
  if (/[\d/.,:&-]/.test(token)) return true;
  return isValidSyllable(token) || (/^\p{Lu}{2,8}$/u.test(token) && (folded(token).match(/[aeiouy]/g) ?? []).length <= 1);
}

/** A Roman number after a word that is numbered so: "quý III", "Phần IV" (not an "I" OCR made of a stroke). */
const ROMAN = /^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})$/;
const NUMBERED = /^(?:quy|phan|chuong|muc|khoa|ky|dot|lan|tap)$/;

/** How far a field is trusted with a token that reads as no text in it: it is to be read exactly, so one such token is enough to flag it. */
const MISREAD = 0.75;

/** textQuality for a field read as a whole (a title, a name, a number): flagged by one token that reads as no text, however long the field. */
export function fieldTextQuality(value: string): number {
  const quality = textQuality(value);
  return quality < 1 ? Math.min(quality, MISREAD) : 1;
}

/** 1 for a value made of text; down by twice the share of its tokens that read as none (OCR of a stamp, a seal). */
export function textQuality(value: string): number {
  const ts = value.split(/\s+/).map((t) => t.replace(/^[+("“‘'[]+|[)"”’'\].,;:!?]+$/gu, '')).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (!ts.length) return 1;
  const misread = ts.filter((t, i) => !readsAsText(t) && !(ROMAN.test(t) && i > 0 && NUMBERED.test(folded(ts[i - 1]!))));
  return Math.max(0, 1 - (2 * misread.length) / ts.length);
}
