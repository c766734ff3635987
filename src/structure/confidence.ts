// How far each field can be trusted: the OCR confidence of the words it was read from, times how cleanly it
// parsed. A signer's position that is not made of the words positions are made of ("ÁM ĐỌC") is no value: it
// becomes null with its raw text in `uncertain`.
import { distance } from 'fastest-levenshtein';
import { disagreements, mendedIssuer, mendedSubject, placeFromBodies } from './consistency.js';
import { evidenceOf, tokensOf, WordTokens, type Place } from './evidence.js';
import { mendedRecipient } from './recipient-mends.js';
import { lostAuthority, misreadSurname, nameWithHead } from './signature-mends.js';
import { AUTHORITY, folded, isSyllable } from './patterns.js';
import { fieldTextQuality, textQuality } from './quality.js';
import type { Report, Uncertain } from './types.js';
import type { WordTable } from './word-table.js';

/**
 * The titles a signer's position opens with (folded), after an optional "phó": "CHỦ TỊCH", "GIÁM ĐỐC",
 * "TRƯỞNG PHÒNG NGHIỆP VỤ Y". Not OCR's "THỦ HÚ TỊCH", whose words are syllables all the same.
 */
const POSITION_TITLES = [
  'chu tich', 'chu nhiem', 'giam doc', 'tong giam doc', 'chanh van phong', 'chanh an', 'chanh thanh tra', 'chanh',
  'truong', 'bi thu', 'thuong truc', 'uy vien', 'tong bien tap', 'thu truong', 'thu tuong', 'hieu truong',
  'ke toan truong', 'to truong', 'chi cuc truong', 'cuc truong', 'vu truong', 'vien truong', 'dai dien', 'thu ky',
].map((t) => t.split(' '));

/** A position that opens with a title, every word of it a word of the language (or an acronym). */
export function isPosition(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  const syllable = (w: string) => /^\p{Lu}{2,6}$/u.test(w) && !/[aeiouy]/.test(folded(w)) ? true : isSyllable(w);
  const keys = words.map((w) => folded(w));
  const from = keys[0] === 'pho' ? 1 : 0;
  const titled = POSITION_TITLES.some((t) => t.every((w, k) => keys[from + k] === w));
  return titled && words.every(syllable);
}

/**
 * Positions signers most often sign as. A reading one letter off one of them, folded ("PHÓ CHỦ TỊC": the "H"
 * under the seal's edge), is taken as that position and flagged: it is what the page says, less what OCR lost.
 */
const COMMON_POSITIONS = [
  'CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'TRƯỞNG BAN',
  'PHÓ TRƯỞNG BAN', 'BÍ THƯ', 'PHÓ BÍ THƯ', 'TRƯỞNG PHÒNG', 'PHÓ TRƯỞNG PHÒNG', 'CHÁNH THANH TRA', 'PHÓ CHÁNH THANH TRA',
];
/** How far a position mended from a near reading is trusted (under LOW_CONFIDENCE: kept, flagged). */
const MENDED_POSITION = 0.6;
/** How far a title whose "Về việc" was mended is trusted (flagged). */
const MENDED_TITLE = 0.6;
/** How far a place mended from the issuer's spelling is trusted (flagged). */
const MENDED_PLACE = 0.6;
/** How far an issuer's name mended from the place's spelling is trusted (kept, flagged). */
const MENDED_ISSUER = 0.6;

/** The common position a reading is one letter off, if one. */
function nearPosition(text: string): string | null {
  const key = folded(text).replace(/\s+/g, ' ').trim();
  return COMMON_POSITIONS.find((p) => distance(folded(p), key) <= 1) ?? null;
}

/**
 * The position a "KT." (signing for) line's office is signed by: a deputy, "KT. CHỦ TỊCH" by a PHÓ CHỦ TỊCH, a
 * minister's deputy a THỨ TRƯỞNG. Null without such a line.
 */
function deputyFor(lines: readonly string[]): string | null {
  for (const line of lines) {
    const mark = AUTHORITY.exec(folded(line));
    if (!mark || !/^k\/?t/.test(mark[1]!)) continue;
    const office = line.slice(mark[0].length).trim().toUpperCase();
    if (folded(office) === 'bo truong') return 'THỨ TRƯỞNG';
    if (isPosition(office)) return `PHÓ ${office}`;
  }
  return null;
}

/**
 * The position a reading that is none stands for: one letter off a common position, or under a "KT." line half
 * the deputy's position or closer ("DHÓ THỦ HỦ TỊCH" under "KT. CHỦ TỊCH", "ÁM ĐỌC" under "KT. GIÁM ĐỐC").
 */
function mendedPosition(reading: string, lines: readonly string[]): string | null {
  const deputy = deputyFor(lines);
  const target = deputy && folded(deputy);
  if (target && 2 * distance(target, folded(reading).replace(/\s+/g, ' ').trim()) <= target.length) return deputy;
  return nearPosition(reading);
}

/** How far a name whose surname reads as a common one with other marks, or lost its head, is trusted (flagged). */
const MISREAD_SURNAME = 0.6;
/** How far an authority mark read off the body it names is trusted (flagged). */
const LOST_AUTHORITY = 0.6;

/** How far a title or a place is trusted where a language model doubts a syllable of it. */
const DOUBTED = 0.7;

/**
 * Syllables of each field a language model is sure read otherwise, the fields asked for at once; with `unseen`,
 * the syllables it never saw as well (for fields that hold no person's name); with `givenName`, a signer's given name
 * far rarer as a name than another of its letters.
 */
export type Doubt = (fields: readonly string[], opts?: { unseen?: boolean; givenName?: boolean }) => readonly (readonly DoubtedSyllable[])[];

/** A syllable doubted: its place among the field's syllables (runs of letters), and the model's sure reading, if any. */
export interface DoubtedSyllable {
  syllable: string;
  index: number;
  likelier?: string;
}

/**
 * The title with each syllable `doubt` finds in it read as the model is sure it was printed ("thị trần Mộ Đức" is
 * thị trấn, "Tết nguyên đán Ất Ty" Ất Tỵ), or null when none is doubted. The title is the longest field and the one
 * OCR's misread marks reach most (on the dev documents no body or name was caught, and asking for them doubled the
 * check's cost).
 */
function rereadTitle(title: string | null, doubt: Doubt | undefined): string | null {
  const doubted = title && doubt ? doubt([title])[0] : undefined;
  if (!title || !doubted?.length) return null;
  const likelier = new Map(doubted.map((d) => [d.index, d.likelier ?? d.syllable]));
  let index = 0;
  return title.replace(/\p{L}+/gu, (syllable) => likelier.get(index++) ?? syllable);
}

/**
 * Whether the place holds a syllable the model doubts or never saw: places are in its vocabulary, so a syllable
 * it never saw was misread ("Quảng Ngõi"), the more so when the issuer, the place's other reading, is no text.
 */
const placeDoubted = (report: Report, doubt: Doubt | undefined) => !!(doubt && report.header.place && doubt([report.header.place], { unseen: true })[0]?.length);

/** Whether the signer's given name is one far rarer as a name than another of its letters ("Hiện" for Hiền). */
const nameDoubted = (report: Report, doubt: Doubt | undefined) => !!(doubt && report.signature.name && doubt([report.signature.name], { givenName: true })[0]?.length);

/** Under this, a field is flagged low-confidence: its value is kept, but it is not to be taken as read. */
export const LOW_CONFIDENCE = 0.8;

/**
 * Fields whose confidence is given, how to read their printed text off the report, and how their OCR evidence
 * counts: a number, a date or a time is read digit by digit, so its weakest token decides ("weakest"); a name or
 * a title is the mean of its words'. Last, where the field's words are sought: on the first page (the header's
 * fields) or on the last pages, from the end (the bottom block's).
 */
const FIELDS: [string, (r: Report) => string | null | undefined, 'mean' | 'weakest', Place][] = [
  ['header.parentBody', (r) => r.header.parentBodyPrinted, 'mean', 'head'],
  ['header.issuingBody', (r) => r.header.issuingBodyPrinted, 'mean', 'head'],
  ['header.number', (r) => r.header.number, 'weakest', 'head'],
  ['header.place', (r) => r.header.place, 'mean', 'head'],
  ['header.date', (r) => r.header.datePrinted, 'weakest', 'head'],
  ['documentType', (r) => r.documentType, 'mean', 'head'],
  ['title', (r) => r.title, 'mean', 'head'],
  ['period', (r) => r.period?.label, 'mean', 'head'],
  ['signature.authority', (r) => r.signature.authority, 'weakest', 'foot'],
  ['signature.position', (r) => r.signature.position, 'mean', 'foot'],
  ['signature.name', (r) => r.signature.name, 'mean', 'foot'],
  ['digitalSignature.time', (r) => r.digitalSignature?.timePrinted, 'weakest', 'head'],
  ['digitalSignature.signer', (r) => r.digitalSignature?.signer, 'mean', 'head'],
  ['digitalSignature.agency', (r) => r.digitalSignature?.agency, 'mean', 'head'],
];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The recipients list: the mean of its items' confidence, each from its own words and how it reads (the "Lưu"
 * item's filing codes aside). A list that came out empty from OCR'd pages is no reading of the page: 0.
 */
function recipientsConfidence(items: readonly string[], words: WordTokens | null): number | undefined {
  if (!words) return undefined;
  if (!items.length) return 0;
  return round(mean(items.map((item) => mean(evidenceOf(words, tokensOf(item), 'foot')) * (/^lưu\b/iu.test(item) ? 1 : textQuality(item)))));
}

/** A footnote with the next one's start inside it, after a sentence's end: "… thanh niên. ? Có 418 …" (its "²" read as "?"). */
const RUN_TOGETHER = /[.;]\s+(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹]|[^\p{L}\p{N}\s]{1,2})\s+\p{Lu}/u;

/**
 * The footnotes: the mean of each note's words (read from the page's end) and how it reads, halved when a note
 * holds the start of another (two notes run together: the count is one short). Absent when there are none.
 */
function footnotesConfidence(notes: readonly string[], words: WordTokens | null): number | undefined {
  if (!notes.length) return undefined;
  const read = words ? mean(notes.map((n) => mean(evidenceOf(words, tokensOf(n), 'anywhere')) * textQuality(n))) : 1;
  return round(read * (notes.some((n) => RUN_TOGETHER.test(n.slice(1))) ? 0.5 : 1));
}

/**
 * Fills `confidence` and moves unparseable values to `uncertain`. The parser's own `confidence` on entry holds
 * fields it read in a looser way than printed form allows (a number joined across the gap left for the
 * handwritten digits).
 */
export function assess(report: Report, ocrWords: WordTable | undefined, doubt?: Doubt): Report {
  const parseQuality = { ...report.confidence };
  /** Trusts `field` at most `trust`, whatever else lowered it. */
  const cap = (field: string, trust: number) => (parseQuality[field] = Math.min(parseQuality[field] ?? 1, trust));
  const words = ocrWords?.length ? new WordTokens(ocrWords) : null;
  // A place OCR read unsure that a body it read sure spells otherwise: the body's spelling, flagged, and the two agree.
  const fromBody = words ? placeFromBodies(report) : null;
  if (words && fromBody && mean(evidenceOf(words, tokensOf(report.header.place!))) < LOW_CONFIDENCE && mean(evidenceOf(words, tokensOf(fromBody.body))) >= LOW_CONFIDENCE) {
    report.header.place = fromBody.place;
    cap('header.place', MENDED_PLACE);
  }
  for (const [field, trust] of Object.entries(disagreements(report))) cap(field, trust);
  const subject = mendedSubject(report.title);
  if (subject) (report.title = subject), cap('title', MENDED_TITLE);
  const uncertain: Uncertain[] = [...report.uncertain];
  const sig = report.signature;
  if (sig.position && !isPosition(sig.position)) {
    const near = mendedPosition(sig.position, sig.lines);
    if (near) (sig.position = near), cap('signature.position', MENDED_POSITION);
    else {
      uncertain.push({ field: 'signature.position', raw: sig.position, reason: 'not the words of a position' });
      sig.position = null;
    }
  }
  // On OCR'd pages, a seal over the block: a name whose surname lost its head, an authority mark lost before its body.
  if (ocrWords?.length) {
    const headed = sig.name ? null : sig.lines.map(nameWithHead).find(Boolean);
    if (headed) (sig.name = headed), cap('signature.name', MISREAD_SURNAME);
    const mark = sig.authority ? null : sig.lines.map(lostAuthority).find(Boolean);
    if (mark) (sig.authority = mark), cap('signature.authority', LOST_AUTHORITY);
  }
  const surname = sig.name ? misreadSurname(sig.name) : null;
  // On OCR'd pages the surname's marks are mended; a typed name says what it says.
  if (sig.name && surname) {
    if (ocrWords?.length) sig.name = sig.name.replace(/^\S+/u, surname);
    cap('signature.name', MISREAD_SURNAME);
  }
  const issuer = mendedIssuer(report);
  if (issuer) (report.header.issuingBody = issuer), cap('header.issuingBody', MENDED_ISSUER);
  // OCR's misreadings of the items' short forms ("Lưu: VT", "(b/c)"); a typed list says what it says.
  const mendedItems = words ? { recipients: report.recipients.map(mendedRecipient), recipientLines: report.recipientLines.map(mendedRecipient) } : {};
  const confidence: Record<string, number> = {};
  const doubted = new Set<string>();
  const reread = rereadTitle(report.title, doubt);
  if (reread) (report.title = reread), doubted.add('title');
  if (placeDoubted(report, doubt)) doubted.add('header.place');
  if (nameDoubted(report, doubt)) doubted.add('signature.name');
  for (const [field, printed, counts, place] of FIELDS) {
    const text = printed(report);
    if (!text) continue;
    const ts = tokensOf(text);
    // Text input has no OCR confidence: the parse alone decides.
    const evidence = words && ts.length ? evidenceOf(words, ts, place) : [1];
    // A name is as sure as its words on the whole, but one word read far worse than the rest holds it back.
    const ocr = counts === 'weakest' ? Math.min(...evidence) : Math.min(mean(evidence), 2 * Math.min(...evidence));
    confidence[field] = round(ocr * (parseQuality[field] ?? 1) * fieldTextQuality(text) * (doubted.has(field) ? DOUBTED : 1));
  }
  const recipients = recipientsConfidence(mendedItems.recipients ?? report.recipients, words);
  if (recipients !== undefined) confidence.recipients = recipients;
  // The markers are linked to the notes by their numbers: they are as sure as the notes, and the two must agree.
  const notes = footnotesConfidence(report.footnotes, words);
  for (const field of ['footnotes', 'footnoteLinks']) {
    const own = notes ?? parseQuality[field];
    if (own !== undefined) confidence[field] = round(Math.min(own, parseQuality[field] ?? 1));
  }
  if (parseQuality.tables !== undefined) confidence.tables = parseQuality.tables;
  // The word a marker follows, by how it reads only: a word as common as most is found anywhere on the page.
  report.footnoteLinks.forEach((link, k) => (confidence[`footnoteLinks.${k}.word`] = round(fieldTextQuality(link.word))));
  return { ...report, ...mendedItems, confidence, uncertain };
}
