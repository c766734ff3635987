// Whether a value reads as text: OCR of a stamp, a seal or a pen stroke gives tokens no word or code is made of.
import { isValidSyllable } from '../text/syllable.js';
import { folded } from './patterns.js';

/** A number or code: groups of digits (a letter may follow) or letters, apart by "/", ".", "-", "&": "39/2011/NQ-HĐND", "GD&ĐT". */
const CODE = /^(?:\d+\p{L}?|\p{L}+)(?:[/.,:&-](?:\d+\p{L}?|\p{L}+))*$/u;

/**
 * Whether a token reads as text: a Vietnamese syllable (one tone mark: "NGÀÃI" is none), an acronym of capitals
 * with at most one vowel ("UBND", "HĐND", "VPUB"), or a number or code. Not "TR0N6", "Ngay:e⁄{L!".
 */
function readsAsText(token: string): boolean {
  if (!CODE.test(token)) return false;
  if (/[\d/.,:&-]/.test(token)) return true;
  return isValidSyllable(token) || (/^\p{Lu}{2,8}$/u.test(token) && (folded(token).match(/[aeiouy]/g) ?? []).length <= 1);
}

/** 1 for a value made of text; down by twice the share of its tokens that read as none (OCR of a stamp, a seal). */
export function textQuality(value: string): number {
  const ts = value.split(/\s+/).map((t) => t.replace(/^[+("“‘'[]+|[)"”’'\].,;:!?]+$/gu, '')).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (!ts.length) return 1;
  return Math.max(0, 1 - (2 * ts.filter((t) => !readsAsText(t)).length) / ts.length);
}
