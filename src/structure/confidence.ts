// How far each field can be trusted: the OCR confidence of the words it was read from, times how cleanly it
// parsed. A signer's position that is not made of the words positions are made of ("ÁM ĐỌC") is no value: it
// becomes null with its raw text in `uncertain`.
import { isValidSyllable } from '../text/syllable.js';
import type { OcrWord } from '../types.js';
import { folded, isSyllable } from './patterns.js';
import type { Report, Uncertain } from './types.js';

/** Words (folded) a signer's position opens with: "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG PHÒNG NGHIỆP VỤ Y". */
const POSITION_HEADS = new Set('pho chu giam chanh truong bi thuong uy tong thu hieu ke to chi dai cuc vu vien'.split(' '));

/** A position that opens as positions do, every word of it a word of the language (or an acronym). */
export function isPosition(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  const syllable = (w: string) => /^\p{Lu}{2,6}$/u.test(w) && !/[aeiouy]/.test(folded(w)) ? true : isSyllable(w);
  return words.length > 0 && POSITION_HEADS.has(folded(words[0]!)) && words.every(syllable);
}

/** Under this, a field is flagged low-confidence: its value is kept, but it is not to be taken as read. */
export const LOW_CONFIDENCE = 0.8;

/** A number or code: groups of digits (a letter may follow) or letters, apart by "/", ".", "-": "39/2011/NQ-HĐND". */
const CODE = /^(?:\d+\p{L}?|\p{L}+)(?:[/.,:-](?:\d+\p{L}?|\p{L}+))*$/u;

/**
 * Whether a token reads as text: a Vietnamese syllable (one tone mark: "NGÀÃI" is none), an acronym of capitals
 * with at most one vowel ("UBND", "HĐND", "VPUB"), or a number or code. Not "TR0N6", "Ngay:e⁄{L!".
 */
function readsAsText(token: string): boolean {
  if (!CODE.test(token)) return false;
  if (/[\d/.,:-]/.test(token)) return true;
  return isValidSyllable(token) || (/^\p{Lu}{2,8}$/u.test(token) && (folded(token).match(/[aeiouy]/g) ?? []).length <= 1);
}

/** 1 for a value made of text; down by twice the share of its tokens that read as none (OCR of a stamp, a seal). */
export function textQuality(value: string): number {
  const ts = value.split(/\s+/).map((t) => t.replace(/^[("“‘'[]+|[)"”’'\].,;:!?]+$/gu, '')).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (!ts.length) return 1;
  return Math.max(0, 1 - (2 * ts.filter((t) => !readsAsText(t)).length) / ts.length);
}

/** Fields whose confidence is given, and how to read their printed text off the report. */
const FIELDS: [string, (r: Report) => string | null | undefined][] = [
  ['header.parentBody', (r) => r.header.parentBodyPrinted],
  ['header.issuingBody', (r) => r.header.issuingBodyPrinted],
  ['header.number', (r) => r.header.number],
  ['header.place', (r) => r.header.place],
  ['header.date', (r) => r.header.datePrinted],
  ['documentType', (r) => r.documentType],
  ['title', (r) => r.title],
  ['signature.authority', (r) => r.signature.authority],
  ['signature.position', (r) => r.signature.position],
  ['signature.name', (r) => r.signature.name],
  ['digitalSignature.time', (r) => r.digitalSignature?.timePrinted],
];

/** What parts a field's folded text, and a word's, into the tokens matched between them. */
const SEPARATORS = /[\s/:,.;()-]+/;
const tokens = (text: string) => folded(text).split(SEPARATORS).filter((t) => t.length > 0);

/**
 * Fills `confidence` and moves unparseable values to `uncertain`. The parser's own `confidence` on entry holds
 * fields it read in a looser way than printed form allows (a number joined across the gap left for the
 * handwritten digits).
 */
export function assess(report: Report, words: readonly OcrWord[] | undefined): Report {
  const parseQuality = report.confidence;
  const uncertain: Uncertain[] = [...report.uncertain];
  const sig = report.signature;
  if (sig.position && !isPosition(sig.position)) {
    uncertain.push({ field: 'signature.position', raw: sig.position, reason: 'not the words of a position' });
    sig.position = null;
  }
  // Each word read, folded, with its best OCR confidence (0..1).
  const known = new Map<string, number>();
  // Folded in one go: folding word by word was most of the cost of parsing an OCR'd document.
  const forms = folded((words ?? []).map((w) => `${w.text} ${w.restored ?? ''}`.replace(/\n/g, ' ')).join('\n')).split('\n');
  (words ?? []).forEach((w, k) => {
    for (const t of forms[k]!.split(SEPARATORS)) if (t) known.set(t, Math.max(known.get(t) ?? 0, w.confidence / 100));
  });
  const confidence: Record<string, number> = {};
  for (const [field, printed] of FIELDS) {
    const text = printed(report);
    if (!text) continue;
    const ts = tokens(text);
    // Text input has no OCR confidence: the parse alone decides. A token not among the words was changed by restoration.
    const ocr = words?.length && ts.length ? ts.reduce((sum, t) => sum + (known.get(t) ?? 0.5), 0) / ts.length : 1;
    confidence[field] = Math.round(ocr * (parseQuality[field] ?? 1) * textQuality(text) * 100) / 100;
  }
  return { ...report, confidence, uncertain };
}
